package io.github.flashj.io.input;

import io.github.flashj.io.plan.PositionalInput;
import java.io.IOException;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What tells an input file apart from a changed one, cheaply: its size, its modification time and
 * a SHA-256 of its first and last MiB. A run that resumes checks its inputs against the
 * fingerprints its earlier attempt recorded: an input appended to changes the size and the last
 * MiB, one replaced by a copy of another changes the hashed bytes or the time.
 *
 * @param size the file's size in bytes
 * @param modified its modification time, in milliseconds since the epoch
 * @param digest the SHA-256 of its first MiB followed by its last MiB, in hex
 */
public record InputFingerprint(long size, long modified, String digest) implements Serializable {
    /** Bytes hashed at each end of the file. */
    static final int HASHED = 1 << 20;

    /** The fingerprint of a file read through {@code in}, modified at {@code modified}. */
    public static InputFingerprint of(PositionalInput in, long modified) throws IOException {
        long size = in.size();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buffer = new byte[HASHED];
        int head = (int) Math.min(HASHED, size);
        in.readFully(0, buffer, 0, head);
        sha.update(buffer, 0, head);
        long tailFrom = Math.max(head, size - HASHED);
        int tail = (int) (size - tailFrom);
        in.readFully(tailFrom, buffer, 0, tail);
        sha.update(buffer, 0, tail);
        return new InputFingerprint(size, modified, HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * How {@code now}, this file's fingerprint today, shows it changed, or null when it did not.
     */
    public String change(InputFingerprint now) {
        if (now.size != size) {
            return "its size changed from " + size + " to " + now.size + " bytes";
        }
        if (!now.digest.equals(digest)) {
            return "its content changed";
        }
        if (now.modified != modified) {
            return "it was modified since";
        }
        return null;
    }

    /** The fingerprint as a journal or a message shows it. */
    @Override
    public String toString() {
        return "size " + size + ", modified " + modified + ", SHA-256 of the first and last MiB " + digest;
    }
}
