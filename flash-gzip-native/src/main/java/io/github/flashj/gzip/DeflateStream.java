package io.github.flashj.gzip;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * A decoder of a gzip file's deflate data (RFC 1951 inside RFC 1952 members), entered at any block
 * boundary: what splitting a plain gzip file needs, where neither rapidgzip nor zlib can be given a
 * Hadoop stream or a bit offset. It decodes in Java, but hands each block whose window is known to
 * ISA-L where the native library loads ({@link IsalInflate#available}), several times faster; the
 * twins give the same bytes, boundaries and errors, since the members, boundaries and checks stay
 * here. Decoding may start with the 32 KiB before the start
 * known (a seek point of an index) or unknown (a range of the file that one task indexes while
 * others index the ranges before it): then each byte that depends on the unknown window is kept
 * as a <em>marker</em> naming its position in that window, and {@link #resolve} replaces the
 * markers once the window is known.
 *
 * <p>Symbols: a value 0 to 255 is that byte; {@code MARKER + k} (k from 0 to {@link #WINDOW} - 1)
 * is byte k of the unknown window, counted from the window's start, the byte right before the
 * start being {@code k = WINDOW - 1}. Markers go up to 33023, past {@code Short.MAX_VALUE}: read a
 * {@code short} symbol as {@code s & 0xFFFF}.
 *
 * <p>Offsets in bits count from the file's first byte, least significant bit first, as deflate
 * reads them. Errors are {@link GzipFormatException}s naming the file and the compressed offset.
 * Not safe for use from several threads.
 *
 * <p>Boundaries, where {@link #nextBlock} stops and {@link #atBoundary} holds: before each deflate
 * block's header but a member's first (nextBlock decodes a member's header with its first block),
 * before each gzip member's header (right after the trailer of the one before), and after the last
 * member. Where several bits are equivalent starts of the same block, nextBlock and the finder
 * settle on the same one (see {@link #nextBlock}). A gzip member is independent of what comes before it: a
 * back-reference can reach no byte before its member's first one. After the last member, bytes
 * that do not begin another member (1f 8b) are ignored, as gzip and zlib do, and an empty input is
 * empty data ({@link #read} gives -1 at once), where gzip would call it invalid.
 */
public final class DeflateStream implements Closeable {
    /** The bytes a back-reference can reach: the window a seek point needs. */
    public static final int WINDOW = 32 * 1024;
    /** The first marker symbol: {@code MARKER + k} is byte k of the unknown window. */
    public static final int MARKER = 256;

    private static final int INPUT_BUFFER = 64 * 1024;
    /** The history kept for back-references plus the room decoded in one step. */
    private static final int OUTPUT_BUFFER = 8 * WINDOW;
    private static final int MAX_MATCH = 258;
    /** Below this much room left, the output buffer slides its last window to its start. */
    private static final int MIN_ROOM = 16 * 1024;
    /** Fixed-Huffman blocks that may follow a block found by the finder before it is believed. */
    private static final int FIXED_BLOCKS_BELIEVED = 8;
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14,
        1, 15};
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private static final int MEMBER_HEADER = 0;
    private static final int BLOCK_HEADER = 1;
    private static final int STORED = 2;
    private static final int HUFFMAN = 3;
    private static final int TRAILER = 4;
    private static final int DONE = 5;
    /** Inside a block that ISA-L decodes. */
    private static final int NATIVE = 6;

    private static final int TYPE_STORED = 0;
    private static final int TYPE_FIXED = 1;
    private static final int TYPE_DYNAMIC = 2;

    /** Kinds of start the finder tries. */
    private static final int START_NONE = 0;
    private static final int START_MEMBER = 1;
    private static final int START_STORED = 2;
    private static final int START_DYNAMIC = 3;

    private final String name;

    // Input: inBuf[0] is byte inBufStart of the file; bits not yet taken are bitBuf's low bitCount
    // bits, then inBuf from inPos. Bits of bitBuf above bitCount may hold the bytes from inPos on.
    private final InputStream in;
    private byte[] inBuf = new byte[INPUT_BUFFER];
    private long inBufStart;
    private int inPos;
    private int inLimit;
    private boolean inEof;
    /** While the finder scans: the first byte of inBuf that must stay, else -1. */
    private int retainFrom = -1;
    private long bitBuf;
    private int bitCount;
    /** Bits of the first byte still to skip before the first header. */
    private int pendingSkip;

    // Output: decoded data sits at [0, pos) of bytes, or of symbols while markers may occur; index
    // i is decoded byte base + i. [readPos, pos) is not yet read; back-references reach histStart.
    private byte[] bytes;
    private char[] symbols;
    private boolean markers;
    private int pos;
    private int readPos;
    private int histStart;
    private long base;

    private int state;
    /** Whether a block at a byte boundary may instead be a member's header, checked at the first step. */
    private boolean probeMember;
    private boolean finalBlock;
    private int blockType;
    private int storedLeft;
    private long blocksEnded;
    /** Whether the input ended right after the last trailer, with no bytes left to ignore. */
    private boolean endedAtEof;
    /** Whether codes are held to what encoders write, not all deflate allows: while the finder tries a start. */
    private boolean strict;

    private int[] literalLengthTable = HuffmanTables.FIXED_LITERAL_LENGTH;
    private int[] distanceTable = HuffmanTables.FIXED_DISTANCE;
    private int[] dynamicLiteralLength;
    private int[] dynamicDistance;
    private final int[] codeLengthTable = new int[1 << HuffmanTables.CODE_LENGTH_BITS];
    private final int[] codeLengths = new int[320];
    private final int[] tableScratch = new int[HuffmanTables.SCRATCH_SIZE];

    /**
     * Whether blocks whose window is known are decoded by ISA-L (the native library), several times
     * faster than here; false turns it off, for tests that compare the two.
     */
    private boolean nativeBlocks = IsalInflate.available();
    /** The ISA-L state of {@link #nativeBlocks}, 0 until first used; freed on close, or by the cleaner. */
    private long nativeState;
    private Cleaner.Cleanable nativeCleanable;
    private final int[] nativeProgress = new int[3];

    private final CRC32 crc = new CRC32();
    private final CRC32 headerCrc = new CRC32();
    /** Output index up to which crc covers the data. */
    private int crcPos;
    /** Whether no marker lies in what crc covers. */
    private boolean crcKnown;
    /** Where what crc covers begins, in decoded bytes. */
    private long crcStart;
    private byte[] crcScratch;
    private boolean memberChecked;
    private long memberStart;
    private final List<MemberEnd> memberEnds = new ArrayList<>();

    private DeflateStream(InputStream in, long byteOffset, String name) {
        this.in = Objects.requireNonNull(in, "in");
        this.name = name;
        this.inBufStart = byteOffset;
    }

    /**
     * Decodes from a gzip member's header on, at byte {@code byteOffset} of the file, with no window.
     *
     * @param in the file's bytes from {@code byteOffset} on; closed with this stream
     * @param name the file's name, for messages
     */
    public static DeflateStream atMember(InputStream in, long byteOffset, String name) {
        DeflateStream s = new DeflateStream(in, byteOffset, name);
        s.startKnown(new byte[0]);
        s.state = MEMBER_HEADER;
        return s;
    }

    /**
     * Decodes from the first bit of a deflate block, {@code bitOffset}, inside a gzip member. A
     * byte-aligned offset where a member's header (1f 8b) begins is also taken, and decoded as
     * {@link #atMember} does (no block can begin with those bits).
     *
     * @param in the file's bytes from byte {@code bitOffset / 8} on; closed with this stream
     * @param window the decompressed bytes right before the block (the last {@link #WINDOW} or
     *     fewer), or null when unknown: then output that depends on them is kept as markers
     * @param name the file's name, for messages
     */
    public static DeflateStream atBlock(InputStream in, long bitOffset, byte[] window, String name) {
        DeflateStream s = new DeflateStream(in, bitOffset >>> 3, name);
        if (window == null) {
            s.startUnknown();
        } else {
            s.startKnown(window);
        }
        s.state = BLOCK_HEADER;
        s.pendingSkip = (int) (bitOffset & 7);
        s.probeMember = s.pendingSkip == 0;
        return s;
    }

    private void startKnown(byte[] window) {
        if (bytes == null) {
            bytes = new byte[OUTPUT_BUFFER];
        }
        int n = Math.min(window.length, WINDOW);
        System.arraycopy(window, window.length - n, bytes, 0, n);
        markers = false;
        pos = n;
        base = -n;
        resetDecoding();
    }

    private void startUnknown() {
        if (symbols == null) {
            symbols = new char[OUTPUT_BUFFER];
        }
        for (int k = 0; k < WINDOW; k++) {
            symbols[k] = (char) (MARKER + k);
        }
        markers = true;
        pos = WINDOW;
        base = -WINDOW;
        resetDecoding();
    }

    private void resetDecoding() {
        readPos = pos;
        histStart = 0;
        crc.reset();
        crcPos = pos;
        crcKnown = true;
        crcStart = 0;
        memberChecked = false;
        memberStart = 0;
        memberEnds.clear();
        blocksEnded = 0;
        finalBlock = false;
        storedLeft = 0;
        endedAtEof = false;
        probeMember = false;
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
        Objects.checkFromIndexSize(off, len, out.length);
        if (len == 0) {
            return 0;
        }
        while (readPos == pos) {
            if (state == DONE) {
                return -1;
            }
            step();
        }
        int n = Math.min(len, pos - readPos);
        if (markers) {
            char[] s = symbols;
            for (int i = 0; i < n; i++) {
                char c = s[readPos + i];
                if (c >= MARKER) {
                    throw new GzipFormatException(name, "gzip data at decompressed byte " + (base + readPos + i)
                            + " (counted from the start) depends on the 32 KiB before the start, which are unknown",
                            null);
                }
                out[off + i] = (byte) c;
            }
        } else {
            System.arraycopy(bytes, readPos, out, off, n);
        }
        readPos += n;
        return n;
    }

    /**
     * Decodes through the end of the current deflate block, keeping only the window. From a
     * member's header, that is the header and the member's first block; after a member's last
     * block, decoding goes on through its trailer, to the next member's header or the end. A
     * boundary between blocks is settled on one of its equivalent starts: past empty
     * fixed-Huffman blocks, and past a stored block's zero padding (see the finder).
     *
     * @return false at the end of the data: nothing was decoded
     */
    public boolean nextBlock() throws IOException {
        return nextBlock(null);
    }

    /**
     * {@link #nextBlock()}, writing the bytes decoded to {@code data} (null: dropped), which a
     * stream that started with its window unknown cannot do.
     *
     * @throws IllegalStateException when {@code data} is given and the stream holds markers
     */
    public boolean nextBlock(OutputStream data) throws IOException {
        long target = blocksEnded + 1;
        while (true) {
            if (data != null && pos > readPos) {
                if (markers) {
                    throw new IllegalStateException("the data depend on the window before the start, which is unknown");
                }
                data.write(bytes, readPos, pos - readPos);
            }
            readPos = pos;
            if (state == DONE || blocksEnded >= target && atBoundary()) {
                break;
            }
            step();
        }
        if (state == BLOCK_HEADER) {
            settleBoundary();
        }
        return blocksEnded >= target;
    }

    /**
     * Settles a boundary that {@link #nextBlock} stopped at, or the finder found, on one of the
     * equivalent starts, so that both give the same bit: it passes over empty fixed-Huffman blocks
     * (the 10 bits zlib's partial flush and pigz write to reach a byte boundary), and moves the
     * start of a stored block that is not the last over its zero padding, to the latest bit where
     * its 3 header bits still lead to the same length field. (Zero bits before a stored block's
     * header may belong to the block before; a stored block is found by its length field, not by
     * its header.) Decoding from the bit settled on gives the same bytes.
     */
    private void settleBoundary() throws IOException {
        if (pendingSkip > 0 && !applySkip()) {
            return;
        }
        while (ensureBits(10) && (bitBuf & 0x3ff) == 0b0000000010) {
            takeBits(10);
        }
        int toByte = bitCount & 7;
        int zeros = toByte >= 3 ? toByte : toByte + 8;
        if (!ensureBits(zeros + 32) || (bitBuf & ((1L << zeros) - 1)) != 0) {
            return;
        }
        int length = (int) (bitBuf >>> zeros) & 0xffff;
        int inverse = (int) (bitBuf >>> (zeros + 16)) & 0xffff;
        if (length == (~inverse & 0xffff)) {
            takeBits(zeros - 3);
        }
    }

    /**
     * Where the next block (or member) starts, in bits, while standing between two (settled as
     * nextBlock describes); else where decoding stands.
     */
    public long bitPosition() {
        return (inBufStart + inPos) * 8 - bitCount + pendingSkip;
    }

    /** Whether decoding stands between two blocks (or members, or after the last). */
    public boolean atBoundary() {
        return state == BLOCK_HEADER || state == MEMBER_HEADER || state == DONE;
    }

    /**
     * Decompressed bytes decoded since the start: at a boundary {@link #nextBlock} stopped at, the
     * bytes before it; while {@link #read} is used, up to a few hundred KiB more than it returned.
     */
    public long decoded() {
        return base + pos;
    }

    /**
     * Whether the last {@link #WINDOW} decompressed bytes hold no marker. In FASTQ a read name's
     * constant prefix is copied from one record to the next, never written anew, so markers
     * usually last through a whole range: resolve its windows with {@link #resolve}.
     */
    public boolean windowKnown() {
        return !markers || !markerIn(pos - WINDOW, pos);
    }

    /**
     * The last {@link #WINDOW} decompressed bytes as symbols (markers where unknown; read each as
     * {@code s & 0xFFFF}); shorter only when a known window was shorter and the data since are too.
     */
    public short[] windowSymbols() {
        int n = markers ? WINDOW : Math.min(WINDOW, pos);
        short[] w = new short[n];
        int from = pos - n;
        if (markers) {
            for (int i = 0; i < n; i++) {
                w[i] = (short) symbols[from + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                w[i] = (short) (bytes[from + i] & 0xff);
            }
        }
        return w;
    }

    /**
     * The last {@link #WINDOW} decompressed bytes (fewer at the start of the data).
     *
     * @throws IllegalStateException when they hold markers
     */
    public byte[] window() {
        if (!markers) {
            return Arrays.copyOfRange(bytes, Math.max(0, pos - WINDOW), pos);
        }
        if (!windowKnown()) {
            throw new IllegalStateException("the window still depends on the unknown one before the start");
        }
        byte[] w = new byte[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            w[i] = (byte) symbols[pos - WINDOW + i];
        }
        return w;
    }

    /**
     * The ends of the gzip members met so far, in order: an unmodifiable view that grows as
     * decoding goes on (so that a file of many members costs no copy per call).
     */
    public List<MemberEnd> memberEnds() {
        return Collections.unmodifiableList(memberEnds);
    }

    /**
     * A gzip member's end.
     *
     * @param decodedAt where its data end, in decompressed bytes since the start
     * @param checked whether the member was decoded from its header, and so checked here
     * @param partialCrc the CRC32 of the member's bytes decoded since the start, when not checked
     *     (0 when markers lie in them); when checked, the CRC32 of the whole member
     * @param trailerCrc the CRC32 its trailer gives
     * @param trailerSize the size its trailer gives (the data's size modulo 2^32)
     */
    public record MemberEnd(long decodedAt, boolean checked, int partialCrc, int trailerCrc, int trailerSize) {
    }

    /**
     * The CRC32 of the bytes decoded since the start or the last member's end, whichever is later;
     * 0 when markers lie in those bytes.
     */
    public int runningCrc() {
        updateCrc();
        return crcKnown ? (int) crc.getValue() : 0;
    }

    /** How many bytes {@link #runningCrc} covers. */
    public long runningLength() {
        return decoded() - crcStart;
    }

    /**
     * The window at a point, {@code symbols} (from {@link #windowSymbols} of a stream started with
     * an unknown window) with their markers replaced by the bytes of {@code window}, the window
     * that stream started with (fewer than {@link #WINDOW} bytes: the last ones). Leading markers
     * that name bytes before {@code window}'s first are dropped: near the start of the data, where
     * {@code window} is shorter, the window at the point is shorter too.
     *
     * @throws IllegalArgumentException when a marker after the leading ones names a byte before
     *     {@code window}'s first (a back-reference that reached before the data's start)
     */
    public static byte[] resolve(short[] symbols, byte[] window) {
        int known = Math.min(window.length, WINDOW);
        int first = window.length - known;
        int missing = WINDOW - known;
        int skip = 0;
        while (skip < symbols.length && (symbols[skip] & 0xffff) - MARKER >= 0
                && (symbols[skip] & 0xffff) - MARKER < missing) {
            skip++;
        }
        byte[] out = new byte[symbols.length - skip];
        for (int i = skip; i < symbols.length; i++) {
            int s = symbols[i] & 0xffff;
            if (s < MARKER) {
                out[i - skip] = (byte) s;
            } else {
                int k = s - MARKER;
                if (k < missing || k >= WINDOW) {
                    throw new IllegalArgumentException("marker for window byte " + k + " lies before the "
                            + known + " bytes given");
                }
                out[i - skip] = window[first + k - missing];
            }
        }
        return out;
    }

    /**
     * Opens the data at the first bit at or after byte {@code byteOffset}, before bit {@code toBit},
     * where decoding can start: a gzip member's header (then with an empty window), or a deflate
     * block (stored, or with dynamic codes; then with an unknown window) that decodes without error
     * for as far as the check reads. A block found this way can still be false, which a chain of
     * ranges tells (the range before ends elsewhere). {@link #bitPosition} is then where it starts.
     *
     * <p>The check decodes the block found and reads the header of the one after it (through
     * fixed-Huffman blocks, up to 8 of them), or its member's trailer and then the end of the input
     * or a valid member header. Fixed-Huffman blocks are not looked for (encoders write them only
     * for tiny blocks). A stored block is taken only with zero bits up to its length field, as
     * encoders write it. The start found is settled as {@link #nextBlock} settles a boundary, so
     * that where a chain of blocks stops and where the finder starts agree. (They still disagree
     * where a range begins inside a member's header, whose first block is then found, or on a
     * fixed-Huffman block that holds data, which is passed over: rare, and decoded again.)
     *
     * @param in the file's bytes from {@code byteOffset} on (read past {@code toBit} for the check,
     *     and on by the stream returned); closed by the stream returned, or here when there is none
     * @return the stream, or null when no start lies in the range
     */
    public static DeflateStream openAtFirstStart(InputStream in, long byteOffset, long toBit, String name)
            throws IOException {
        DeflateStream s = new DeflateStream(in, byteOffset, name);
        boolean found = false;
        try {
            found = s.findFirstStart(byteOffset * 8, toBit);
        } finally {
            if (!found) {
                s.close();
            }
        }
        return found ? s : null;
    }

    @Override
    public void close() throws IOException {
        if (nativeCleanable != null) {
            nativeCleanable.clean();
            nativeCleanable = null;
            nativeState = 0;
        }
        in.close();
    }

    /** This stream, with every block decoded here rather than by ISA-L: the twin tests compare the two. */
    DeflateStream withoutNative() {
        nativeBlocks = false;
        return this;
    }

    // ---- Decoding steps ----

    /** Decodes one piece: a header, part of a block (as much as the output buffer takes), a trailer. */
    private void step() throws IOException {
        if (pendingSkip > 0 && !applySkip()) {
            throw corrupt("data cut short");
        }
        switch (state) {
            case MEMBER_HEADER -> readMemberHeader();
            case BLOCK_HEADER -> {
                if (probeMember) {
                    probeMember = false;
                    if (memberHeaderFollows()) {
                        state = MEMBER_HEADER;
                        return;
                    }
                }
                if (nativeBlocks && !markers && !strict) {
                    startNativeBlock();
                    return;
                }
                String problem = readBlockHeader();
                if (problem != null) {
                    throw corrupt(problem);
                }
            }
            case NATIVE -> {
                makeRoom();
                inflateNative();
            }
            case STORED -> {
                makeRoom();
                copyStored();
                leaveMarkersIfDone();
            }
            case HUFFMAN -> {
                makeRoom();
                if (markers) {
                    inflateSymbols();
                    leaveMarkersIfDone();
                } else {
                    inflateBytes();
                }
            }
            case TRAILER -> readTrailer();
            default -> {
            }
        }
    }

    private boolean applySkip() throws IOException {
        if (!ensureBits(pendingSkip)) {
            return false;
        }
        takeBits(pendingSkip);
        pendingSkip = 0;
        return true;
    }

    private void blockEnded() {
        blocksEnded++;
        state = finalBlock ? TRAILER : BLOCK_HEADER;
    }

    private void readMemberHeader() throws IOException {
        alignAndReturnBytes();
        if (!ensureBytes(1)) {
            endedAtEof = true;
            state = DONE;
            return;
        }
        headerCrc.reset();
        int id1 = headerByte();
        int id2 = headerByte();
        if (id1 != 0x1f || id2 != 0x8b) {
            throw corrupt("not a gzip member header");
        }
        int method = headerByte();
        if (method != 8) {
            throw corrupt("unknown compression method " + method);
        }
        int flags = headerByte();
        if ((flags & 0xe0) != 0) {
            throw corrupt("reserved header flags set");
        }
        for (int i = 0; i < 6; i++) {
            headerByte();
        }
        if ((flags & 4) != 0) {
            int extra = headerByte() | headerByte() << 8;
            for (int i = 0; i < extra; i++) {
                headerByte();
            }
        }
        if ((flags & 8) != 0) {
            while (headerByte() != 0) {
                // the file name
            }
        }
        if ((flags & 16) != 0) {
            while (headerByte() != 0) {
                // the comment
            }
        }
        if ((flags & 2) != 0) {
            int expected = (int) headerCrc.getValue() & 0xffff;
            int given = headerByte() | headerByte() << 8;
            if (given != expected) {
                throw corrupt("header CRC mismatch");
            }
        }
        updateCrc();
        crc.reset();
        crcKnown = true;
        crcStart = decoded();
        memberChecked = true;
        memberStart = decoded();
        histStart = pos;
        state = BLOCK_HEADER;
    }

    private int headerByte() throws IOException {
        if (!ensureBytes(1)) {
            throw corrupt("gzip header cut short");
        }
        int b = inBuf[inPos++] & 0xff;
        headerCrc.update(b);
        return b;
    }

    private boolean memberHeaderFollows() throws IOException {
        alignAndReturnBytes();
        return ensureBytes(2) && (inBuf[inPos] & 0xff) == 0x1f && (inBuf[inPos + 1] & 0xff) == 0x8b;
    }

    private void readTrailer() throws IOException {
        updateCrc();
        alignAndReturnBytes();
        if (!ensureBytes(8)) {
            inPos = inLimit;
            throw corrupt("gzip trailer cut short");
        }
        long trailer = (long) LONG_LE.get(inBuf, inPos);
        int trailerCrc = (int) trailer;
        int trailerSize = (int) (trailer >>> 32);
        int dataCrc = crcKnown ? (int) crc.getValue() : 0;
        if (memberChecked) {
            if (dataCrc != trailerCrc) {
                throw corrupt(String.format("CRC32 %08x of the data does not match the trailer's %08x", dataCrc,
                        trailerCrc));
            }
            long size = decoded() - memberStart;
            if ((int) size != trailerSize) {
                throw corrupt("data size " + size + " does not match the trailer's " + Integer.toUnsignedLong(
                        trailerSize));
            }
        }
        inPos += 8;
        memberEnds.add(new MemberEnd(decoded(), memberChecked, dataCrc, trailerCrc, trailerSize));
        crc.reset();
        crcKnown = true;
        crcStart = decoded();
        memberChecked = false;
        if (memberHeaderFollows()) {
            state = MEMBER_HEADER;
        } else {
            endedAtEof = !ensureBytes(1);
            state = DONE;
        }
    }

    /** Reads a block's header (and a dynamic block's codes); null, or what is wrong. */
    private String readBlockHeader() throws IOException {
        if (!ensureBits(3)) {
            return "data cut short";
        }
        finalBlock = takeBits(1) == 1;
        blockType = takeBits(2);
        switch (blockType) {
            case TYPE_STORED -> {
                alignAndReturnBytes();
                if (!ensureBytes(4)) {
                    return "stored block length cut short";
                }
                int length = (inBuf[inPos] & 0xff) | (inBuf[inPos + 1] & 0xff) << 8;
                int inverse = (inBuf[inPos + 2] & 0xff) | (inBuf[inPos + 3] & 0xff) << 8;
                if (length != (~inverse & 0xffff)) {
                    return "stored block length does not match its complement";
                }
                inPos += 4;
                storedLeft = length;
                state = STORED;
            }
            case TYPE_FIXED -> {
                literalLengthTable = HuffmanTables.FIXED_LITERAL_LENGTH;
                distanceTable = HuffmanTables.FIXED_DISTANCE;
                state = HUFFMAN;
            }
            case TYPE_DYNAMIC -> {
                String problem = readCodes();
                if (problem != null) {
                    return problem;
                }
                literalLengthTable = dynamicLiteralLength;
                distanceTable = dynamicDistance;
                state = HUFFMAN;
            }
            default -> {
                return "invalid block type";
            }
        }
        return null;
    }

    /** Reads a dynamic block's codes into the dynamic tables; null, or what is wrong. */
    private String readCodes() throws IOException {
        if (!ensureBits(14)) {
            return "data cut short";
        }
        int literalCodes = takeBits(5) + 257;
        int distanceCodes = takeBits(5) + 1;
        int codeLengthCodes = takeBits(4) + 4;
        if (literalCodes > 286) {
            return "too many literal/length codes";
        }
        if (distanceCodes > 30) {
            return "too many distance codes";
        }
        int[] lengths = codeLengths;
        Arrays.fill(lengths, 0, 19, 0);
        for (int i = 0; i < codeLengthCodes; i++) {
            if (!ensureBits(3)) {
                return "data cut short";
            }
            lengths[CODE_LENGTH_ORDER[i]] = takeBits(3);
        }
        String problem = HuffmanTables.build(lengths, 0, 19, HuffmanTables.CODE_LENGTH_SYMBOLS, codeLengthTable,
                HuffmanTables.CODE_LENGTH_BITS, false, false, tableScratch);
        if (problem != null) {
            return "code length code: " + problem;
        }
        int n = literalCodes + distanceCodes;
        int i = 0;
        while (i < n) {
            ensureBits(14);
            int entry = codeLengthTable[(int) bitBuf & ((1 << HuffmanTables.CODE_LENGTH_BITS) - 1)];
            int codeLength = entry & 15;
            if (codeLength > bitCount) {
                return "data cut short";
            }
            takeBits(codeLength);
            int symbol = entry >>> 16;
            if (symbol < 16) {
                lengths[i++] = symbol;
                continue;
            }
            int value;
            int repeat;
            if (symbol == 16) {
                if (i == 0) {
                    return "code length repeat with no length before";
                }
                value = lengths[i - 1];
                repeat = 3 + takeBitsChecked(2);
            } else if (symbol == 17) {
                value = 0;
                repeat = 3 + takeBitsChecked(3);
            } else {
                value = 0;
                repeat = 11 + takeBitsChecked(7);
            }
            if (repeat > n - i || bitCount < 0) {
                return bitCount < 0 ? "data cut short" : "code lengths run past the codes";
            }
            Arrays.fill(lengths, i, i + repeat, value);
            i += repeat;
        }
        if (lengths[256] == 0) {
            return "no end-of-block code";
        }
        if (dynamicLiteralLength == null) {
            dynamicLiteralLength = new int[HuffmanTables.TABLE_SIZE];
            dynamicDistance = new int[HuffmanTables.TABLE_SIZE];
        }
        problem = HuffmanTables.build(lengths, 0, literalCodes, HuffmanTables.LITERAL_LENGTH_SYMBOLS,
                dynamicLiteralLength, HuffmanTables.ROOT_BITS, !strict, false, tableScratch);
        if (problem != null) {
            return "literal/length code: " + problem;
        }
        problem = HuffmanTables.build(lengths, literalCodes, distanceCodes, HuffmanTables.DISTANCE_SYMBOLS,
                dynamicDistance, HuffmanTables.ROOT_BITS, true, !strict, tableScratch);
        if (problem != null) {
            return "distance code: " + problem;
        }
        return null;
    }

    private void copyStored() throws IOException {
        int n = Math.min(storedLeft, OUTPUT_BUFFER - pos);
        if (n > 0) {
            if (!ensureBytes(1)) {
                throw corrupt("stored block cut short");
            }
            n = Math.min(n, inLimit - inPos);
            if (markers) {
                for (int i = 0; i < n; i++) {
                    symbols[pos + i] = (char) (inBuf[inPos + i] & 0xff);
                }
            } else {
                System.arraycopy(inBuf, inPos, bytes, pos, n);
            }
            inPos += n;
            pos += n;
            storedLeft -= n;
        }
        if (storedLeft == 0) {
            blockEnded();
        }
    }

    /**
     * Decodes Huffman codes into bytes until the block ends or the output buffer is full. The
     * input is refilled 7 bytes at a time so that one symbol's bits (at most 48) are always there.
     */
    private void inflateBytes() throws IOException {
        final byte[] out = bytes;
        final int[] lit = literalLengthTable;
        final int[] dist = distanceTable;
        final int limit = OUTPUT_BUFFER - MAX_MATCH;
        final int floor = histStart;
        int p = pos;
        long bb = bitBuf;
        int bc = bitCount;
        byte[] src = inBuf;
        int ip = inPos;
        int fastEnd = inLimit - 8;
        boolean ended = false;
        while (p < limit) {
            if (bc < 48) {
                if (ip <= fastEnd) {
                    bb |= (long) LONG_LE.get(src, ip) << bc;
                    ip += (63 - bc) >>> 3;
                    bc |= 56;
                } else {
                    bitBuf = bb;
                    bitCount = bc;
                    inPos = ip;
                    pos = p;
                    refillSlow();
                    bb = bitBuf;
                    bc = bitCount;
                    src = inBuf;
                    ip = inPos;
                    fastEnd = inLimit - 8;
                }
            }
            int e = lit[(int) bb & HuffmanTables.ROOT_MASK];
            if ((e & HuffmanTables.KIND_MASK) == HuffmanTables.KIND_SUB) {
                e = lit[(e >>> 16) + ((int) (bb >>> HuffmanTables.ROOT_BITS) & ((1 << ((e >>> 4) & 15)) - 1))];
            }
            int n = e & 15;
            bb >>>= n;
            bc -= n;
            int kind = e & HuffmanTables.KIND_MASK;
            if (kind == HuffmanTables.KIND_VALUE) {
                out[p++] = (byte) (e >>> 16);
                continue;
            }
            if (kind == HuffmanTables.KIND_LENGTH) {
                int extra = (e >>> 4) & 15;
                int length = (e >>> 16) + ((int) bb & ((1 << extra) - 1));
                bb >>>= extra;
                bc -= extra;
                int d = dist[(int) bb & HuffmanTables.ROOT_MASK];
                if ((d & HuffmanTables.KIND_MASK) == HuffmanTables.KIND_SUB) {
                    d = dist[(d >>> 16) + ((int) (bb >>> HuffmanTables.ROOT_BITS) & ((1 << ((d >>> 4) & 15)) - 1))];
                }
                int dn = d & 15;
                bb >>>= dn;
                bc -= dn;
                int dExtra = (d >>> 4) & 15;
                int distance = (d >>> 16) + ((int) bb & ((1 << dExtra) - 1));
                bb >>>= dExtra;
                bc -= dExtra;
                if ((d & HuffmanTables.KIND_MASK) != HuffmanTables.KIND_VALUE || bc < 0
                        || distance > p - floor) {
                    save(bb, bc, ip, p);
                    throw corrupt(bc < 0 ? "data cut short" : (d & HuffmanTables.KIND_MASK) != 0
                            ? "invalid distance code" : "distance too far back");
                }
                int from = p - distance;
                if (distance >= length) {
                    System.arraycopy(out, from, out, p, length);
                } else {
                    for (int i = 0; i < length; i++) {
                        out[p + i] = out[from + i];
                    }
                }
                p += length;
                continue;
            }
            save(bb, bc, ip, p);
            if (kind == HuffmanTables.KIND_END && bc >= 0) {
                ended = true;
                break;
            }
            throw corrupt(bc < 0 ? "data cut short" : "invalid literal/length code");
        }
        save(bb, bc, ip, p);
        if (bc < 0) {
            throw corrupt("data cut short");
        }
        if (ended) {
            blockEnded();
        }
    }

    /** {@link #inflateBytes} into symbols, copying markers as they are. */
    private void inflateSymbols() throws IOException {
        final char[] out = symbols;
        final int[] lit = literalLengthTable;
        final int[] dist = distanceTable;
        final int limit = OUTPUT_BUFFER - MAX_MATCH;
        final int floor = histStart;
        int p = pos;
        long bb = bitBuf;
        int bc = bitCount;
        byte[] src = inBuf;
        int ip = inPos;
        int fastEnd = inLimit - 8;
        boolean ended = false;
        while (p < limit) {
            if (bc < 48) {
                if (ip <= fastEnd) {
                    bb |= (long) LONG_LE.get(src, ip) << bc;
                    ip += (63 - bc) >>> 3;
                    bc |= 56;
                } else {
                    bitBuf = bb;
                    bitCount = bc;
                    inPos = ip;
                    pos = p;
                    refillSlow();
                    bb = bitBuf;
                    bc = bitCount;
                    src = inBuf;
                    ip = inPos;
                    fastEnd = inLimit - 8;
                }
            }
            int e = lit[(int) bb & HuffmanTables.ROOT_MASK];
            if ((e & HuffmanTables.KIND_MASK) == HuffmanTables.KIND_SUB) {
                e = lit[(e >>> 16) + ((int) (bb >>> HuffmanTables.ROOT_BITS) & ((1 << ((e >>> 4) & 15)) - 1))];
            }
            int n = e & 15;
            bb >>>= n;
            bc -= n;
            int kind = e & HuffmanTables.KIND_MASK;
            if (kind == HuffmanTables.KIND_VALUE) {
                out[p++] = (char) (e >>> 16);
                continue;
            }
            if (kind == HuffmanTables.KIND_LENGTH) {
                int extra = (e >>> 4) & 15;
                int length = (e >>> 16) + ((int) bb & ((1 << extra) - 1));
                bb >>>= extra;
                bc -= extra;
                int d = dist[(int) bb & HuffmanTables.ROOT_MASK];
                if ((d & HuffmanTables.KIND_MASK) == HuffmanTables.KIND_SUB) {
                    d = dist[(d >>> 16) + ((int) (bb >>> HuffmanTables.ROOT_BITS) & ((1 << ((d >>> 4) & 15)) - 1))];
                }
                int dn = d & 15;
                bb >>>= dn;
                bc -= dn;
                int dExtra = (d >>> 4) & 15;
                int distance = (d >>> 16) + ((int) bb & ((1 << dExtra) - 1));
                bb >>>= dExtra;
                bc -= dExtra;
                if ((d & HuffmanTables.KIND_MASK) != HuffmanTables.KIND_VALUE || bc < 0
                        || distance > p - floor) {
                    save(bb, bc, ip, p);
                    throw corrupt(bc < 0 ? "data cut short" : (d & HuffmanTables.KIND_MASK) != 0
                            ? "invalid distance code" : "distance too far back");
                }
                int from = p - distance;
                if (distance >= length) {
                    System.arraycopy(out, from, out, p, length);
                } else {
                    for (int i = 0; i < length; i++) {
                        out[p + i] = out[from + i];
                    }
                }
                p += length;
                continue;
            }
            save(bb, bc, ip, p);
                if (kind == HuffmanTables.KIND_END && bc >= 0) {
                ended = true;
                break;
            }
            throw corrupt(bc < 0 ? "data cut short" : "invalid literal/length code");
        }
        save(bb, bc, ip, p);
        if (bc < 0) {
            throw corrupt("data cut short");
        }
        if (ended) {
            blockEnded();
        }
    }

    /**
     * Hands the block at the current bit, its window known, to ISA-L: the bits this stream holds go
     * back to the input, and ISA-L takes the block's first byte. {@link #bitPosition} stays right
     * while ISA-L decodes, bitCount then counting the bits ISA-L holds.
     */
    private void startNativeBlock() throws IOException {
        seekBit(bitPosition());
        if (!ensureBytes(1)) {
            throw corrupt("data cut short");
        }
        int skip = pendingSkip;
        pendingSkip = 0;
        int dictionaryFrom = Math.max(histStart, pos - WINDOW);
        RapidgzipBinding.blockStart(nativeState(), inBuf[inPos], skip, bytes, dictionaryFrom, pos - dictionaryFrom);
        inPos++;
        bitCount = 8 - skip;
        state = NATIVE;
    }

    /**
     * Decodes the block ISA-L started into the output buffer until it ends or the buffer is full;
     * where it ends, this stream reads on from the block's last bit, as after a block of its own.
     */
    private void inflateNative() throws IOException {
        int produced = RapidgzipBinding.blockInflate(nativeState, inBuf, inPos, inLimit - inPos, bytes, pos,
                OUTPUT_BUFFER - pos, nativeProgress);
        int taken = nativeProgress[0];
        inPos += taken;
        bitCount = nativeProgress[1];
        pos += produced;
        if (nativeProgress[2] < 0) {
            throw corrupt(switch (nativeProgress[2]) {
                case -1 -> "invalid block";
                case -2 -> "invalid literal/length or distance code";
                case -3 -> "distance too far back";
                default -> "ISA-L status " + nativeProgress[2];
            });
        }
        if (nativeProgress[2] > 0) {
            finalBlock = nativeProgress[2] == 2;
            seekBit(bitPosition());
            blockEnded();
        } else if (produced == 0 && taken == 0) {
            int had = inLimit - inPos;
            fillInput(had + 1);
            if (inLimit - inPos <= had) {
                throw corrupt("data cut short");
            }
        }
    }

    private long nativeState() throws IOException {
        if (nativeState == 0) {
            long handle = RapidgzipBinding.blockInflaterOpen();
            nativeState = handle;
            nativeCleanable = NativeStates.CLEANER.register(this, () -> RapidgzipBinding.blockInflaterClose(handle));
        }
        return nativeState;
    }

    /** Frees the ISA-L states of streams that were never closed. */
    private static final class NativeStates {
        static final Cleaner CLEANER = Cleaner.create();
    }

    /**
     * Whether symbols[from, to) hold a marker, looked for from the end: where markers go on being
     * copied, one is met at once; where they are gone, the window is passed over once before the
     * stream goes over to bytes.
     */
    private boolean markerIn(int from, int to) {
        char[] s = symbols;
        for (int i = to - 1; i >= from; i--) {
            if (s[i] >= MARKER) {
                return true;
            }
        }
        return false;
    }

    private void save(long bb, int bc, int ip, int p) {
        bitBuf = bb;
        bitCount = bc;
        inPos = ip;
        pos = p;
    }

    // ---- Output buffer ----

    /** Slides the last window to the buffer's start when little room is left (all output read). */
    private void makeRoom() {
        if (OUTPUT_BUFFER - pos >= MIN_ROOM) {
            return;
        }
        updateCrc();
        int shift = pos - WINDOW;
        if (markers) {
            System.arraycopy(symbols, shift, symbols, 0, WINDOW);
        } else {
            System.arraycopy(bytes, shift, bytes, 0, WINDOW);
        }
        base += shift;
        pos -= shift;
        readPos = Math.max(0, readPos - shift);
        crcPos -= shift;
        histStart = Math.max(0, histStart - shift);
    }

    /** Goes over to bytes once neither the window nor the output not yet read holds a marker. */
    private void leaveMarkersIfDone() {
        if (!markers || markerIn(Math.min(readPos, pos - WINDOW), pos)) {
            return;
        }
        updateCrc();
        if (bytes == null) {
            bytes = new byte[OUTPUT_BUFFER];
        }
        int from = Math.min(readPos, pos - WINDOW);
        for (int i = from; i < pos; i++) {
            bytes[i] = (byte) symbols[i];
        }
        markers = false;
    }

    /** Brings crc up to pos. */
    private void updateCrc() {
        if (crcPos >= pos) {
            return;
        }
        if (!markers) {
            crc.update(bytes, crcPos, pos - crcPos);
        } else if (crcKnown) {
            if (crcScratch == null) {
                crcScratch = new byte[8192];
            }
            for (int i = crcPos; i < pos && crcKnown; i += crcScratch.length) {
                int n = Math.min(crcScratch.length, pos - i);
                int seen = 0;
                for (int j = 0; j < n; j++) {
                    char c = symbols[i + j];
                    crcScratch[j] = (byte) c;
                    seen |= c;
                }
                crcKnown = seen < MARKER;
                crc.update(crcScratch, 0, n);
            }
        }
        crcPos = pos;
    }

    // ---- Input ----

    private GzipFormatException corrupt(String what) {
        return new GzipFormatException(name, "gzip data is corrupt at compressed byte " + (bitPosition() >>> 3)
                + " (" + what + ")", null);
    }

    /** Reads more input until {@code need} bytes from inPos are there or the input ends. */
    private void fillInput(int need) throws IOException {
        while (!inEof && inLimit - inPos < need) {
            // The bits held (by this stream or by ISA-L) came from the bytes before inPos: keep them,
            // since decoding may go back to the bit where they start.
            int keep = Math.max(0, inPos - 8 - (Math.max(0, bitCount) + 7) / 8);
            if (retainFrom >= 0) {
                keep = Math.min(keep, retainFrom);
            }
            if (keep > 0) {
                System.arraycopy(inBuf, keep, inBuf, 0, inLimit - keep);
                inBufStart += keep;
                inPos -= keep;
                inLimit -= keep;
                if (retainFrom >= 0) {
                    retainFrom -= keep;
                }
            }
            if (inLimit == inBuf.length) {
                inBuf = Arrays.copyOf(inBuf, inBuf.length * 2);
            }
            int n = in.read(inBuf, inLimit, inBuf.length - inLimit);
            if (n < 0) {
                inEof = true;
            } else {
                inLimit += n;
            }
        }
    }

    private boolean ensureBytes(int n) throws IOException {
        if (inLimit - inPos < n) {
            fillInput(n);
        }
        return inLimit - inPos >= n;
    }

    private void refillSlow() throws IOException {
        if (bitCount < 0) {
            return;
        }
        if (inLimit - inPos < 8) {
            fillInput(8);
        }
        if (inLimit - inPos >= 8) {
            bitBuf |= (long) LONG_LE.get(inBuf, inPos) << bitCount;
            inPos += (63 - bitCount) >>> 3;
            bitCount |= 56;
        } else {
            while (bitCount <= 56 && inPos < inLimit) {
                bitBuf |= (long) (inBuf[inPos++] & 0xff) << bitCount;
                bitCount += 8;
            }
        }
    }

    /** Loads bits until {@code n} (at most 56) are there; false when the input ends first. */
    private boolean ensureBits(int n) throws IOException {
        while (bitCount < n) {
            if (inPos >= inLimit) {
                fillInput(1);
                if (inPos >= inLimit) {
                    return false;
                }
            }
            bitBuf |= (long) (inBuf[inPos++] & 0xff) << bitCount;
            bitCount += 8;
        }
        return true;
    }

    private int takeBits(int n) {
        int v = (int) bitBuf & ((1 << n) - 1);
        bitBuf >>>= n;
        bitCount -= n;
        return v;
    }

    /** Takes n bits; when the input ends first, bitCount goes negative. */
    private int takeBitsChecked(int n) throws IOException {
        ensureBits(n);
        return takeBits(n);
    }

    /** Skips to the next byte boundary and gives the whole bytes of bitBuf back to the input. */
    private void alignAndReturnBytes() {
        int drop = bitCount & 7;
        bitCount -= drop;
        inPos -= bitCount >>> 3;
        bitBuf = 0;
        bitCount = 0;
    }

    private void seekBit(long bit) {
        inPos = (int) ((bit >>> 3) - inBufStart);
        bitBuf = 0;
        bitCount = 0;
        pendingSkip = (int) (bit & 7);
    }

    // ---- The block finder ----

    private boolean findFirstStart(long fromBit, long toBit) throws IOException {
        long bit = fromBit;
        while (bit < toBit) {
            long byteAt = bit >>> 3;
            inPos = (int) (byteAt - inBufStart);
            retainFrom = inPos;
            ensureBytes(16);
            int idx = inPos;
            if (idx >= inLimit) {
                break;
            }
            long lo = peekLong(idx);
            long hi = peekLong(idx + 8);
            for (int s = (int) (bit & 7); s < 8 && bit < toBit; s++, bit++) {
                int kind = startKind(lo, hi, s);
                if (kind != START_NONE && tryStart(bit, kind)) {
                    retainFrom = -1;
                    restart(bit, kind);
                    if (kind != START_MEMBER) {
                        settleBoundary();
                    }
                    return true;
                }
            }
        }
        retainFrom = -1;
        return false;
    }

    private long peekLong(int idx) {
        if (idx + 8 <= inLimit) {
            return (long) LONG_LE.get(inBuf, idx);
        }
        long v = 0;
        for (int i = 0; i < 8 && idx + i < inLimit; i++) {
            v |= (long) (inBuf[idx + i] & 0xff) << (8 * i);
        }
        return v;
    }

    /** What may start at bit s of lo (hi: the 64 bits after): the cheap checks, per bit. */
    private static int startKind(long lo, long hi, int s) {
        long w = s == 0 ? lo : lo >>> s | hi << (64 - s);
        int type = (int) (w >>> 1) & 3;
        if (type == TYPE_DYNAMIC) {
            if (((w >>> 3) & 31) > 29 || ((w >>> 8) & 31) > 29) {
                return START_NONE;
            }
            int count = ((int) (w >>> 13) & 15) + 4;
            long lengths = lo >>> (s + 17) | hi << (47 - s);
            int kraft = 0;
            for (int i = 0; i < count; i++) {
                int len = (int) (lengths >>> (3 * i)) & 7;
                if (len != 0) {
                    kraft += 128 >>> len;
                }
            }
            return kraft == 128 ? START_DYNAMIC : START_NONE;
        }
        if (type == TYPE_STORED) {
            int padFrom = s + 3;
            int boundary = (padFrom + 7) & ~7;
            if (boundary > padFrom && ((lo >>> padFrom) & ((1L << (boundary - padFrom)) - 1)) != 0) {
                return START_NONE;
            }
            int length = (int) (lo >>> boundary) & 0xffff;
            int inverse = (int) (lo >>> (boundary + 16)) & 0xffff;
            return length == (~inverse & 0xffff) ? START_STORED : START_NONE;
        }
        if (s == 0 && (lo & 0xffffff) == 0x088b1f && ((lo >>> 24) & 0xe0) == 0) {
            return START_MEMBER;
        }
        return START_NONE;
    }

    /** Whether decoding from bit as kind holds through the check openAtFirstStart describes. */
    private boolean tryStart(long bit, int kind) throws IOException {
        strict = true;
        try {
            if (kind != START_MEMBER) {
                seekBit(bit);
                if (!applySkip() || readBlockHeader() != null) {
                    return false;
                }
                int type = blockType;
                int left = storedLeft;
                boolean last = finalBlock;
                int afterHeader = state;
                startUnknown();
                blockType = type;
                storedLeft = left;
                finalBlock = last;
                state = afterHeader;
            } else {
                restart(bit, kind);
            }
            int fixedBlocks = 0;
            while (true) {
                readPos = pos;
                if (blocksEnded >= 1) {
                    if (state == DONE) {
                        return endedAtEof;
                    }
                    if (state == MEMBER_HEADER) {
                        step();
                        return true;
                    }
                    if (state == BLOCK_HEADER) {
                        step();
                        if (blockType != TYPE_FIXED || ++fixedBlocks >= FIXED_BLOCKS_BELIEVED) {
                            return true;
                        }
                        continue;
                    }
                }
                step();
            }
        } catch (GzipFormatException e) {
            return false;
        } finally {
            strict = false;
        }
    }

    /** Stands at bit, ready to decode the start found there. */
    private void restart(long bit, int kind) {
        seekBit(bit);
        if (kind == START_MEMBER) {
            startKnown(new byte[0]);
            state = MEMBER_HEADER;
        } else {
            startUnknown();
            state = BLOCK_HEADER;
        }
    }
}
