package io.github.flashj.gzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DeflateStreamTest {
    private static final String NAME = "reads_1.fq.gz";
    /** What a corrupt-data message looks like: the file, the compressed offset, what is wrong. */
    private static final String CORRUPT = "\\Q" + NAME + "\\E: gzip data is corrupt at compressed byte \\d+ \\(.+\\)";

    private static final byte[] FASTQ = fastq(12_000, 1);
    private static final byte[] FASTQ_GZ_6 = gzip(FASTQ, 6, Deflater.DEFAULT_STRATEGY);

    /** FASTQ-like records: a repetitive header, random bases, skewed qualities. */
    static byte[] fastq(int records, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < records; i++) {
            int len = 100 + r.nextInt(51);
            sb.append("@SRR1234567.").append(i).append(" HWI-ST1234:8:1101:").append(r.nextInt(20000)).append(':')
                    .append(r.nextInt(20000)).append(" length=").append(len).append('\n');
            for (int k = 0; k < len; k++) {
                sb.append("ACGT".charAt(r.nextInt(4)));
            }
            sb.append("\n+\n");
            for (int k = 0; k < len; k++) {
                sb.append((char) ('#' + (r.nextInt(10) < 8 ? 30 + r.nextInt(10) : r.nextInt(40))));
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] rawDeflate(byte[] data, int level, int strategy) {
        Deflater d = new Deflater(level, true);
        d.setStrategy(strategy);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            int n = d.deflate(buf);
            out.write(buf, 0, n);
        }
        d.end();
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data, int level, int strategy) {
        return member(data, rawDeflate(data, level, strategy), 0, null, null, null);
    }

    /** A gzip member with the flags' fields given (null: absent). */
    static byte[] member(byte[] data, byte[] deflated, int extraLength, String fileName, String comment,
            Boolean headerCrc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int flags = (extraLength > 0 ? 4 : 0) | (fileName != null ? 8 : 0) | (comment != null ? 16 : 0)
                | (headerCrc != null ? 2 : 0);
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 1, 2, 3, 4, 0, 3});
        if (extraLength > 0) {
            out.write(extraLength & 0xff);
            out.write(extraLength >>> 8);
            out.writeBytes(random(extraLength, 7));
        }
        if (fileName != null) {
            out.writeBytes(fileName.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
        }
        if (comment != null) {
            out.writeBytes(comment.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
        }
        if (headerCrc != null) {
            CRC32 c = new CRC32();
            c.update(out.toByteArray());
            int v = (int) c.getValue() ^ (headerCrc ? 0 : 1);
            out.write(v & 0xff);
            out.write((v >>> 8) & 0xff);
        }
        out.writeBytes(deflated);
        CRC32 crc = new CRC32();
        crc.update(data);
        writeInt(out, (int) crc.getValue());
        writeInt(out, data.length);
        return out.toByteArray();
    }

    static void writeInt(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] readAll(DeflateStream s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[50_000];
        int n;
        while ((n = s.read(buf, 7, buf.length - 7)) >= 0) {
            assertTrue(n > 0);
            out.write(buf, 7, n);
        }
        return out.toByteArray();
    }

    static byte[] decode(byte[] gz) throws IOException {
        try (DeflateStream s = DeflateStream.atMember(new ByteArrayInputStream(gz), 0, NAME)) {
            return readAll(s);
        }
    }

    static byte[] zipDecode(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** An input that hands out its bytes a few at a time, as a network stream may. */
    static InputStream trickle(byte[] b, int from) {
        return new ByteArrayInputStream(b, from, b.length - from) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                return super.read(buf, off, Math.min(len, 1 + (pos % 13)));
            }
        };
    }

    @Test
    void decodesWhatDeflaterWritesAtEveryLevelAndStrategy() throws IOException {
        byte[] data = concat(Arrays.copyOf(FASTQ, 400_000), random(150_000, 2), Arrays.copyOf(FASTQ, 100_000),
                new byte[70_000], "abcabcabcabd".repeat(3000).getBytes(StandardCharsets.US_ASCII));
        for (int level : new int[] {0, 1, 6, 9}) {
            byte[] gz = gzip(data, level, Deflater.DEFAULT_STRATEGY);
            assertArrayEquals(zipDecode(gz), decode(gz), "level " + level);
        }
        for (int strategy : new int[] {Deflater.HUFFMAN_ONLY, Deflater.FILTERED}) {
            byte[] gz = gzip(data, 6, strategy);
            assertArrayEquals(data, decode(gz), "strategy " + strategy);
        }
        assertArrayEquals(FASTQ, decode(FASTQ_GZ_6));
    }

    @Test
    void decodesFromAStreamThatGivesFewBytesAtATime() throws IOException {
        byte[] data = Arrays.copyOf(FASTQ, 300_000);
        byte[] gz = gzip(data, 9, Deflater.DEFAULT_STRATEGY);
        try (DeflateStream s = DeflateStream.atMember(trickle(gz, 0), 0, NAME)) {
            assertArrayEquals(data, readAll(s));
        }
    }

    @Test
    void decodesGzipAndPigzOutput() throws IOException, InterruptedException {
        byte[] data = Arrays.copyOf(FASTQ, 600_000);
        for (String[] command : new String[][] {{"gzip", "-c", "-9"}, {"pigz", "-c", "-b", "128"}}) {
            byte[] gz = runFilter(command, data);
            if (gz == null) {
                continue;
            }
            assertArrayEquals(data, decode(gz), command[0]);
        }
        assumeTrue(onPath("gzip"), "gzip is not on PATH");
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator)).anyMatch(d -> new File(d, tool)
                .canExecute());
    }

    static byte[] runFilter(String[] command, byte[] input) throws IOException, InterruptedException {
        if (!onPath(command[0])) {
            return null;
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread writer = new Thread(() -> {
            try (OutputStream o = p.getOutputStream()) {
                o.write(input);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        byte[] out = p.getInputStream().readAllBytes();
        writer.join();
        assertEquals(0, p.waitFor(), String.join(" ", command));
        return out;
    }

    @Test
    void readsHeaderFieldsAndChecksTheHeaderCrc() throws IOException {
        byte[] data = Arrays.copyOf(FASTQ, 20_000);
        byte[] deflated = rawDeflate(data, 6, Deflater.DEFAULT_STRATEGY);
        byte[] all = member(data, deflated, 300, "reads.fq", "a comment", true);
        assertArrayEquals(data, decode(all));
        byte[] badCrc = member(data, deflated, 0, "reads.fq", null, false);
        GzipFormatException e = assertThrows(GzipFormatException.class, () -> decode(badCrc));
        assertTrue(e.getMessage().startsWith(NAME + ": gzip data is corrupt at compressed byte "), e.getMessage());
        byte[] reserved = all.clone();
        reserved[3] |= 0x20;
        assertThrows(GzipFormatException.class, () -> decode(reserved));
    }

    @Test
    void decodesMembersOneAfterAnotherAndIgnoresZeroPadding() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        Random r = new Random(3);
        for (int i = 0; i < 300; i++) {
            byte[] piece = Arrays.copyOfRange(FASTQ, i * 100, i * 100 + r.nextInt(120));
            data.writeBytes(piece);
            gz.writeBytes(gzip(piece, 1 + r.nextInt(9), Deflater.DEFAULT_STRATEGY));
        }
        byte[] large = Arrays.copyOf(FASTQ, 700_000);
        data.writeBytes(large);
        gz.writeBytes(gzip(large, 6, Deflater.DEFAULT_STRATEGY));
        gz.writeBytes(gzip(new byte[0], 6, Deflater.DEFAULT_STRATEGY));
        gz.writeBytes(new byte[1000]);
        byte[] file = gz.toByteArray();
        assertArrayEquals(data.toByteArray(), decode(file));
        try (DeflateStream s = DeflateStream.atMember(new ByteArrayInputStream(file), 0, NAME)) {
            while (s.nextBlock()) {
                assertTrue(s.atBoundary());
            }
            List<DeflateStream.MemberEnd> ends = s.memberEnds();
            assertEquals(302, ends.size());
            assertEquals(data.size(), ends.get(301).decodedAt());
            assertTrue(ends.stream().allMatch(DeflateStream.MemberEnd::checked));
            assertEquals(0, ends.get(301).trailerSize());
            assertEquals(8L * (file.length - 1000), s.bitPosition());
            assertEquals(-1, s.read(new byte[10], 0, 10));
        }
    }

    @Test
    void anEmptyInputIsEmptyData() throws IOException {
        try (DeflateStream s = DeflateStream.atMember(new ByteArrayInputStream(new byte[0]), 0, NAME)) {
            assertEquals(-1, s.read(new byte[10], 0, 10));
            assertFalse(s.nextBlock());
            assertTrue(s.atBoundary());
            assertEquals(0, s.decoded());
            assertEquals(0, s.window().length);
        }
    }

    @Test
    void corruptDataFailsNamingTheFileAndAnOffset() throws IOException {
        byte[] gz = gzip(Arrays.copyOf(FASTQ, 200_000), 6, Deflater.DEFAULT_STRATEGY);
        Random r = new Random(4);
        for (int i = 0; i < 40; i++) {
            byte[] bad = gz.clone();
            int at = 10 + r.nextInt(gz.length - 18);
            bad[at] ^= (byte) (1 << r.nextInt(8));
            assertCorrupt(bad);
        }
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 6] ^= 1;
        assertTrue(assertCorrupt(badCrc).getMessage().contains("CRC32"));
        byte[] badSize = gz.clone();
        badSize[gz.length - 3] ^= 1;
        assertTrue(assertCorrupt(badSize).getMessage().contains("size"));
        for (int cut : new int[] {1, 5, 10, 11, 100, gz.length / 2, gz.length - 8, gz.length - 1}) {
            assertCorrupt(Arrays.copyOf(gz, cut));
        }
        assertCorrupt("not gzip at all".getBytes(StandardCharsets.US_ASCII));
    }

    static GzipFormatException assertCorrupt(byte[] gz) {
        GzipFormatException e = assertThrows(GzipFormatException.class, () -> decode(gz));
        assertTrue(e.getMessage().matches(CORRUPT), e.getMessage());
        return e;
    }

    /**
     * The twins: blocks decoded by ISA-L and blocks decoded here give the same bytes, the same
     * boundaries (bits, decoded offsets and windows), the same member ends, and fail on the same
     * corrupt data, whatever the encoder, its flushes and the members.
     */
    @Test
    void blocksDecodedByIsalMatchThoseDecodedHere() throws IOException, InterruptedException {
        assumeTrue(IsalInflate.available(), "the native library is not loaded");
        byte[] data = concat(Arrays.copyOf(FASTQ, 600_000), random(120_000, 21), new byte[90_000],
                "abcabcabcabd".repeat(4000).getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(FASTQ, 200_000));
        List<byte[]> files = new ArrayList<>();
        for (int level : new int[] {0, 1, 6, 9}) {
            files.add(gzip(data, level, Deflater.DEFAULT_STRATEGY));
        }
        files.add(gzip(data, 6, Deflater.HUFFMAN_ONLY));
        files.add(gzip(data, 6, Deflater.FILTERED));
        files.add(gzipWithFlushes(data, 17));
        files.add(concat(gzip(Arrays.copyOf(FASTQ, 5_000), 9, Deflater.DEFAULT_STRATEGY), gzip(new byte[0], 6,
                Deflater.DEFAULT_STRATEGY), gzip(data, 1, Deflater.DEFAULT_STRATEGY), new byte[300]));
        // Stored blocks as GZIPOutputStream writes them: the stream's input buffer ends right at a block's end.
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(stored) {
            {
                def.setLevel(Deflater.NO_COMPRESSION);
            }
        }) {
            out.write(data);
        }
        files.add(stored.toByteArray());
        byte[] pigz = runFilter(new String[] {"pigz", "-c", "-b", "32"}, data);
        if (pigz != null) {
            files.add(pigz);
        }
        for (int f = 0; f < files.size(); f++) {
            byte[] gz = files.get(f);
            List<Boundary> isal = boundaries(gz, true);
            List<Boundary> java = boundaries(gz, false);
            assertSameBoundaries(java, isal, "file " + f);
            for (int i = 0; i < Math.min(4, java.size()); i++) {
                Boundary from = java.get(i);
                assertSameBoundaries(boundariesFrom(gz, from, false), boundariesFrom(gz, from, true),
                        "file " + f + ", from boundary " + i);
            }
            try (DeflateStream a = DeflateStream.atMember(trickle(gz, 0), 0, NAME);
                    DeflateStream b = DeflateStream.atMember(new ByteArrayInputStream(gz), 0, NAME).withoutNative()) {
                assertArrayEquals(readAll(b), readAll(a), "file " + f);
                assertEquals(b.memberEnds(), a.memberEnds(), "file " + f);
            }
            byte[] whole = decode(gz);
            for (int i = 1; i < isal.size() - 1; i += 3) {
                Boundary at = isal.get(i);
                try (DeflateStream a = DeflateStream.atBlock(new ByteArrayInputStream(gz, (int) (at.bit() >>> 3),
                        gz.length), at.bit(), at.window(), NAME)) {
                    byte[] rest = readAll(a);
                    assertArrayEquals(Arrays.copyOfRange(whole, (int) at.decoded(), whole.length), rest,
                            "file " + f + ", from boundary " + i);
                }
            }
        }
        byte[] gz = files.get(2);
        Random r = new Random(22);
        for (int i = 0; i < 60; i++) {
            byte[] bad = gz.clone();
            bad[10 + r.nextInt(gz.length - 18)] ^= (byte) (1 << r.nextInt(8));
            boolean javaFails = fails(bad, false);
            assertEquals(javaFails, fails(bad, true), "flip " + i);
        }
        for (int cut : new int[] {11, 100, gz.length / 3, gz.length - 9}) {
            assertTrue(fails(Arrays.copyOf(gz, cut), true) && fails(Arrays.copyOf(gz, cut), false), "cut at " + cut);
        }
    }

    private static boolean fails(byte[] gz, boolean nativeBlocks) throws IOException {
        try (DeflateStream s = DeflateStream.atMember(new ByteArrayInputStream(gz), 0, NAME)) {
            readAll(nativeBlocks ? s : s.withoutNative());
            return false;
        } catch (GzipFormatException e) {
            assertTrue(e.getMessage().matches(CORRUPT), e.getMessage());
            return true;
        }
    }

    private static void assertSameBoundaries(List<Boundary> expected, List<Boundary> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).bit(), actual.get(i).bit(), what + ", boundary " + i);
            assertEquals(expected.get(i).decoded(), actual.get(i).decoded(), what + ", boundary " + i);
            assertArrayEquals(expected.get(i).window(), actual.get(i).window(), what + ", boundary " + i);
        }
    }

    /** Where nextBlock stops from a boundary entered with its window, as segments are decoded. */
    private static List<Boundary> boundariesFrom(byte[] gz, Boundary from, boolean nativeBlocks) throws IOException {
        List<Boundary> list = new ArrayList<>();
        try (DeflateStream s = DeflateStream.atBlock(new ByteArrayInputStream(gz, (int) (from.bit() >>> 3),
                gz.length), from.bit(), from.window(), NAME)) {
            if (!nativeBlocks) {
                s.withoutNative();
            }
            while (s.nextBlock()) {
                list.add(new Boundary(s.bitPosition(), s.decoded(), s.window()));
            }
        }
        return list;
    }

    static List<Boundary> boundaries(byte[] gz, boolean nativeBlocks) throws IOException {
        List<Boundary> list = new ArrayList<>();
        try (DeflateStream s = DeflateStream.atMember(new ByteArrayInputStream(gz), 0, NAME)) {
            if (!nativeBlocks) {
                s.withoutNative();
            }
            list.add(new Boundary(s.bitPosition(), 0, s.window()));
            while (s.nextBlock()) {
                assertTrue(s.atBoundary());
                list.add(new Boundary(s.bitPosition(), s.decoded(), s.window()));
            }
        }
        return list;
    }

    /** Where nextBlock stops from the member's start, with the decoded length and window there. */
    record Boundary(long bit, long decoded, byte[] window) {
    }

    static List<Boundary> boundaries(byte[] gz) throws IOException {
        return boundaries(gz, true);
    }

    @Test
    void startsAtEveryBlockWithTheTrueWindowOrWithMarkers() throws IOException {
        byte[] data = concat(Arrays.copyOf(FASTQ, 900_000), random(100_000, 5), Arrays.copyOf(FASTQ, 100_000));
        byte[] gz = gzip(data, 6, Deflater.DEFAULT_STRATEGY);
        List<Boundary> bounds = boundaries(gz);
        assertTrue(bounds.size() > 10, "blocks: " + bounds.size());
        Boundary end = bounds.get(bounds.size() - 1);
        assertEquals(data.length, end.decoded());
        assertEquals(8L * gz.length, end.bit());
        boolean markersAnywhere = false;
        for (int i = 1; i < bounds.size() - 1; i++) {
            Boundary b = bounds.get(i);
            byte[] rest = Arrays.copyOfRange(data, (int) b.decoded(), data.length);
            try (DeflateStream s = DeflateStream.atBlock(new ByteArrayInputStream(gz, (int) (b.bit() >>> 3),
                    gz.length), b.bit(), b.window(), NAME)) {
                assertTrue(s.windowKnown());
                assertArrayEquals(b.window(), s.window());
                assertArrayEquals(rest, readAll(s));
                DeflateStream.MemberEnd memberEnd = s.memberEnds().get(0);
                assertFalse(memberEnd.checked());
                assertEquals(rest.length, memberEnd.decodedAt());
                assertEquals(crc(rest), memberEnd.partialCrc());
                assertEquals(crc(data), memberEnd.trailerCrc());
                assertEquals(data.length, memberEnd.trailerSize());
            }
            try (DeflateStream s = DeflateStream.atBlock(new ByteArrayInputStream(gz, (int) (b.bit() >>> 3),
                    gz.length), b.bit(), null, NAME)) {
                assertEquals(b.bit(), s.bitPosition());
                assertTrue(s.atBoundary());
                assertFalse(s.windowKnown());
                int j = i;
                boolean markersSeen = false;
                while (s.nextBlock()) {
                    Boundary later = bounds.get(++j);
                    assertEquals(later.bit(), s.bitPosition());
                    assertEquals(later.decoded() - b.decoded(), s.decoded());
                    short[] symbols = s.windowSymbols();
                    assertArrayEquals(later.window(), DeflateStream.resolve(symbols, b.window()));
                    boolean anyMarker = false;
                    for (short sym : symbols) {
                        anyMarker |= (sym & 0xffff) >= DeflateStream.MARKER;
                    }
                    markersSeen |= anyMarker;
                    assertEquals(!anyMarker, s.windowKnown());
                    if (!anyMarker) {
                        assertArrayEquals(later.window(), s.window());
                    } else {
                        assertThrows(IllegalStateException.class, s::window);
                    }
                    long since = s.runningLength();
                    int running = s.runningCrc();
                    if (j < bounds.size() - 1) {
                        assertEquals(s.decoded(), since);
                        if (running != 0) {
                            assertEquals(crc(Arrays.copyOfRange(data, (int) b.decoded(), (int) later.decoded())),
                                    running);
                        }
                    }
                    if (j - i >= 3 && s.windowKnown()) {
                        break;
                    }
                }
                markersAnywhere |= markersSeen;
            }
        }
        assertTrue(markersAnywhere);
    }

    @Test
    void readingAMarkerFails() throws IOException {
        List<Boundary> bounds = boundaries(FASTQ_GZ_6);
        Boundary b = bounds.get(2);
        try (DeflateStream s = DeflateStream.atBlock(new ByteArrayInputStream(FASTQ_GZ_6, (int) (b.bit() >>> 3),
                FASTQ_GZ_6.length), b.bit(), null, NAME)) {
            GzipFormatException e = assertThrows(GzipFormatException.class, () -> readAll(s));
            assertTrue(e.getMessage().startsWith(NAME + ": "));
        }
    }

    @Test
    void dataThatDependOnAnUnknownWindowAreNotWritten() throws IOException {
        Boundary b = boundaries(FASTQ_GZ_6).get(2);
        try (DeflateStream s = DeflateStream.atBlock(new ByteArrayInputStream(FASTQ_GZ_6, (int) (b.bit() >>> 3),
                FASTQ_GZ_6.length), b.bit(), null, NAME)) {
            assertThrows(IllegalStateException.class, () -> s.nextBlock(new ByteArrayOutputStream()));
        }
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (DeflateStream s = DeflateStream.atMember(new ByteArrayInputStream(FASTQ_GZ_6), 0, NAME)) {
            while (s.nextBlock(written)) {
                assertEquals(s.decoded(), written.size());
            }
        }
        assertArrayEquals(FASTQ, written.toByteArray());
    }

    @Test
    void aDistanceBeforeAShortKnownWindowFails() throws IOException {
        List<Boundary> bounds = boundaries(FASTQ_GZ_6);
        Boundary b = bounds.get(2);
        byte[] shortWindow = Arrays.copyOfRange(b.window(), WINDOW_TAIL_START, b.window().length);
        try (DeflateStream s = DeflateStream.atBlock(new ByteArrayInputStream(FASTQ_GZ_6, (int) (b.bit() >>> 3),
                FASTQ_GZ_6.length), b.bit(), shortWindow, NAME)) {
            GzipFormatException e = assertThrows(GzipFormatException.class, () -> readAll(s));
            assertTrue(e.getMessage().contains("too far back"), e.getMessage());
        }
    }

    private static final int WINDOW_TAIL_START = DeflateStream.WINDOW - 100;

    static int crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return (int) c.getValue();
    }

    @Test
    void findsTheNextBlockFromAnyOffset() throws IOException {
        byte[] data = fastq(40_000, 9);
        int falseStarts = 0;
        int tries = 0;
        for (int level : new int[] {6, 9}) {
            byte[] gz = gzip(data, level, Deflater.DEFAULT_STRATEGY);
            List<Boundary> bounds = boundaries(gz);
            Random r = new Random(level);
            for (int i = 0; i < 15; i++) {
                int offset = 20 + r.nextInt(gz.length - 20);
                long expected = bounds.stream().mapToLong(Boundary::bit).filter(bit -> bit >= 8L * offset).findFirst()
                        .orElseThrow();
                long toBit = 8L * (offset + 200_000);
                try (DeflateStream s = DeflateStream.openAtFirstStart(trickle(gz, offset), offset, toBit, NAME)) {
                    tries++;
                    if (expected >= toBit || expected == 8L * gz.length) {
                        assertNull(s);
                        continue;
                    }
                    assertNotNull(s, "offset " + offset);
                    if (s.bitPosition() != expected) {
                        falseStarts++;
                        continue;
                    }
                    Boundary at = bounds.stream().filter(b -> b.bit() == expected).findFirst().orElseThrow();
                    int k = bounds.indexOf(at);
                    assertTrue(s.nextBlock());
                    assertEquals(bounds.get(k + 1).bit(), s.bitPosition());
                    assertArrayEquals(bounds.get(k + 1).window(), DeflateStream.resolve(s.windowSymbols(),
                            at.window()));
                }
            }
        }
        assertTrue(falseStarts <= 1, falseStarts + " false starts in " + tries);
    }

    /** FASTQ deflated with a sync flush (an empty stored block) every 20 to 60 KB, as one member. */
    static byte[] gzipWithFlushes(byte[] data, long seed) {
        Deflater d = new Deflater(6, true);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        Random r = new Random(seed);
        int at = 0;
        while (at < data.length) {
            int n = Math.min(data.length - at, 20_000 + r.nextInt(40_000));
            d.setInput(data, at, n);
            at += n;
            int flush = r.nextBoolean() ? Deflater.SYNC_FLUSH : Deflater.FULL_FLUSH;
            int got;
            do {
                got = d.deflate(buf, 0, buf.length, flush);
                deflated.write(buf, 0, got);
            } while (got == buf.length);
        }
        d.finish();
        while (!d.finished()) {
            deflated.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return member(data, deflated.toByteArray(), 0, null, null, null);
    }

    @Test
    void findsWhereTheChainStopsAroundFlushesAndInPigzOutput() throws IOException, InterruptedException {
        byte[] data = Arrays.copyOf(FASTQ, 1_500_000);
        List<byte[]> files = new ArrayList<>();
        files.add(gzipWithFlushes(data, 13));
        byte[] pigz = runFilter(new String[] {"pigz", "-c", "-b", "32"}, data);
        if (pigz != null) {
            files.add(pigz);
        }
        for (byte[] gz : files) {
            List<Boundary> bounds = boundaries(gz);
            assertArrayEquals(data, decode(gz));
            int tried = 0;
            // The last block, after the last flush, is an empty fixed-Huffman one: not looked for.
            for (int k = 1; k + 2 < bounds.size(); k++) {
                long bit = bounds.get(k).bit();
                for (long offset = (bit >>> 3) - 3; offset <= (bit >>> 3); offset++) {
                    long from = offset;
                    long expected = bounds.stream().mapToLong(Boundary::bit).filter(b -> b >= 8 * from).findFirst()
                            .orElseThrow();
                    try (DeflateStream s = DeflateStream.openAtFirstStart(new ByteArrayInputStream(gz, (int) from,
                            gz.length), from, 8L * gz.length, NAME)) {
                        assertNotNull(s);
                        assertEquals(expected, s.bitPosition(), "from byte " + from);
                        tried++;
                    }
                }
            }
            assertTrue(tried > 40, "tried " + tried);
        }
    }

    /**
     * What the index builder does: each range finds its first start and decodes with markers to
     * the next range's; the windows are then resolved in chain order and match a sequential decode.
     */
    @Test
    void aChainOfRangesGivesTheWindowsOfASequentialDecode() throws IOException {
        byte[] data = concat(Arrays.copyOf(FASTQ, 2_000_000), random(80_000, 15), Arrays.copyOf(FASTQ, 500_000));
        byte[] gz = concat(gzip(data, 6, Deflater.DEFAULT_STRATEGY), gzip(Arrays.copyOf(FASTQ, 300_000), 9,
                Deflater.DEFAULT_STRATEGY));
        List<Boundary> bounds = boundaries(gz);
        int range = 150_000;
        List<Long> starts = new ArrayList<>();
        for (long from = 0; from < gz.length; from += range) {
            try (DeflateStream s = DeflateStream.openAtFirstStart(new ByteArrayInputStream(gz, (int) from,
                    gz.length), from, 8 * (from + range), NAME)) {
                if (s != null) {
                    starts.add(s.bitPosition());
                }
            }
        }
        starts.add(8L * gz.length);
        assertEquals(0, starts.get(0));
        byte[] window = new byte[0];
        for (int i = 0; i + 1 < starts.size(); i++) {
            long start = starts.get(i);
            try (DeflateStream s = DeflateStream.atBlock(new ByteArrayInputStream(gz, (int) (start >>> 3),
                    gz.length), start, null, NAME)) {
                while (s.bitPosition() < starts.get(i + 1) && s.nextBlock()) {
                    assertTrue(s.atBoundary());
                }
                assertEquals(starts.get(i + 1), s.bitPosition(), "range " + i);
                byte[] next = DeflateStream.resolve(s.windowSymbols(), window);
                Boundary expected = bounds.stream().filter(b -> b.bit() == s.bitPosition()).findFirst()
                        .orElseThrow();
                assertArrayEquals(expected.window(), next, "range " + i);
                window = next;
            }
        }
    }

    @Test
    void resolvesAWindowNearTheStartOfTheData() throws IOException {
        byte[] data = Arrays.copyOf(FASTQ, 20_000);
        byte[] gz = concat(gzip(data, 6, Deflater.DEFAULT_STRATEGY), gzip(data, 1, Deflater.DEFAULT_STRATEGY));
        try (DeflateStream s = DeflateStream.atBlock(new ByteArrayInputStream(gz), 0, null, NAME)) {
            assertTrue(s.nextBlock());
            assertArrayEquals(data, DeflateStream.resolve(s.windowSymbols(), new byte[0]));
            assertTrue(s.nextBlock());
            assertArrayEquals(concat(Arrays.copyOfRange(data, 20_000 - (DeflateStream.WINDOW - 20_000), 20_000),
                    data), DeflateStream.resolve(s.windowSymbols(), new byte[0]));
        }
        short[] reachedBefore = {'a', DeflateStream.MARKER, 'b'};
        assertThrows(IllegalArgumentException.class, () -> DeflateStream.resolve(reachedBefore, new byte[10]));
        assertArrayEquals(new byte[] {'a', 7, 'b'}, DeflateStream.resolve(new short[] {DeflateStream.MARKER,
            'a', (short) (DeflateStream.MARKER + DeflateStream.WINDOW - 1), 'b'}, new byte[] {5, 7}));
    }

    @Test
    void findsTheNextMemberHeader() throws IOException {
        byte[] a = Arrays.copyOf(FASTQ, 50_000);
        byte[] b = Arrays.copyOfRange(FASTQ, 50_000, 90_000);
        byte[] gzA = gzip(a, 6, Deflater.DEFAULT_STRATEGY);
        byte[] gzB = gzip(b, 6, Deflater.DEFAULT_STRATEGY);
        byte[] file = concat(gzA, gzB);
        List<Boundary> bounds = boundaries(file);
        long lastBlockOfA = bounds.stream().mapToLong(Boundary::bit).filter(bit -> bit < 8L * gzA.length).max()
                .orElseThrow();
        int offset = (int) (lastBlockOfA >>> 3) + 1;
        try (DeflateStream s = DeflateStream.openAtFirstStart(new ByteArrayInputStream(file, offset,
                file.length), offset, 8L * file.length, NAME)) {
            assertNotNull(s);
            assertEquals(8L * gzA.length, s.bitPosition());
            assertTrue(s.windowKnown());
            assertArrayEquals(b, readAll(s));
            assertTrue(s.memberEnds().get(0).checked());
        }
        try (DeflateStream s = DeflateStream.atBlock(new ByteArrayInputStream(file, gzA.length, gzB.length),
                8L * gzA.length, null, NAME)) {
            assertArrayEquals(b, readAll(s));
            assertTrue(s.memberEnds().get(0).checked());
        }
    }

    @Test
    void findsBlocksAndMembersInAFileOfManyMembers() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<Long> headers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            headers.add(8L * file.size());
            file.writeBytes(gzip(Arrays.copyOfRange(FASTQ, i * 60_000, i * 60_000 + 60_000), 6,
                    Deflater.DEFAULT_STRATEGY));
        }
        byte[] gz = file.toByteArray();
        List<Boundary> bounds = boundaries(gz);
        assertTrue(headers.stream().allMatch(h -> bounds.stream().anyMatch(b -> b.bit() == h)));
        Random r = new Random(14);
        for (int i = 0; i < 30; i++) {
            int offset = 1 + r.nextInt(gz.length - 1);
            if (headers.stream().anyMatch(h -> 8L * offset > h && 8L * offset < h + 8 * 20)) {
                continue;
            }
            long expected = bounds.stream().mapToLong(Boundary::bit).filter(b -> b >= 8L * offset).findFirst()
                    .orElseThrow();
            try (DeflateStream s = DeflateStream.openAtFirstStart(new ByteArrayInputStream(gz, offset,
                    gz.length), offset, 8L * gz.length, NAME)) {
                if (expected == 8L * gz.length) {
                    assertNull(s);
                } else {
                    assertNotNull(s);
                    assertEquals(expected, s.bitPosition(), "from byte " + offset);
                    assertEquals(headers.contains(expected), s.windowKnown());
                }
            }
        }
    }

    @Test
    void findsNothingInTheMiddleOfALongStoredBlock() throws IOException {
        byte[] data = random(300_000, 11);
        byte[] gz = gzip(data, 0, Deflater.DEFAULT_STRATEGY);
        List<Boundary> bounds = boundaries(gz);
        int checked = 0;
        for (int i = 0; i + 1 < bounds.size(); i++) {
            long from = (bounds.get(i).bit() >>> 3) + 100;
            long to = (bounds.get(i + 1).bit() >>> 3) - 100;
            if (to - from < 10_000) {
                continue;
            }
            checked++;
            assertNull(DeflateStream.openAtFirstStart(new ByteArrayInputStream(gz, (int) from, gz.length), from,
                    8 * to, NAME));
        }
        assertTrue(checked > 0);
    }

    @Test
    void theFinderNeverFailsOnRandomBytes() throws IOException {
        Random r = new Random(12);
        for (int i = 0; i < 20; i++) {
            byte[] noise = random(20_000 + r.nextInt(20_000), r.nextLong());
            int offset = r.nextInt(1000);
            DeflateStream s = DeflateStream.openAtFirstStart(new ByteArrayInputStream(noise, offset,
                    noise.length), offset, 8L * noise.length, NAME);
            if (s != null) {
                s.close();
            }
        }
        byte[] gz = gzip(Arrays.copyOf(FASTQ, 100_000), 6, Deflater.DEFAULT_STRATEGY);
        for (int cut = 20; cut < gz.length; cut += gz.length / 7) {
            DeflateStream s = DeflateStream.openAtFirstStart(new ByteArrayInputStream(gz, 5, cut - 5), 5,
                    8L * gz.length, NAME);
            if (s != null) {
                s.close();
            }
        }
    }
}
