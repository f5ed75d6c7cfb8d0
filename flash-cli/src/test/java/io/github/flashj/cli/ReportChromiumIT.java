package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --report} page as a browser shows it: headless Chromium (Debian's {@code chromium},
 * installed by scripts/install-deps.sh) opens the page of a run over the example pairs, with every
 * host unresolvable. A probe added to a copy of the page checks, once the page has run, that each
 * plot is on the page with its data drawn (pixels of the series' colour on its canvas), that its
 * legend shows the value under the pointer, and that the page fetched nothing. The test also leaves a screenshot of the page in
 * {@code target/report-screenshot.png} (README's picture of the report).
 */
class ReportChromiumIT {
    private static final Path ROOT = Path.of(System.getProperty("flashj.root", "..")).toAbsolutePath().normalize();
    private static final List<String> PLOTS = List.of("outcomes", "merged_length", "overlap_length",
            "overlap_mismatches", "merged_quality", "read_quality");
    /**
     * Runs in the page after it has drawn: per plot, its height on the page, how many pixels of its
     * canvas are of the first series' blue (#1f77b4, antialiased), and the values its legend shows
     * with the pointer moved to the plot's middle; and how many resources the page loaded. The
     * result goes into a pre element, which --dump-dom prints.
     */
    private static final String PROBE = """
            <script>
            setTimeout(function () {
              var lines = [];
              document.querySelectorAll("figure").forEach(function (f) {
                var blue = 0;
                f.querySelectorAll("canvas").forEach(function (c) {
                  var d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
                  for (var i = 0; i < d.length; i += 4) {
                    if (d[i + 3] > 0 && d[i + 2] > 120 && d[i + 2] - d[i] > 60) blue++;
                  }
                });
                var over = f.querySelector(".u-over");
                var r = over.getBoundingClientRect();
                over.dispatchEvent(new MouseEvent("mousemove",
                    { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true }));
                var values = Array.prototype.map.call(f.querySelectorAll(".u-legend .u-value"),
                    function (v) { return v.textContent; });
                lines.push("plot " + f.id + " height=" + Math.round(f.getBoundingClientRect().height) + " blue=" + blue
                    + " hover=" + values.join("|"));
              });
              lines.push("resources=" + performance.getEntriesByType("resource").length);
              var pre = document.createElement("pre");
              pre.id = "probe";
              pre.textContent = lines.join("\\n");
              document.body.appendChild(pre);
            }, 500);
            </script>
            """;

    @TempDir
    Path dir;

    @Test
    void everyPlotIsDrawnAndNothingIsFetched() throws Exception {
        String chromium = chromium();
        Path report = dir.resolve("lambda.html");
        Oracle.Run run = CliRunner.flashj(List.of("-d", dir.resolve("out").toString(), "--report=" + report,
                ROOT.resolve("examples/data/lambda_1.fastq.gz").toString(),
                ROOT.resolve("examples/data/lambda_2.fastq.gz").toString()));
        assertEquals(0, run.status(), run.stderr());
        String page = Files.readString(report);
        Path probed = Files.writeString(dir.resolve("probed.html"), page.replace("</body>", PROBE + "</body>"));

        Oracle.Run dom = Oracle.exec(dir, browser(chromium, "--virtual-time-budget=10000", "--dump-dom",
                probed.toUri().toString()), null);
        assertEquals(0, dom.status(), dom.stderr());
        String probe = dom.stdoutText();
        Matcher resources = Pattern.compile("resources=([0-9]+)").matcher(probe);
        assertTrue(resources.find(), "the probe ran: " + probe.substring(Math.max(0, probe.length() - 2000)));
        assertEquals("0", resources.group(1), "the page fetches nothing");
        for (String plot : PLOTS) {
            Matcher m = Pattern.compile("plot " + plot + " height=([0-9]+) blue=([0-9]+) hover=([^|\n]+)\\|([^|\n]+)")
                    .matcher(probe);
            assertTrue(m.find(), plot + " is on the page");
            assertTrue(Integer.parseInt(m.group(1)) >= 300, plot + " is drawn at full size: " + m.group());
            assertTrue(Integer.parseInt(m.group(2)) >= 100, plot + " has its data drawn: " + m.group());
            assertTrue(m.group(4).matches("[0-9][0-9,.]*"), plot + " shows the value under the pointer: " + m.group());
        }

        Path screenshot = ROOT.resolve("flash-cli/target/report-screenshot.png");
        Oracle.Run shot = Oracle.exec(dir, browser(chromium, "--window-size=900,2050", "--virtual-time-budget=10000",
                "--screenshot=" + screenshot, report.toUri().toString()), null);
        assertEquals(0, shot.status(), shot.stderr());
        assertTrue(Files.size(screenshot) > 10_000, "the screenshot");
    }

    /** Chromium, headless, with every host name unresolvable: a fetch could not leave the machine. */
    private List<String> browser(String chromium, String... args) {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--no-first-run", "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + dir.resolve("chromium-profile")));
        command.addAll(List.of(args));
        return command;
    }

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser")) {
            String path = Oracle.onPath(name);
            if (path != null) {
                return path;
            }
        }
        if (Boolean.getBoolean("flashj.requireOracle")) {
            fail("chromium is required but not on PATH: scripts/install-deps.sh installs it");
        }
        Assumptions.abort("chromium is not installed (scripts/install-deps.sh installs it)");
        return null;
    }
}
