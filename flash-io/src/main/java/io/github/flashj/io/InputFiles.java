package io.github.flashj.io;

import com.github.luben.zstd.ZstdInputStream;
import io.github.flashj.gzip.GzipDecoding;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * Opens inputs by name ({@code -} is standard input) and undoes the compression their magic bytes
 * show: gzip (and BGZF), Zstandard, LZ4 frames.
 */
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
        if (n == 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return new NamedErrors(new ZstdInputStream(in), name, "zstd");
        }
        if (n == 4 && head[0] == 0x04 && head[1] == 0x22 && head[2] == 0x4d && head[3] == 0x18) {
            return new NamedErrors(new LZ4FrameInputStream(in), name, "lz4");
        }
        return in;
    }

    /** Puts the input's name on every error of a zstd or LZ4 decoder. */
    private static final class NamedErrors extends FilterInputStream {
        private final String name;
        private final String format;

        NamedErrors(InputStream in, String name, String format) {
            super(in);
            this.name = name;
            this.format = format;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException | RuntimeException e) {
                throw new CompressedDataException(name, format, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw new CompressedDataException(name, format, e);
            }
        }
    }
}
