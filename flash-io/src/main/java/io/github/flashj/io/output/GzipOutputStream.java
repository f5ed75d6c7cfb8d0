package io.github.flashj.io.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member written with zlib and the header FLASH's zlib writes (no name, mtime 0, OS 3):
 * at level 6, {@code -z} output has the same compressed bytes as {@code flash -z}.
 */
final class GzipOutputStream extends OutputStream {
    private final OutputStream out;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[1 << 16];
    private boolean closed;

    GzipOutputStream(OutputStream out, int level) throws IOException {
        this.out = out;
        deflater = new Deflater(level, true);
        out.write(GzipPieces.HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        crc.update(b, off, len);
        deflater.setInput(b, off, len);
        while (!deflater.needsInput()) {
            drain();
        }
    }

    private void drain() throws IOException {
        int n = deflater.deflate(buf, 0, buf.length, Deflater.NO_FLUSH);
        if (n > 0) {
            out.write(buf, 0, n);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deflater.finish();
            while (!deflater.finished()) {
                drain();
            }
            out.write(GzipPieces.trailer((int) crc.getValue(), deflater.getBytesRead()));
        } finally {
            deflater.end();
            out.close();
        }
    }

    /** Releases the deflater and the file without finishing the member (failed runs). */
    void discard() throws IOException {
        closed = true;
        deflater.end();
        out.close();
    }
}
