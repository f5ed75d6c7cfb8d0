package io.github.flashj.gzip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads libflashj-rapidgzip from the jar, once per JVM. The library sits in the jar under
 * {@code io/github/flashj/gzip/native/<os>-<arch>/} under a name that carries FlashJ's version
 * ({@code native/library.properties} names it); it is copied to a temporary file in the folder of
 * the system property {@value #FOLDER_PROPERTY} (default: {@code java.io.tmpdir}), loaded, and the
 * file removed at once. When there is no library for this platform or it cannot be loaded, FlashJ
 * decodes and encodes gzip in Java and says why once, as a warning that names the fix; when the
 * system property {@value #DISABLE_PROPERTY} is {@code false}, it does so quietly (at info level).
 */
final class NativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibrary.class);
    /** A folder where the library may be written and executed from, if not {@code java.io.tmpdir}. */
    static final String FOLDER_PROPERTY = "flashj.native.tmpdir";
    /** {@code false} turns the native library off. */
    static final String DISABLE_PROPERTY = "flashj.gzip.native";

    private NativeLibrary() {
    }

    /** Whether the native methods of {@link RapidgzipBinding} can be called. */
    static boolean available() {
        return Holder.VERSION != null;
    }

    /** rapidgzip's version, or null when the library is not loaded. */
    static String version() {
        return Holder.VERSION;
    }

    /** Why the library is not loaded, or null when it is. */
    static String unavailableReason() {
        return Holder.REASON;
    }

    /** The library's file name in the jar. */
    static String fileName() throws IOException {
        Properties p = new Properties();
        try (InputStream in = NativeLibrary.class.getResourceAsStream("native/library.properties")) {
            if (in == null) {
                throw new IOException("native/library.properties is missing from the jar");
            }
            p.load(in);
        }
        return p.getProperty("file");
    }

    /** Initialised on first use, so that loading happens once and only when gzip is met. */
    private static final class Holder {
        static final String VERSION;
        static final String REASON;

        static {
            String version = null;
            String reason;
            boolean chosen = "false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY));
            try {
                reason = chosen ? "the system property " + DISABLE_PROPERTY + " is false" : load();
                if (reason == null) {
                    version = RapidgzipBinding.version();
                }
            } catch (IOException | LinkageError | SecurityException e) {
                reason = "it could not be loaded (" + e + "); if " + folder() + " does not allow running "
                        + "programs (mounted noexec), give a folder that does with -D" + FOLDER_PROPERTY
                        + "=DIR (in JAVA_OPTS for bin/flashj)";
            }
            VERSION = version;
            REASON = reason;
            if (version != null) {
                LOG.debug("loaded the native gzip library (rapidgzip {} with ISA-L)", version);
            } else if (chosen) {
                LOG.info("Native gzip library not used: {}; gzip is decoded and encoded with java.util.zip", reason);
            } else {
                LOG.warn("Native gzip library not used: {}. Gzip is decoded and encoded with java.util.zip, several "
                        + "times slower", reason);
            }
        }

        /** Loads the library; returns why it is unavailable, or null once loaded. */
        private static String load() throws IOException {
            String platform = platform();
            String resource = "native/" + platform + "/" + fileName();
            try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return "this build has no library for " + platform + "; build FlashJ on " + platform
                            + " (mvn package builds it where a C++ compiler, nasm and zlib are installed)";
                }
                Path file = Files.createTempFile(folder(), "flashj-rapidgzip-", ".so");
                try {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    System.load(file.toAbsolutePath().toString());
                } finally {
                    // A loaded library stays mapped after its file is gone: removing it now leaves
                    // nothing behind, even after kill -9 (deleteOnExit does not run then).
                    Files.deleteIfExists(file);
                }
                return null;
            }
        }

        private static Path folder() {
            return Path.of(System.getProperty(FOLDER_PROPERTY, System.getProperty("java.io.tmpdir")));
        }

        private static String platform() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            String osName = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macos"
                    : os.startsWith("windows") ? "windows" : os.replace(' ', '_');
            String archName = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                    : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
            return osName + "-" + archName;
        }
    }
}
