package io.github.flashj.io.output;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One part of a file written in pieces ({@link OutputCompression#joinsPieces()}): what it is given,
 * compressed in pieces of {@value #PIECE} bytes, with no file start or end, and the part's
 * {@link #digest()}. Parts written one after another between the file's start and end make the file.
 * Made by {@link OutputCompression#pieces}; not thread-safe.
 */
public final class PieceOutputStream extends OutputStream {
    /** Large enough that a piece's flush and fresh start cost little, small enough to stay in cache. */
    static final int PIECE = 1 << 20;

    private final OutputStream out;
    private final PieceCompressor compressor;
    private final PieceDigest digest = PieceDigest.empty();
    private final ByteBuilder text = new ByteBuilder(PIECE);
    private final ByteBuilder piece = new ByteBuilder(1 << 16);
    private boolean closed;

    PieceOutputStream(OutputCompression compression, OutputStream out) {
        this.out = out;
        compressor = new PieceCompressor(compression);
    }

    @Override
    public void write(int b) throws IOException {
        if (text.length() == PIECE) {
            flushPiece();
        }
        text.append((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int done = 0; done < len; ) {
            if (text.length() == PIECE) {
                flushPiece();
            }
            int n = Math.min(len - done, PIECE - text.length());
            text.append(b, off + done, n);
            done += n;
        }
    }

    private void flushPiece() throws IOException {
        if (text.length() == 0) {
            return;
        }
        piece.clear();
        compressor.compress(text.array(), text.length(), piece);
        digest.add(compressor.checksum(text.array(), text.length()), text.array(), 0, text.length());
        piece.writeTo(out);
        text.clear();
    }

    /** The digest of what has been written so far; complete once the stream is closed. */
    public PieceDigest digest() {
        return digest;
    }

    /** Compresses what is left and closes the stream under this one. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushPiece();
        } finally {
            out.close();
        }
    }
}
