package io.github.flashj.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes the test inputs: ART reads over the lambda phage genome, the shared edge-case pairs, and
 * seeded random pairs; and the interleaved, tab-delimited and PHRED+64 forms of any pair set.
 * Nothing is committed: every input is generated where the test runs.
 */
public final class TestData {
    public static final Path LAMBDA_GZ = Path.of("/usr/share/doc/bowtie2/examples/reference/lambda_virus.fa.gz");

    private TestData() {
    }

    /** The shared folder beside the repository (../shared), holding the spec, tools and golden vectors. */
    public static Path sharedDir() {
        String dir = System.getProperty("flashj.sharedDir");
        Path p = dir != null ? Path.of(dir) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(p)) {
            p = Path.of("..", "shared");
        }
        return p.toAbsolutePath().normalize();
    }

    /** Mate files of {@code n} edge-case pairs from ../shared/tools/make_edge_pairs.py. */
    public static Path[] edgePairs(Path dir, int n, int seed) throws IOException, InterruptedException {
        Path tool = sharedDir().resolve("tools/make_edge_pairs.py");
        requireTool(Files.isRegularFile(tool), tool + " (the shared folder beside the repository)");
        requireTool(Oracle.onPath("python3") != null, "python3");
        Path prefix = dir.resolve("edge" + seed);
        run(dir, List.of("python3", tool.toString(), prefix.toString(), String.valueOf(n), String.valueOf(seed)));
        return new Path[] {dir.resolve("edge" + seed + "_1.fq"), dir.resolve("edge" + seed + "_2.fq")};
    }

    /**
     * ART-simulated pairs over the lambda genome.
     *
     * @param profile ART's built-in profile, e.g. HS25 (2x150) or MSv3 (2x250)
     * @param readLength read length
     * @param fold fold coverage (lambda is 48.5 kb: fold 20 at 2x150 is about 3,200 pairs)
     * @param fragment mean fragment length
     * @param sd fragment length standard deviation
     */
    public static Path[] artPairs(Path dir, String profile, int readLength, int fold, int fragment, int sd, int seed)
            throws IOException, InterruptedException {
        requireTool(Oracle.onPath("art_illumina") != null,
                "art_illumina (apt-get install art-nextgen-simulation-tools art-nextgen-simulation-tools-profiles)");
        requireTool(Files.isRegularFile(LAMBDA_GZ), LAMBDA_GZ + " (apt-get install bowtie2-examples)");
        Path fasta = dir.resolve("lambda.fa");
        if (!Files.exists(fasta)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(LAMBDA_GZ))) {
                Files.copy(in, fasta);
            }
        }
        String name = "art_" + profile + "_" + readLength + "_" + seed;
        run(dir, List.of("art_illumina", "-q", "-na", "-ss", profile, "-i", fasta.toString(), "-p", "-l",
                String.valueOf(readLength), "-f", String.valueOf(fold), "-m", String.valueOf(fragment), "-s",
                String.valueOf(sd), "-rs", String.valueOf(seed), "-o", dir.resolve(name).toString()));
        return new Path[] {dir.resolve(name + "1.fq"), dir.resolve(name + "2.fq")};
    }

    /**
     * Seeded random pairs that stress every rule: random lengths (1 to 320), overlaps from none to
     * read-through, substitutions, N runs, equal-quality stretches, lower-case and junk bases,
     * varied tags and line endings.
     */
    public static Path[] randomPairs(Path dir, int n, long seed) throws IOException {
        Random rnd = new Random(seed);
        Path p1 = dir.resolve("random" + seed + "_1.fq");
        Path p2 = dir.resolve("random" + seed + "_2.fq");
        String acgt = "ACGT";
        try (BufferedWriter w1 = Files.newBufferedWriter(p1, StandardCharsets.ISO_8859_1);
                BufferedWriter w2 = Files.newBufferedWriter(p2, StandardCharsets.ISO_8859_1)) {
            for (int i = 0; i < n; i++) {
                int len1 = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(320) : 100 + rnd.nextInt(2) * 50;
                int len2 = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(320) : len1;
                int fragment = Math.max(1, rnd.nextInt(len1 + len2 + 20) + (rnd.nextBoolean() ? 0 : len1 / 2));
                int genome = Math.max(fragment, Math.max(len1, len2)) + 1;
                char[] g = new char[genome];
                for (int k = 0; k < genome; k++) {
                    g[k] = acgt.charAt(rnd.nextInt(4));
                }
                char[] r1 = new char[len1];
                char[] r2 = new char[len2];
                for (int k = 0; k < len1; k++) {
                    r1[k] = g[k];
                }
                for (int k = 0; k < len2; k++) {
                    int pos = fragment - 1 - k;
                    r2[k] = pos >= 0 ? complement(g[pos]) : acgt.charAt(rnd.nextInt(4));
                }
                char[] q1 = qualities(rnd, len1);
                char[] q2 = rnd.nextInt(8) == 0 ? q1.length == len2 ? q1.clone() : qualities(rnd, len2)
                        : qualities(rnd, len2);
                mutate(rnd, r1, q1);
                mutate(rnd, r2, q2);
                String[] tags = tags(rnd, i);
                String eol = rnd.nextInt(20) == 0 ? "\r\n" : "\n";
                write(w1, tags[0], r1, q1, eol);
                write(w2, tags[1], r2, q2, eol);
            }
        }
        return new Path[] {p1, p2};
    }

    private static char[] qualities(Random rnd, int len) {
        char[] q = new char[len];
        int mode = rnd.nextInt(4);
        int flat = 2 + rnd.nextInt(40);
        for (int k = 0; k < len; k++) {
            int v = mode == 0 ? flat : mode == 1 ? 2 + rnd.nextInt(40) : Math.max(2, 40 - k / 6 - rnd.nextInt(8));
            q[k] = (char) (33 + v);
        }
        return q;
    }

    private static void mutate(Random rnd, char[] r, char[] q) {
        double errorRate = rnd.nextInt(3) == 0 ? 0.1 : 0.01;
        for (int k = 0; k < r.length; k++) {
            double x = rnd.nextDouble();
            if (x < errorRate) {
                r[k] = "ACGT".charAt(rnd.nextInt(4));
            } else if (x < errorRate + 0.01) {
                int run = 1 + rnd.nextInt(5);
                for (int j = k; j < Math.min(r.length, k + run); j++) {
                    r[j] = 'N';
                    q[j] = '#';
                }
            } else if (x < errorRate + 0.015) {
                r[k] = "acgtnRYKM.-".charAt(rnd.nextInt(11));
            }
        }
    }

    private static String[] tags(Random rnd, int i) {
        switch (rnd.nextInt(5)) {
            case 0:
                return new String[] {"@p" + i + "/1", "@p" + i + "/2"};
            case 1:
                return new String[] {"@p" + i + "/1#ACGT", "@p" + i + "/2#ACGT"};
            case 2:
                return new String[] {"@p" + i + " 1:N:0:ACGT", "@p" + i + " 2:N:0:ACGT"};
            case 3:
                return new String[] {"@p" + i + "/1 extra", "@p" + i + "/2 extra"};
            default:
                return new String[] {"@p" + i, "@p" + i};
        }
    }

    private static void write(BufferedWriter w, String tag, char[] r, char[] q, String eol) throws IOException {
        w.write(tag);
        w.write(eol);
        w.write(r);
        w.write(eol);
        w.write('+');
        w.write(eol);
        w.write(q);
        w.write(eol);
    }

    private static char complement(char c) {
        switch (c) {
            case 'A':
                return 'T';
            case 'C':
                return 'G';
            case 'G':
                return 'C';
            default:
                return 'A';
        }
    }

    /** One interleaved FASTQ file from two mate files. */
    public static Path interleave(Path dir, Path[] mates, String name) throws IOException {
        List<String> a = Files.readAllLines(mates[0], StandardCharsets.ISO_8859_1);
        List<String> b = Files.readAllLines(mates[1], StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 3 < a.size(); i += 4) {
            out.addAll(a.subList(i, i + 4));
            out.addAll(b.subList(i, i + 4));
        }
        Path p = dir.resolve(name);
        Files.write(p, out, StandardCharsets.ISO_8859_1);
        return p;
    }

    /** One tab-delimited file (tag seq1 qual1 seq2 qual2) from two mate files. */
    public static Path tabDelimited(Path dir, Path[] mates, String name) throws IOException {
        List<String> a = Files.readAllLines(mates[0], StandardCharsets.ISO_8859_1);
        List<String> b = Files.readAllLines(mates[1], StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 3 < a.size(); i += 4) {
            out.add(a.get(i).strip() + "\t" + a.get(i + 1).strip() + "\t" + a.get(i + 3).strip() + "\t"
                    + b.get(i + 1).strip() + "\t" + b.get(i + 3).strip());
        }
        Path p = dir.resolve(name);
        Files.write(p, out, StandardCharsets.ISO_8859_1);
        return p;
    }

    /** The same reads with PHRED+64 qualities. */
    public static Path[] phred64(Path dir, Path[] mates) throws IOException {
        Path[] out = new Path[2];
        for (int m = 0; m < 2; m++) {
            List<String> lines = Files.readAllLines(mates[m], StandardCharsets.ISO_8859_1);
            for (int i = 3; i < lines.size(); i += 4) {
                StringBuilder sb = new StringBuilder();
                for (char c : lines.get(i).strip().toCharArray()) {
                    sb.append((char) Math.min(126, c + 31));
                }
                lines.set(i, sb.toString());
            }
            out[m] = dir.resolve("p64_" + mates[m].getFileName());
            Files.write(out[m], lines, StandardCharsets.ISO_8859_1);
        }
        return out;
    }

    /** A gzip copy of a file, under the given name. */
    public static Path gzip(Path file, Path target) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            Files.copy(file, out);
        }
        return target;
    }

    private static void requireTool(boolean present, String what) {
        if (!present) {
            if (Boolean.getBoolean("flashj.requireOracle")) {
                throw new AssertionError("test data needs " + what);
            }
            Assumptions.abort("test data needs " + what);
        }
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Oracle.Run r = Oracle.exec(dir, command, null);
        if (r.status() != 0) {
            throw new IOException(command + " failed with status " + r.status() + ": " + r.stderr());
        }
    }
}
