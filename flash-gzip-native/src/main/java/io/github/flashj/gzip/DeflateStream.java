package io.github.flashj.gzip;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A pure Java decoder of a gzip file's deflate data (RFC 1951 inside RFC 1952 members), entered at
 * any block boundary: what splitting a plain gzip file needs, where neither rapidgzip nor zlib can
 * be given a Hadoop stream or a bit offset. Decoding may start with the 32 KiB before the start
 * known (a seek point of an index) or unknown (a range of the file that one task indexes while
 * others index the ranges before it): then each byte that depends on the unknown window is kept
 * as a <em>marker</em> naming its position in that window, and {@link #resolve} replaces the
 * markers once the window is known.
 *
 * <p>Symbols: a value 0 to 255 is that byte; {@code MARKER + k} (k from 0 to {@link #WINDOW} - 1)
 * is byte k of the unknown window, counted from the window's start, the byte right before the
 * start being {@code k = WINDOW - 1}.
 *
 * <p>Offsets in bits count from the file's first byte, least significant bit first, as deflate
 * reads them. Errors are {@link GzipFormatException}s naming the file and the compressed offset.
 * Not safe for use from several threads.
 */
public final class DeflateStream implements Closeable {
    /** The bytes a back-reference can reach: the window a seek point needs. */
    public static final int WINDOW = 32 * 1024;
    /** The first marker symbol: {@code MARKER + k} is byte k of the unknown window. */
    public static final int MARKER = 256;

    private DeflateStream() {
    }

    /**
     * Decodes from a gzip member's header on, at byte {@code byteOffset} of the file, with no window.
     *
     * @param in the file's bytes from {@code byteOffset} on; closed with this stream
     * @param name the file's name, for messages
     */
    public static DeflateStream atMember(InputStream in, long byteOffset, String name) {
        throw new UnsupportedOperationException();
    }

    /**
     * Decodes from the first bit of a deflate block, {@code bitOffset}, inside a gzip member.
     *
     * @param in the file's bytes from byte {@code bitOffset / 8} on; closed with this stream
     * @param window the decompressed bytes right before the block (the last {@link #WINDOW} or
     *     fewer), or null when unknown: then output that depends on them is kept as markers
     * @param name the file's name, for messages
     */
    public static DeflateStream atBlock(InputStream in, long bitOffset, byte[] window, String name) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads decompressed bytes, across blocks and gzip members, checking each member decoded from
     * its header against its trailer (CRC32 and size).
     *
     * @return how many bytes were read (at least 1 when {@code len > 0}); -1 after the last member
     * @throws GzipFormatException on bad data, a trailer that does not match, or output that
     *     depends on an unknown window
     */
    public int read(byte[] out, int off, int len) throws IOException {
        throw new UnsupportedOperationException();
    }

    /**
     * Decodes through the end of the current deflate block (or, between members, through the
     * trailer, the next header and its first block), keeping only the window.
     *
     * @return false at the end of the data: nothing was decoded
     */
    public boolean nextBlock() throws IOException {
        throw new UnsupportedOperationException();
    }

    /** Where the next block (or member) starts, in bits, while standing between two; else where decoding stands. */
    public long bitPosition() {
        throw new UnsupportedOperationException();
    }

    /** Whether decoding stands between two blocks (or members, or after the last). */
    public boolean atBoundary() {
        throw new UnsupportedOperationException();
    }

    /** Decompressed bytes decoded since the start. */
    public long decoded() {
        throw new UnsupportedOperationException();
    }

    /** Whether the last {@link #WINDOW} decompressed bytes hold no marker. */
    public boolean windowKnown() {
        throw new UnsupportedOperationException();
    }

    /**
     * The last {@link #WINDOW} decompressed bytes as symbols (markers where unknown); shorter only
     * when a known window was shorter and the data since are too.
     */
    public short[] windowSymbols() {
        throw new UnsupportedOperationException();
    }

    /**
     * The last {@link #WINDOW} decompressed bytes (fewer at the start of the data).
     *
     * @throws IllegalStateException when they hold markers
     */
    public byte[] window() {
        throw new UnsupportedOperationException();
    }

    /** The ends of the gzip members met so far, in order. */
    public List<MemberEnd> memberEnds() {
        throw new UnsupportedOperationException();
    }

    /**
     * A gzip member's end.
     *
     * @param decodedAt where its data end, in decompressed bytes since the start
     * @param checked whether the member was decoded from its header, and so checked here
     * @param partialCrc the CRC32 of the member's bytes decoded since the start, when not checked
     * @param trailerCrc the CRC32 its trailer gives
     * @param trailerSize the size its trailer gives (the data's size modulo 2^32)
     */
    public record MemberEnd(long decodedAt, boolean checked, int partialCrc, int trailerCrc, int trailerSize) {
    }

    /** The CRC32 of the bytes decoded since the start or the last member's end, whichever is later. */
    public int runningCrc() {
        throw new UnsupportedOperationException();
    }

    /** How many bytes {@link #runningCrc} covers. */
    public long runningLength() {
        throw new UnsupportedOperationException();
    }

    /**
     * The window at a point, {@code symbols} (from {@link #windowSymbols} of a stream started with
     * an unknown window) with their markers replaced by the bytes of {@code window}, the window
     * that stream started with (fewer than {@link #WINDOW} bytes: the last ones).
     */
    public static byte[] resolve(short[] symbols, byte[] window) {
        throw new UnsupportedOperationException();
    }

    /**
     * Opens the data at the first bit at or after byte {@code byteOffset}, before bit {@code toBit},
     * where decoding can start: a gzip member's header (then with an empty window), or a deflate
     * block (stored, or with dynamic codes; then with an unknown window) that decodes without error
     * for as far as the check reads. A block found this way can still be false, which a chain of
     * ranges tells (the range before ends elsewhere). {@link #bitPosition} is then where it starts.
     *
     * @param in the file's bytes from {@code byteOffset} on (read past {@code toBit} for the check,
     *     and on by the stream returned); closed by the stream returned, or here when there is none
     * @return the stream, or null when no start lies in the range
     */
    public static DeflateStream openAtFirstStart(InputStream in, long byteOffset, long toBit, String name)
            throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException();
    }
}
