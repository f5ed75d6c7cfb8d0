package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Decoders that read one gzip member, LZ4 frame or Zstandard frame in one call, and silently stop
 * there: Python's {@code zlib.decompress(data, 31)}, {@code lz4.frame.decompress} and
 * python-zstandard's {@code ZstdDecompressor().decompress} (which also needs the frame to state its
 * content size). zstandard and lz4 come from PyPI, pinned, installed once into a venv under
 * {@code flash-cli/target/}.
 */
public final class OneShotDecoders {
    private static final List<String> PACKAGES = List.of("zstandard==0.25.0", "lz4==4.4.5");
    private static final Path ROOT = Path.of(System.getProperty("flashj.root", "..")).toAbsolutePath().normalize();
    private static final String SCRIPT = String.join("\n",
            "import sys, zlib, lz4.frame, zstandard",
            "data = open(sys.argv[1], 'rb').read()",
            "if sys.argv[1].endswith('.gz'):",
            "    out = zlib.decompress(data, 31)",
            "elif sys.argv[1].endswith('.lz4'):",
            "    out = lz4.frame.decompress(data)",
            "else:",
            "    out = zstandard.ZstdDecompressor().decompress(data)",
            "open(sys.argv[2], 'wb').write(out)",
            "");

    private OneShotDecoders() {
    }

    /** The venv's python, with zstandard and lz4 installed. */
    private static synchronized Path python(Path work) throws IOException, InterruptedException {
        Path venv = ROOT.resolve("flash-cli/target/oneshot-venv");
        Path python = venv.resolve("bin/python");
        Path ready = venv.resolve("installed");
        if (!Files.exists(ready)) {
            assertEquals(0, Oracle.exec(work, List.of("python3", "-m", "venv", venv.toString()), null).status());
            List<String> pip = new java.util.ArrayList<>(List.of(venv.resolve("bin/pip").toString(), "install", "-q"));
            pip.addAll(PACKAGES);
            Oracle.Run install = Oracle.exec(work, pip, null);
            assertEquals(0, install.status(), install.stderr());
            Files.writeString(ready, String.join("\n", PACKAGES));
        }
        return python;
    }

    /** The content of {@code file} (by its suffix: .gz, .lz4 or .zst) as the one-shot decoder reads it. */
    public static byte[] decode(Path file, Path work) throws IOException, InterruptedException {
        Path script = work.resolve("oneshot.py");
        if (!Files.exists(script)) {
            Files.writeString(script, SCRIPT);
        }
        Path out = Files.createTempFile(work, "oneshot", ".out");
        Oracle.Run run = Oracle.exec(work, List.of(python(work).toString(), script.toString(), file.toString(),
                out.toString()), null);
        assertEquals(0, run.status(), file + ": " + run.stderr());
        byte[] content = Files.readAllBytes(out);
        Files.delete(out);
        return content;
    }
}
