package io.github.flashj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a user of flash-io gets on the class path, transitively: the list Maven resolves at build
 * time must equal the reviewed one in {@code runtime-dependencies.txt}, so that a change to it is
 * seen in review. FlashJ's own modules are listed without their version.
 */
class RuntimeDependenciesTest {
    private static final Pattern ARTIFACT = Pattern.compile("^\\s+([\\w.-]+):([\\w.-]+):jar:([\\w.-]+):(compile|runtime)");

    @Test
    void theRuntimeDependenciesAreTheReviewedOnes() throws IOException {
        List<String> resolved = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("target", "runtime-dependencies.txt"))) {
            Matcher m = ARTIFACT.matcher(line);
            if (m.find()) {
                boolean ours = m.group(1).equals("io.github.flashj");
                resolved.add(m.group(1) + ":" + m.group(2) + (ours ? "" : ":" + m.group(3)) + ":" + m.group(4));
            }
        }
        resolved.sort(null);
        List<String> reviewed = new ArrayList<>();
        try (InputStream in = RuntimeDependenciesTest.class.getResourceAsStream("/runtime-dependencies.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    reviewed.add(line.strip());
                }
            }
        }
        assertEquals(reviewed, resolved, "flash-io's runtime dependencies changed: review them and update "
                + "flash-io/src/test/resources/runtime-dependencies.txt");
    }
}
