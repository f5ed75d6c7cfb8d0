package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Compares the files and messages of a FlashJ run with the oracle's. */
public final class OutputComparison {
    private static final Pattern FACT = Pattern.compile(
            "\\[FLASH\\]\\s+(Total pairs|Combined pairs|Innie pairs|Outie pairs|Uncombined pairs|Percent combined"
                    + "|Min overlap|Max overlap|Max mismatch density|Allow \"outie\" pairs|Cap mismatch quals"
                    + "|Input format|Output format):\\s+(.*)");

    private OutputComparison() {
    }

    /**
     * Every file the oracle wrote exists in FlashJ's directory with the same bytes (decoded for
     * gzip data), and FlashJ wrote no other file.
     */
    public static void assertSameFiles(Path oracleDir, Path flashjDir, String context) throws IOException {
        List<String> expected = names(oracleDir);
        List<String> actual = names(flashjDir);
        assertEquals(expected, actual, context + ": output file names");
        for (String name : expected) {
            byte[] want = content(oracleDir.resolve(name));
            byte[] got = content(flashjDir.resolve(name));
            if (!java.util.Arrays.equals(want, got)) {
                fail(context + ": " + name + " differs from the oracle's" + firstDifference(want, got));
            }
        }
    }

    /** The same facts in the informational messages: parameters, counts, percent, the warning. */
    public static void assertSameFacts(String oracleMessages, String flashjMessages, String context) {
        assertEquals(facts(oracleMessages), facts(flashjMessages), context + ": facts in the messages");
        assertEquals(oracleMessages.contains("WARNING: An unexpectedly high proportion"),
                flashjMessages.contains("WARNING: An unexpectedly high proportion"), context + ": max-overlap warning");
    }

    public static Map<String, String> facts(String messages) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : messages.split("\n")) {
            Matcher m = FACT.matcher(line);
            if (m.matches()) {
                facts.put(m.group(1), m.group(2).strip());
            }
        }
        assertTrue(facts.containsKey("Total pairs"), "no statistics in the messages:\n" + messages);
        return facts;
    }

    public static List<String> names(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }

    /** Every file and directory under {@code dir}, hidden ones included, sorted; none if it does not exist. */
    public static List<String> everything(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> !p.equals(dir)).forEach(p -> names.add(dir.relativize(p).toString()));
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * The file's data: gzip data (found by its magic bytes, whatever the name, as with
     * {@code -z --suffix=foo}) decoded, since FlashJ's members may be split differently from
     * flash's single stream; anything else as it is.
     */
    public static byte[] content(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                return in.readAllBytes();
            }
        }
        return bytes;
    }

    public static void assertSameBytes(byte[] want, byte[] got, String context) {
        if (!java.util.Arrays.equals(want, got)) {
            assertArrayEquals(want, got, context + firstDifference(want, got));
        }
    }

    public static String firstDifference(byte[] want, byte[] got) {
        int n = Math.min(want.length, got.length);
        int i = 0;
        while (i < n && want[i] == got[i]) {
            i++;
        }
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < i; k++) {
            if (want[k] == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return " (lengths " + want.length + " vs " + got.length + "; first difference at byte " + i + ", line " + line
                + ": oracle \"" + lineAt(want, lineStart) + "\" vs flashj \"" + lineAt(got, lineStart) + "\")";
    }

    private static String lineAt(byte[] b, int start) {
        int end = start;
        while (end < b.length && b[end] != '\n' && end - start < 120) {
            end++;
        }
        return start >= b.length ? "<end>" : new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
