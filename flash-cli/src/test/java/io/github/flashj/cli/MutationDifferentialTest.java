package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential fuzzing against the oracle: seeded mutations of valid FASTQ (byte flips, deletions
 * and insertions, dropped and repeated lines, field-aware edits such as empty sequences, lengths
 * that differ, odd headers, CR/LF variants, cut files) in mate files, interleaved and tab-delimited
 * input, run through {@code flash -t 1} and FlashJ under several option sets. The exit statuses
 * are equal, and where both succeed every output file is identical; where both fail, FlashJ has
 * left no file behind.
 *
 * <p>A case that ever failed is kept under {@code src/test/resources/mutation-cases/} (its input
 * files and an {@code options} file) and run by {@link #keptCasesGiveFlashsResults}.
 */
class MutationDifferentialTest {
    private static final long SEED = 20261130L;
    private static final int CASES = 600;
    private static final List<List<String>> OPTION_SETS = List.of(List.of(), List.of("-O", "-M", "120"),
            List.of("--cap-mismatch-quals", "-x", "0.3", "-m", "5"), List.of("-r", "100", "-f", "180", "-s", "20"));
    private static final Path KEPT = Path.of("src/test/resources/mutation-cases");

    @TempDir
    static Path dir;
    static List<byte[][]> bases = new ArrayList<>();

    @BeforeAll
    static void makeData() throws Exception {
        Oracle.require();
        bases.add(read(TestData.randomPairs(Files.createDirectory(dir.resolve("random")), 12, SEED)));
        bases.add(read(TestData.edgePairs(Files.createDirectory(dir.resolve("edge")), 12, 5)));
        bases.add(read(TestData.artPairs(Files.createDirectory(dir.resolve("art")), "HS25", 100, 1, 180, 20, 9)));
    }

    static Stream<Integer> cases() {
        return Stream.iterate(0, i -> i < CASES, i -> i + 1);
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void mutatedInputGivesFlashsResult(int index) throws Exception {
        Random rnd = new Random(SEED * 31 + index);
        byte[][] base = bases.get(rnd.nextInt(bases.size()));
        Path caseDir = Files.createDirectory(dir.resolve("case" + index));
        List<String> options = new ArrayList<>(OPTION_SETS.get(rnd.nextInt(OPTION_SETS.size())));
        List<Path> inputs = new ArrayList<>();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                options.add("--interleaved-input");
                inputs.add(write(caseDir, "in.fq", mutate(rnd, interleave(base[0], base[1]))));
            }
            case 1 -> {
                options.add("--tab-delimited-input");
                inputs.add(write(caseDir, "in.txt", mutate(rnd, tabDelimited(base[0], base[1]))));
            }
            default -> {
                boolean both = rnd.nextInt(4) == 0;
                boolean first = rnd.nextBoolean();
                inputs.add(write(caseDir, "in_1.fq", both || first ? mutate(rnd, base[0]) : base[0]));
                inputs.add(write(caseDir, "in_2.fq", both || !first ? mutate(rnd, base[1]) : base[1]));
            }
        }
        compare(caseDir, options, inputs, "case " + index + " " + options);
    }

    /** The cases kept because they once failed. */
    @Test
    void keptCasesGiveFlashsResults() throws Exception {
        List<Path> kept;
        try (Stream<Path> s = Files.list(KEPT)) {
            kept = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(!kept.isEmpty(), "kept cases in " + KEPT.toAbsolutePath());
        for (Path keptCase : kept) {
            Path caseDir = Files.createDirectory(dir.resolve("kept-" + keptCase.getFileName()));
            List<String> options = new ArrayList<>();
            for (String line : Files.readAllLines(keptCase.resolve("options"))) {
                if (!line.isBlank()) {
                    options.addAll(List.of(line.strip().split(" ")));
                }
            }
            List<Path> inputs = new ArrayList<>();
            for (String name : List.of("in.fq", "in.txt", "in_1.fq", "in_2.fq")) {
                if (Files.exists(keptCase.resolve(name))) {
                    inputs.add(Files.copy(keptCase.resolve(name), caseDir.resolve(name)));
                }
            }
            compare(caseDir, options, inputs, "kept case " + keptCase.getFileName() + " " + options);
        }
    }

    private static void compare(Path caseDir, List<String> options, List<Path> inputs, String context)
            throws Exception {
        Path oracleDir = Files.createDirectory(caseDir.resolve("oracle"));
        Path flashjDir = Files.createDirectory(caseDir.resolve("flashj"));
        List<String> files = inputs.stream().map(Path::toString).toList();
        Oracle.Run want = Oracle.flash(oracleDir, DifferentialTest.concat(options,
                List.of("-d", oracleDir.toString()), files));
        Oracle.Run got = CliRunner.flashj(DifferentialTest.concat(List.of("-t", "2"), options,
                List.of("-d", flashjDir.toString()), files));
        assertEquals(want.status(), got.status(), () -> context + ": exit status; flash said\n" + want.stderr()
                + "\nFlashJ said\n" + got.stderr());
        if (want.status() == 0) {
            OutputComparison.assertSameFiles(oracleDir, flashjDir, context);
        } else {
            assertEquals(List.of(), OutputComparison.names(flashjDir), context + ": no output after a failure");
            assertTrue(got.stderr().contains("[FLASH] ERROR: "), () -> context + ": " + got.stderr());
        }
    }

    /** One to three mutations of the data, each of a kind drawn at random. */
    static byte[] mutate(Random rnd, byte[] data) {
        byte[] d = data;
        int n = rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(2) : 1;
        for (int k = 0; k < n; k++) {
            d = mutateOnce(rnd, d);
        }
        return d;
    }

    private static final byte[] INSERTED = "\n\r\t @+ACGTNacgtn#I!~\u00ff\u0000".getBytes(StandardCharsets.ISO_8859_1);

    private static byte[] mutateOnce(Random rnd, byte[] d) {
        if (d.length == 0) {
            return new byte[] {INSERTED[rnd.nextInt(INSERTED.length)]};
        }
        List<byte[]> lines = lines(d);
        int at = rnd.nextInt(d.length);
        int line = rnd.nextInt(lines.size());
        switch (rnd.nextInt(16)) {
            case 0 -> {
                byte[] c = d.clone();
                c[at] ^= (byte) (1 << rnd.nextInt(8));
                return c;
            }
            case 1 -> {
                return concat(Arrays.copyOfRange(d, 0, at), Arrays.copyOfRange(d, at + 1, d.length));
            }
            case 2 -> {
                return concat(Arrays.copyOfRange(d, 0, at), new byte[] {INSERTED[rnd.nextInt(INSERTED.length)]},
                        Arrays.copyOfRange(d, at, d.length));
            }
            case 3 -> lines.remove(line);
            case 4 -> lines.add(line, lines.get(line));
            case 5 -> lines.set(Math.min(lines.size() - 1, line - line % 4 + 1), new byte[0]);
            case 6 -> {
                int q = Math.min(lines.size() - 1, line - line % 4 + 3);
                lines.set(q, Arrays.copyOf(lines.get(q), Math.max(0, lines.get(q).length - 1 - rnd.nextInt(3))));
            }
            case 7 -> {
                int q = Math.min(lines.size() - 1, line - line % 4 + 3);
                lines.set(q, concat(lines.get(q), "II".getBytes(StandardCharsets.US_ASCII)));
            }
            case 8 -> {
                String[] headers = {"", "@", ">r", "@r/1", "@r#AC/1", "@/", "@ r x", "@r/2/1#ACGT"};
                int h = line - line % 4;
                lines.set(h, headers[rnd.nextInt(headers.length)].getBytes(StandardCharsets.US_ASCII));
            }
            case 9 -> lines.set(line, concat(lines.get(line), "\r".getBytes(StandardCharsets.US_ASCII)));
            case 10 -> {
                String[] tails = {" ", "\t", " \r", "  x"};
                lines.set(line, concat(lines.get(line),
                        tails[rnd.nextInt(tails.length)].getBytes(StandardCharsets.US_ASCII)));
            }
            case 11 -> {
                return Arrays.copyOf(d, at);
            }
            case 12 -> {
                int s = line - line % 4 + 2;
                if (s < lines.size()) {
                    lines.set(s, rnd.nextBoolean() ? new byte[0] : "+r1 x".getBytes(StandardCharsets.US_ASCII));
                }
            }
            case 13 -> {
                int s = Math.min(lines.size() - 1, line - line % 4 + 1);
                byte[] seq = lines.get(s).clone();
                if (seq.length > 0) {
                    seq[rnd.nextInt(seq.length)] = (byte) "ACGTNacgtnRY.-*".charAt(rnd.nextInt(15));
                }
                lines.set(s, seq);
            }
            case 14 -> {
                int q = Math.min(lines.size() - 1, line - line % 4 + 3);
                byte[] qual = lines.get(q).clone();
                if (qual.length > 0) {
                    qual[rnd.nextInt(qual.length)] = (byte) (33 + rnd.nextInt(94));
                }
                lines.set(q, qual);
            }
            default -> {
                return d[d.length - 1] == '\n' ? Arrays.copyOf(d, d.length - 1) : concat(d, new byte[] {'\n'});
            }
        }
        return join(lines);
    }

    private static List<byte[]> lines(byte[] d) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == '\n') {
                lines.add(Arrays.copyOfRange(d, start, i));
                start = i + 1;
            }
        }
        if (start < d.length) {
            lines.add(Arrays.copyOfRange(d, start, d.length));
        }
        return lines;
    }

    private static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] interleave(byte[] mate1, byte[] mate2) {
        List<byte[]> a = lines(mate1);
        List<byte[]> b = lines(mate2);
        List<byte[]> out = new ArrayList<>();
        for (int r = 0; r + 3 < a.size() && r + 3 < b.size(); r += 4) {
            out.addAll(a.subList(r, r + 4));
            out.addAll(b.subList(r, r + 4));
        }
        return join(out);
    }

    private static byte[] tabDelimited(byte[] mate1, byte[] mate2) {
        List<byte[]> a = lines(mate1);
        List<byte[]> b = lines(mate2);
        List<byte[]> out = new ArrayList<>();
        byte[] tab = {'\t'};
        for (int r = 0; r + 3 < a.size() && r + 3 < b.size(); r += 4) {
            byte[] tag = a.get(r).length > 0 && a.get(r)[0] == '@' ? Arrays.copyOfRange(a.get(r), 1, a.get(r).length)
                    : a.get(r);
            out.add(concat(tag, tab, a.get(r + 1), tab, a.get(r + 3), tab, b.get(r + 1), tab, b.get(r + 3)));
        }
        return join(out);
    }

    private static byte[][] read(Path[] mates) throws IOException {
        return new byte[][] {Files.readAllBytes(mates[0]), Files.readAllBytes(mates[1])};
    }

    private static Path write(Path dir, String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }
}
