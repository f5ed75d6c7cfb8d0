package io.github.flashj.gzip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads libflashj-rapidgzip from the jar, once per JVM. The library sits in the jar under
 * {@code io/github/flashj/gzip/native/<os>-<arch>/}; it is copied to a temporary file (deleted at
 * exit) and loaded from there. When there is no library for this platform, or it cannot be loaded,
 * or the system property {@code flashj.gzip.native} is {@code false}, FlashJ decodes and encodes
 * gzip in Java, and says why once, at info level.
 */
final class NativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibrary.class);
    static final String LIBRARY = "libflashj-rapidgzip.so";

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

    /** Initialised on first use, so that loading happens once and only when gzip is met. */
    private static final class Holder {
        static final String VERSION;
        static final String REASON;

        static {
            String version = null;
            String reason;
            try {
                reason = load();
                if (reason == null) {
                    version = RapidgzipBinding.version();
                }
            } catch (IOException | LinkageError | SecurityException e) {
                reason = "it could not be loaded (" + e + ")";
            }
            VERSION = version;
            REASON = reason;
            if (version != null) {
                LOG.debug("loaded the native gzip library (rapidgzip {} with ISA-L)", version);
            } else {
                LOG.info("Native gzip library not used: {}; gzip is decoded and encoded with java.util.zip", reason);
            }
        }

        /** Loads the library; returns why it is unavailable, or null once loaded. */
        private static String load() throws IOException {
            if ("false".equalsIgnoreCase(System.getProperty("flashj.gzip.native"))) {
                return "the system property flashj.gzip.native is false";
            }
            String platform = platform();
            String resource = "native/" + platform + "/" + LIBRARY;
            try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return "this build has no library for " + platform;
                }
                Path file = Files.createTempFile("flashj-rapidgzip-", ".so");
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
