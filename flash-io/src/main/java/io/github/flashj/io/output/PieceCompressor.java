package io.github.flashj.io.output;

import io.github.flashj.gzip.IsalDeflate;
import io.github.flashj.io.lz4.Lz4FramePieces;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses text into pieces of one file ({@link OutputCompression#joinsPieces()}): gzip's raw
 * deflate, by ISA-L at levels 0 to 3 where the native library loads and by zlib at levels 4 to 9
 * (and at level 6 where ISA-L is absent), or LZ4 blocks. Not thread-safe: one per thread; it
 * reuses its state.
 */
final class PieceCompressor {
    private final OutputCompression compression;
    private final boolean gzip;
    private final boolean isal;
    private final CRC32 crc = new CRC32();
    private Deflater deflater;
    private Lz4FramePieces lz4;

    PieceCompressor(OutputCompression compression) {
        this(compression, IsalDeflate.available());
    }

    /** With {@code isal} false, gzip is compressed by zlib even where ISA-L loads. */
    PieceCompressor(OutputCompression compression, boolean isal) {
        if (!compression.joinsPieces()) {
            throw new IllegalArgumentException(compression + " is not written in pieces");
        }
        this.compression = compression;
        this.isal = isal && compression.isalLevel();
        gzip = compression.isGzip();
    }

    /** The CRC-32 of {@code data[0, length)} with gzip; 0 otherwise (LZ4 keeps no CRC). */
    int checksum(byte[] data, int length) {
        if (!gzip) {
            return 0;
        }
        crc.reset();
        crc.update(data, 0, length);
        return (int) crc.getValue();
    }

    /** Appends {@code data[0, length)} to {@code out} as one piece. */
    void compress(byte[] data, int length, ByteBuilder out) throws IOException {
        if (!gzip) {
            if (lz4 == null) {
                lz4 = new Lz4FramePieces();
            }
            byte[] room = out.reserve(Lz4FramePieces.maxPieceSize(length));
            out.advance(lz4.compress(data, 0, length, room, out.length()));
        } else if (isal) {
            byte[] room = out.reserve(IsalDeflate.maxPieceSize(length));
            int size = IsalDeflate.compressPiece(data, 0, length, room, out.length(), compression.level());
            if (size < 0) {
                throw new IllegalStateException("ISA-L's deflate of " + length + " bytes overran its bound");
            }
            out.advance(size);
        } else {
            deflate(data, length, out);
        }
    }

    /** zlib's raw deflate, ended by a sync flush: a byte-aligned piece that refers to nothing before it. */
    private void deflate(byte[] data, int length, ByteBuilder out) {
        if (deflater == null) {
            deflater = new Deflater(compression.zlibLevel(), true);
        } else {
            deflater.reset();
        }
        deflater.setInput(data, 0, length);
        while (true) {
            byte[] room = out.reserve(length / 2 + 1024);
            int room0 = room.length - out.length();
            int n = deflater.deflate(room, out.length(), room0, Deflater.SYNC_FLUSH);
            out.advance(n);
            if (n < room0) {
                return;
            }
        }
    }
}
