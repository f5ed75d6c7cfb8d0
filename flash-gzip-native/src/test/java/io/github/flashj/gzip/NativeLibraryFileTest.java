package io.github.flashj.gzip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native library is copied out of the jar to be loaded and removed right after loading, so that
 * nothing is left in the temporary directory, even by a JVM that is killed (no exit hooks run).
 */
class NativeLibraryFileTest {
    @TempDir
    Path tmp;

    /** Loads the library and halts at once, as {@code kill -9} would stop the JVM. */
    public static void main(String[] args) {
        boolean loaded = IsalDeflate.available();
        Runtime.getRuntime().halt(loaded ? 0 : 3);
    }

    /**
     * The class path of a child JVM that runs {@link #main}: this JVM's class path and, where the
     * tests run on the module path, the module path too (this module's classes and its libraries).
     */
    private static String childClassPath() {
        String modulePath = System.getProperty("jdk.module.path");
        String classPath = System.getProperty("java.class.path");
        return modulePath == null ? classPath : classPath + File.pathSeparator + modulePath;
    }

    @Test
    void theLibraryIsVersionedAndLoadsFromTheFolderGiven() throws Exception {
        Assumptions.assumeTrue(SeekableGzipInputStream.nativeAvailable(), "the native library is not built here");
        assertTrue(NativeLibrary.fileName().matches("libflashj-rapidgzip-[0-9][^/]*\\.so"), NativeLibrary.fileName());
        Path folder = Files.createDirectory(tmp.resolve("exec"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + NativeLibrary.FOLDER_PROPERTY + "=" + folder, "-cp", childClassPath(),
                NativeLibraryFileTest.class.getName()).inheritIO().start();
        assertEquals(0, p.waitFor(), "the child JVM loaded the library from " + folder);
        try (Stream<Path> s = Files.list(folder)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    void aLibraryThatCannotBeWrittenGivesAWarningWithTheFix() throws Exception {
        Assumptions.assumeTrue(SeekableGzipInputStream.nativeAvailable(), "the native library is not built here");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + NativeLibrary.FOLDER_PROPERTY + "=" + tmp.resolve("absent"), "-cp",
                childClassPath(), NativeLibraryFileTest.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(3, p.waitFor(), "the library is not loaded: " + output);
        assertTrue(output.contains("WARN") && output.contains("-D" + NativeLibrary.FOLDER_PROPERTY + "=DIR"), output);
    }

    @Test
    void noLibraryFileIsLeftBehind() throws Exception {
        Assumptions.assumeTrue(SeekableGzipInputStream.nativeAvailable(), "the native library is not built here");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", childClassPath(),
                NativeLibraryFileTest.class.getName()).inheritIO().start();
        assertEquals(0, p.waitFor(), "the child JVM loaded the library");
        try (Stream<Path> s = Files.list(tmp)) {
            List<Path> left = s.toList();
            assertTrue(left.isEmpty(), "left behind: " + left);
        }
    }
}
