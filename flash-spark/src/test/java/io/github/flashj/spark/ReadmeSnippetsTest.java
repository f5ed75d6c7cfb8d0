package io.github.flashj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's Java snippets are real code: each {@code ```java} block (its imports first, as the
 * README shows them) is compiled as the body of a {@code main} and run in a JVM of its own, in a
 * directory that holds the files the snippets name ({@code r1.fq.gz}, {@code r2.fq.gz},
 * {@code r1.fq}, {@code r2.fq}, {@code R1.fastq}, {@code R2.fastq}: the example pairs), with
 * {@code spark.master=local[2]} for the Spark snippets. Each must exit 0.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of(System.getProperty("flashj.root", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    @BeforeAll
    static void inputs() throws IOException {
        for (int mate = 1; mate <= 2; mate++) {
            Path gz = ROOT.resolve("examples/data/lambda_" + mate + ".fastq.gz");
            Files.copy(gz, dir.resolve("r" + mate + ".fq.gz"));
            byte[] plain;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                plain = in.readAllBytes();
            }
            Files.write(dir.resolve("r" + mate + ".fq"), plain);
            Files.write(dir.resolve("R" + mate + ".fastq"), plain);
        }
    }

    static Stream<Arguments> snippets() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        List<Arguments> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("```java")) {
                int start = i + 1;
                StringBuilder code = new StringBuilder();
                for (i = start; !lines.get(i).equals("```"); i++) {
                    code.append(lines.get(i)).append('\n');
                }
                snippets.add(Arguments.of(start, code.toString()));
            }
        }
        return snippets.stream();
    }

    @ParameterizedTest(name = "README.md line {0}")
    @MethodSource("snippets")
    void compilesAndRuns(int line, String code) throws Exception {
        String name = "ReadmeSnippet" + line;
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String l : code.split("\n")) {
            (l.startsWith("import ") ? imports : body).append(l).append('\n');
        }
        assertTrue(imports.length() > 0, "the snippet at README.md line " + line + " shows its imports");
        Path work = Files.createDirectory(dir.resolve(name));
        Path source = work.resolve(name + ".java");
        Files.writeString(source, imports + "\npublic class " + name
                + " {\n    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "-proc:none", "-cp",
                System.getProperty("java.class.path"), "-d", work.toString(), source.toString());
        assertEquals(0, compiled, "README.md line " + line + " compiles:\n"
                + diagnostics.toString(StandardCharsets.UTF_8));

        for (String file : List.of("r1.fq.gz", "r2.fq.gz", "r1.fq", "r2.fq", "R1.fastq", "R2.fastq")) {
            Files.copy(dir.resolve(file), work.resolve(file));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognized")).toList());
        command.addAll(List.of("-Dspark.master=local[2]", "-Dspark.ui.enabled=false", "-cp",
                work + java.io.File.pathSeparator + System.getProperty("java.class.path"), name));
        Process run = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), "README.md line " + line + " ends");
        assertEquals(0, run.exitValue(), "README.md line " + line + " runs:\n" + output);
    }
}
