package io.github.flashj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.flashj.FlashJob;
import io.github.flashj.JobStatistics;
import io.github.flashj.PairSource;
import io.github.flashj.io.output.FlashOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/** Generated FASTQ data and helpers shared by the flash-io tests. */
public final class TestData {
    private TestData() {
    }

    /** One pair of reads: tags without '@', sequences and quality strings (read 2 as sequenced). */
    public record Pair(String tag1, String seq1, String qual1, String tag2, String seq2, String qual2) {
        public String fastq1() {
            return "@" + tag1 + "\n" + seq1 + "\n+\n" + qual1 + "\n";
        }

        public String fastq2() {
            return "@" + tag2 + "\n" + seq2 + "\n+\n" + qual2 + "\n";
        }
    }

    public static String random(Random r, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int k = 0; k < length; k++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    public static String quals(Random r, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int k = 0; k < length; k++) {
            sb.append((char) ('5' + r.nextInt(10)));
        }
        return sb.toString();
    }

    public static String revcomp(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int k = s.length() - 1; k >= 0; k--) {
            char c = s.charAt(k);
            sb.append(c == 'A' ? 'T' : c == 'C' ? 'G' : c == 'G' ? 'C' : c == 'T' ? 'A' : 'N');
        }
        return sb.toString();
    }

    /** A pair that merges (innie) into {@code fragment}: read length {@code readLength}. */
    public static Pair mergeable(String name, Random r, int fragmentLength, int readLength) {
        String fragment = random(r, "ACGT", fragmentLength);
        return new Pair(name + "/1", fragment.substring(0, readLength), quals(r, readLength), name + "/2",
                revcomp(fragment.substring(fragmentLength - readLength)), quals(r, readLength));
    }

    /**
     * A pair that never merges: both reads over {A, C}, so read 2 reverse-complemented is over {G, T}
     * and every aligned position is a mismatch.
     */
    public static Pair unmergeable(String name, Random r, int length1, int length2) {
        return new Pair(name + "/1", random(r, "AC", length1), quals(r, length1), name + "/2", random(r, "AC", length2),
                quals(r, length2));
    }

    public static List<Pair> unmergeable(int n, long seed, int length) {
        Random r = new Random(seed);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pairs.add(unmergeable("u" + i, r, length, length));
        }
        return pairs;
    }

    public static List<Pair> mergeable(int n, long seed) {
        Random r = new Random(seed);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pairs.add(mergeable("c" + i, r, 150, 100));
        }
        return pairs;
    }

    public static String mates1(List<Pair> pairs) {
        return pairs.stream().map(Pair::fastq1).collect(Collectors.joining());
    }

    public static String mates2(List<Pair> pairs) {
        return pairs.stream().map(Pair::fastq2).collect(Collectors.joining());
    }

    public static String interleaved(List<Pair> pairs) {
        return pairs.stream().map(p -> p.fastq1() + p.fastq2()).collect(Collectors.joining());
    }

    public static Path write(Path file, String content) {
        return write(file, content.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Path write(Path file, byte[] content) {
        try {
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(String content) {
        return gzip(content.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    public static String gunzip(Path file) throws IOException {
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** The regular files under a directory, as sorted relative names. */
    /**
     * The regular files under {@code dir}, relative and sorted. A run may delete files while this lists
     * them (an earlier run's outputs are removed beside the run), so a file or directory that vanishes
     * between listing and looking is left out rather than failing the listing.
     */
    public static List<String> files(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        collectFiles(dir, dir, names);
        names.sort(null);
        return names;
    }

    private static void collectFiles(Path root, Path dir, List<String> names) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    collectFiles(root, entry, names);
                } else if (Files.isRegularFile(entry)) {
                    names.add(root.relativize(entry).toString());
                }
            }
        } catch (NoSuchFileException vanished) {
            // The directory itself was removed: it holds nothing.
        }
    }

    public static FlashOutput.Builder output(Path dir) {
        return FlashOutput.builder().directory(dir.toString()).prefix("out");
    }

    public static JobStatistics run(PairSource source, FlashOutput sink) throws IOException {
        return job(source, sink).build().run();
    }

    public static FlashJob.Builder job(PairSource source, FlashOutput sink) {
        return FlashJob.builder().source(source).sink(sink).workers(1);
    }

    /** Runs a process and returns its standard output; fails on a non-zero exit. */
    public static byte[] runProcess(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", command));
        return out;
    }

    public static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Expected FASTQ output of an uncombined read: '@' + tag, canonical bases, '+', qualities. */
    public static String canonical(String seq) {
        StringBuilder sb = new StringBuilder(seq.length());
        for (int k = 0; k < seq.length(); k++) {
            char c = Character.toUpperCase(seq.charAt(k));
            sb.append(c == 'A' || c == 'C' || c == 'G' || c == 'T' ? c : 'N');
        }
        return sb.toString();
    }
}
