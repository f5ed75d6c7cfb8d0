package io.github.flashj.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hint that the Vector API kernel is off, in a JVM started without the incubator module, as
 * a library user sees it: through SLF4J where the application has a binding, and on standard
 * error through java.util.logging where it has none (SLF4J alone would print only that it has no
 * provider).
 */
class KernelHintTest {
    /** Chooses the kernel, as an application's first merge does. */
    public static void main(String[] args) {
        System.out.println(MergeKernels.best().getClass().getSimpleName());
    }

    @Test
    void withoutAnSlf4jBindingTheHintStillReachesStandardError() throws Exception {
        String stderr = run(false);
        assertTrue(stderr.contains("The Vector API merge kernel is off"), stderr);
        assertTrue(stderr.contains("--add-modules jdk.incubator.vector"), stderr);
    }

    @Test
    void withABindingTheHintGoesThroughSlf4j() throws Exception {
        String stderr = run(true);
        assertTrue(stderr.contains("WARN") && stderr.contains("The Vector API merge kernel is off"), stderr);
        assertTrue(!stderr.contains("java.util.logging") && !stderr.contains("WARNING:"), stderr);
    }

    private static String run(boolean withBinding) throws Exception {
        // Where the tests run on the module path, this module's classes and libraries are there.
        String modulePath = System.getProperty("jdk.module.path", "");
        String classPath = Stream.of(System.getProperty("java.class.path"), modulePath)
                .flatMap(path -> Arrays.stream(path.split(File.pathSeparator)))
                .filter(entry -> !entry.isEmpty())
                .filter(entry -> withBinding || !entry.contains("slf4j-simple"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, KernelHintTest.class.getName()));
        Process java = new ProcessBuilder(command).start();
        String stdout = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(java.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, java.exitValue(), stderr);
        assertEquals("ScalarMergeKernel", stdout.strip(), stderr);
        return stderr;
    }
}
