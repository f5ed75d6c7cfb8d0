package io.github.flashj.io;

import io.github.flashj.gzip.GzipDecoding;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens inputs by name ({@code -} is standard input) and undoes compression found by magic bytes. */
final class InputFiles {
    /** The name used in messages for standard input. */
    static final String STDIN_NAME = "standard input";

    private InputFiles() {
    }

    /** Opens a path, or standard input for {@code -}; compression is recognised by its magic bytes. */
    static InputStream open(String path) throws IOException {
        if ("-".equals(path)) {
            return decompress(System.in, STDIN_NAME);
        }
        InputStream raw;
        try {
            // FileInputStream, not Files.newInputStream: the latter's available() seeks, which
            // fails on named pipes such as <(zcat x.gz).
            raw = new FileInputStream(path);
        } catch (FileNotFoundException e) {
            Path p = Path.of(path);
            String reason = !Files.exists(p) ? "No such file or directory"
                    : Files.isDirectory(p) ? "Is a directory" : "Permission denied";
            throw new FileNotFoundException("Failed to open \"" + path + "\" for reading: " + reason);
        }
        return decompress(raw, path);
    }

    /** The name of an input for messages. */
    static String displayName(String path) {
        return "-".equals(path) ? STDIN_NAME : path;
    }

    /** Wraps a stream in the decoder its first bytes call for; plain data passes through. */
    static InputStream decompress(InputStream raw, String name) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(4);
        byte[] head = new byte[4];
        int n = in.readNBytes(head, 0, head.length);
        in.reset();
        if (GzipDecoding.isGzip(head, n)) {
            return GzipDecoding.open(in, name);
        }
        return in;
    }
}
