package io.github.flashj.io.output;

import io.github.flashj.gzip.Crc32Combine;
import io.github.flashj.io.lz4.XxHash32;
import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * The state of one compressed file written as pieces ({@link OutputCompression#joinsPieces()}): the
 * length of its content so far, the content's CRC-32 (gzip's trailer) and, where the content was
 * seen in order, its running XXH32 (an LZ4 frame's content checksum). That is all the file's end
 * needs ({@link OutputCompression#fileEnd}), and all a writer needs to continue the file from a cut
 * between pieces. Digests of consecutive parts join ({@link #append}).
 */
public final class PieceDigest implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int BYTES = 12;

    private long length;
    private int crc;
    /** Null when not kept: the file then has no content checksum. */
    private XxHash32 contentChecksum;

    PieceDigest(boolean keepContentChecksum) {
        contentChecksum = keepContentChecksum ? new XxHash32() : null;
    }

    /** The digest of no content, keeping no content checksum: where parts' digests are joined. */
    public static PieceDigest empty() {
        return new PieceDigest(false);
    }

    /** An independent copy, as a checkpoint keeps it. */
    PieceDigest copy() {
        PieceDigest c = new PieceDigest(false);
        c.length = length;
        c.crc = crc;
        c.contentChecksum = contentChecksum == null ? null : contentChecksum.copy();
        return c;
    }

    /** The length of the content so far. */
    public long length() {
        return length;
    }

    /** The CRC-32 of the content so far (gzip only; 0 otherwise). */
    public int crc32() {
        return crc;
    }

    /** The running XXH32 of the content so far, or null when this digest keeps none. */
    public XxHash32 contentChecksum() {
        return contentChecksum == null ? null : contentChecksum.copy();
    }

    /** Adds {@code text[off, off + len)}, whose CRC-32 is {@code textCrc} (0 but for gzip). */
    void add(int textCrc, byte[] text, int off, int len) {
        crc = Crc32Combine.combine(crc, textCrc, len);
        length += len;
        if (contentChecksum != null) {
            contentChecksum.update(text, off, len);
        }
    }

    /**
     * Adds the content of {@code next}, which follows this one's. A running XXH32 cannot take in
     * another's, so this digest keeps no content checksum afterwards.
     */
    public void append(PieceDigest next) {
        crc = Crc32Combine.combine(crc, next.crc, next.length);
        length += next.length;
        contentChecksum = null;
    }

    /** The length and CRC-32, as {@link #fromBytes} reads them (the content checksum is not kept). */
    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(length).putInt(crc).array();
    }

    /** A digest written by {@link #toBytes}. */
    public static PieceDigest fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a piece digest has " + BYTES + " bytes, not " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        PieceDigest d = new PieceDigest(false);
        d.length = b.getLong();
        d.crc = b.getInt();
        return d;
    }
}
