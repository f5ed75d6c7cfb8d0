package io.github.flashj.cli;

import io.github.flashj.JobStatistics;
import io.github.flashj.MergeParameters;
import io.github.flashj.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The figures of a run, as {@code --json} writes them (MultiQC custom content) and as
 * {@code --report} draws them: one HTML page that opens offline, with uPlot (MIT, from its WebJar)
 * inline drawing every plot and showing the values under the pointer. The page has the run (FlashJ
 * version, command line, inputs and their sizes, date, run time), its warnings, the summary, why
 * pairs were not combined, the parameters, and the plots: what became of the pairs, merged lengths
 * (innie and outie), overlap lengths, mismatches in the overlaps, the mean quality of merged reads
 * by position, and that of read 1 and read 2 before merging.
 */
final class MergeReport {
    private static final String UPLOT = "META-INF/resources/webjars/uplot/";
    private static final String UPLOT_VERSION = uplotVersion();

    /** One input file of the run, with its size on disk (-1 where it has none: standard input, a pipe). */
    record Input(String name, long size) {
    }

    /**
     * The run the figures come from.
     *
     * @param sample the sample's name, as MultiQC's FLASH module names it from the log
     * @param version FlashJ's version
     * @param commandLine the command as typed
     * @param inputs the input files
     * @param started when the run started
     * @param seconds how long it ran, as its log's "seconds elapsed"
     * @param warnings the warnings the run gave, the last ones (from its statistics) included
     */
    record Run(String sample, String version, String commandLine, List<Input> inputs, ZonedDateTime started,
            double seconds, List<String> warnings) {
    }

    /**
     * Mean PHRED quality by position (index 0 is position 1).
     *
     * @param merged of the merged reads
     * @param read1 of read 1 before merging
     * @param read2 of read 2 before merging
     */
    record Qualities(double[] merged, double[] read1, double[] read2) {
    }

    private final Run run;
    private final MergeParameters parameters;
    private final JobStatistics statistics;
    private final long[] overlaps;
    private final long[] mismatches;
    private final Qualities qualities;

    MergeReport(Run run, MergeParameters parameters, JobStatistics statistics, long[] overlaps, long[] mismatches,
            Qualities qualities) {
        this.run = run;
        this.parameters = parameters;
        this.statistics = statistics;
        this.overlaps = overlaps;
        this.mismatches = mismatches;
        this.qualities = qualities;
    }

    /** One plot: its name, axis labels, and series of (x, y) points by name. */
    private record Figure(String id, String title, String xLabel, String yLabel, Map<String, Map<Integer, Double>> series) {
    }

    private List<Figure> figures() {
        String sample = run.sample();
        List<Figure> figures = new ArrayList<>();
        Map<String, Map<Integer, Double>> lengths = new LinkedHashMap<>();
        lengths.put("innie", counts(statistics.innieHistogram()));
        if (parameters.allowOuties()) {
            lengths.put("outie", counts(statistics.outieHistogram()));
        }
        figures.add(new Figure("merged_length", "Merged read length", "length (bp)", "merged pairs", lengths));
        figures.add(new Figure("overlap_length", "Overlap length", "overlap (bp)", "merged pairs",
                Map.of(sample, counts(overlaps))));
        figures.add(new Figure("overlap_mismatches", "Mismatches in the overlap", "mismatches", "merged pairs",
                Map.of(sample, counts(mismatches))));
        figures.add(new Figure("merged_quality", "Mean quality of merged reads by position", "position (bp)",
                "mean PHRED quality", Map.of(sample, byPosition(qualities.merged()))));
        Map<String, Map<Integer, Double>> reads = new LinkedHashMap<>();
        reads.put("read 1", byPosition(qualities.read1()));
        reads.put("read 2", byPosition(qualities.read2()));
        figures.add(new Figure("read_quality", "Mean quality of read 1 and read 2 by position, before merging",
                "position (bp)", "mean PHRED quality", reads));
        return figures;
    }

    private static Map<Integer, Double> counts(long[] histogram) {
        Map<Integer, Double> points = new LinkedHashMap<>();
        for (int k = 0; k < histogram.length; k++) {
            if (histogram[k] != 0) {
                points.put(k, (double) histogram[k]);
            }
        }
        return points;
    }

    private static Map<Integer, Double> byPosition(double[] means) {
        Map<Integer, Double> points = new LinkedHashMap<>();
        for (int k = 0; k < means.length; k++) {
            points.put(k + 1, means[k]);
        }
        return points;
    }

    /**
     * The figures as MultiQC custom content (a line graph with one dataset per figure, switched by
     * its buttons; a file named {@code *_mqc.json} is picked up as it is), with every figure, the
     * run, its warnings, the summary and the reasons pairs were not combined also under
     * {@code flashj}.
     */
    String json() {
        String sample = run.sample();
        List<Figure> figures = figures();
        StringBuilder j = new StringBuilder();
        j.append("{\n  \"id\": \"flashj\",\n  \"section_name\": \"FlashJ\",\n");
        j.append("  \"description\": \"Read pairs merged by FlashJ (FLASH 1.2.11 rules).\",\n");
        j.append("  \"plot_type\": \"linegraph\",\n  \"pconfig\": {\n    \"id\": \"flashj_plot\",\n");
        j.append("    \"title\": \"FlashJ\",\n    \"data_labels\": [");
        for (int f = 0; f < figures.size(); f++) {
            Figure figure = figures.get(f);
            j.append(f == 0 ? "\n" : ",\n").append("      {\"name\": ").append(string(figure.title()))
                    .append(", \"xlab\": ").append(string(figure.xLabel())).append(", \"ylab\": ")
                    .append(string(figure.yLabel())).append('}');
        }
        j.append("\n    ]\n  },\n  \"data\": [");
        for (int f = 0; f < figures.size(); f++) {
            j.append(f == 0 ? "\n" : ",\n").append("    ");
            Map<String, Map<Integer, Double>> series = new LinkedHashMap<>();
            for (Map.Entry<String, Map<Integer, Double>> e : figures.get(f).series().entrySet()) {
                series.put(figures.get(f).series().size() == 1 ? sample : sample + " " + e.getKey(), e.getValue());
            }
            appendSeries(j, series);
        }
        j.append("\n  ],\n  \"flashj\": {\n    \"sample\": ").append(string(sample)).append(",\n");
        j.append("    \"run\": {\"version\": ").append(string(run.version())).append(", \"command_line\": ")
                .append(string(run.commandLine())).append(", \"date\": ").append(string(date()))
                .append(", \"run_time_seconds\": ").append(number(seconds())).append(", \"inputs\": [");
        for (int k = 0; k < run.inputs().size(); k++) {
            Input input = run.inputs().get(k);
            j.append(k == 0 ? "" : ", ").append("{\"name\": ").append(string(input.name())).append(", \"bytes\": ")
                    .append(input.size() < 0 ? "null" : Long.toString(input.size())).append('}');
        }
        j.append("]},\n    \"warnings\": [");
        for (int k = 0; k < run.warnings().size(); k++) {
            j.append(k == 0 ? "" : ", ").append(string(run.warnings().get(k)));
        }
        j.append("],\n");
        appendObject(j, "summary", summary());
        appendObject(j, "not_combined", notCombined());
        appendObject(j, "parameters", parameterTable());
        j.append("    \"figures\": {");
        for (int f = 0; f < figures.size(); f++) {
            j.append(f == 0 ? "\n" : ",\n").append("      ").append(string(figures.get(f).id())).append(": ");
            appendSeries(j, figures.get(f).series());
        }
        j.append("\n    }\n  }\n}\n");
        return j.toString();
    }

    private static void appendObject(StringBuilder j, String name, Map<String, Object> values) {
        j.append("    ").append(string(name)).append(": {");
        int k = 0;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            j.append(k++ == 0 ? "" : ", ").append(string(e.getKey())).append(": ").append(value(e.getValue()));
        }
        j.append("},\n");
    }

    private static void appendSeries(StringBuilder j, Map<String, Map<Integer, Double>> series) {
        j.append('{');
        int s = 0;
        for (Map.Entry<String, Map<Integer, Double>> e : series.entrySet()) {
            j.append(s++ == 0 ? "" : ", ").append(string(e.getKey())).append(": {");
            int p = 0;
            for (Map.Entry<Integer, Double> point : e.getValue().entrySet()) {
                j.append(p++ == 0 ? "" : ", ").append('"').append(point.getKey()).append("\": ")
                        .append(number(point.getValue()));
            }
            j.append('}');
        }
        j.append('}');
    }

    private Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_pairs", statistics.pairs());
        m.put("combined_pairs", statistics.combined());
        m.put("innie_pairs", statistics.combinedInnie());
        m.put("outie_pairs", statistics.combinedOutie());
        m.put("uncombined_pairs", statistics.notCombined());
        m.put("percent_combined", statistics.percentCombined());
        return m;
    }

    /** The pairs not combined, by reason (the names of {@link Refusal} in lower case). */
    private Map<String, Object> notCombined() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Refusal reason : Refusal.values()) {
            m.put(reason.name().toLowerCase(Locale.ROOT), statistics.refusals(reason));
        }
        return m;
    }

    private Map<String, Object> parameterTable() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min_overlap", parameters.minOverlap());
        m.put("max_overlap", parameters.maxOverlap());
        m.put("max_mismatch_density", (double) parameters.maxMismatchDensity());
        m.put("allow_outies", parameters.allowOuties());
        m.put("phred_offset", parameters.phredOffset());
        m.put("cap_mismatch_quals", parameters.capMismatchQuals());
        return m;
    }

    private String date() {
        return run.started().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private double seconds() {
        return run.seconds();
    }

    private static String value(Object v) {
        return v instanceof Double d ? number(d) : String.valueOf(v);
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
                : String.format(Locale.ROOT, "%.4f", d);
    }

    /** A JSON string; {@code <} escaped too, so that it can stand inside a script element. */
    private static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '<' -> b.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The HTML page: the run, its warnings, the tables, and every plot drawn by uPlot from inline data. */
    String html() {
        String sample = run.sample();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>FlashJ report: ")
                .append(escape(sample)).append("</title>\n<style>\n")
                .append(resource(UPLOT + UPLOT_VERSION + "/dist/uPlot.min.css")).append('\n')
                .append(resource("io/github/flashj/cli/report.css")).append("</style>\n</head>\n<body>\n");
        h.append("<h1>FlashJ: ").append(escape(sample)).append("</h1>\n");

        h.append("<h2>Run</h2>\n<table>\n");
        row(h, "FlashJ version", escape(run.version()));
        row(h, "command line", "<code>" + escape(run.commandLine()) + "</code>");
        row(h, "date", escape(date()));
        row(h, "run time", String.format(Locale.ROOT, "%.3f s", seconds()));
        for (Input input : run.inputs()) {
            row(h, "input", escape(input.name()) + (input.size() < 0 ? "" : " <span class=\"size\">("
                    + String.format(Locale.ROOT, "%,d bytes, %s", input.size(), humanSize(input.size())) + ")</span>"));
        }
        h.append("</table>\n<h2>Warnings</h2>\n");
        if (run.warnings().isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<ul class=\"warnings\">\n");
            for (String warning : run.warnings()) {
                h.append("<li>").append(escape(warning.replace("\n", " ").replace("\t", ""))).append("</li>\n");
            }
            h.append("</ul>\n");
        }

        h.append("<h2>Summary</h2>\n<table>\n");
        for (Map.Entry<String, Object> e : summary().entrySet()) {
            numberRow(h, e.getKey().replace('_', ' '), e.getValue() instanceof Double d
                    ? String.format(Locale.ROOT, "%.2f%%", d) : count((Long) e.getValue()));
        }
        h.append("</table>\n<h2>Why pairs were not combined</h2>\n<table>\n");
        for (Refusal reason : Refusal.values()) {
            numberRow(h, escape(reason.description()), count(statistics.refusals(reason)));
        }
        h.append("</table>\n<h2>Parameters</h2>\n<table>\n");
        for (Map.Entry<String, Object> e : parameterTable().entrySet()) {
            row(h, e.getKey().replace('_', ' '), escape(String.valueOf(e.getValue())));
        }
        h.append("</table>\n<h2>Plots</h2>\n<p class=\"hint\">The values under the pointer show in each plot's legend.</p>\n");

        StringBuilder data = new StringBuilder("[");
        appendOutcomes(data);
        h.append("<figure id=\"outcomes\"></figure>\n");
        for (Figure figure : figures()) {
            data.append(",\n");
            appendDense(data, figure);
            h.append("<figure id=\"").append(figure.id()).append("\"></figure>\n");
        }
        data.append("]");
        h.append("<script type=\"application/json\" id=\"flashj-figures\">").append(data).append("</script>\n");
        h.append("<script>\n/*\n").append(resource(UPLOT + UPLOT_VERSION + "/LICENSE").replace("*/", "* /"))
                .append("*/\n").append(resource(UPLOT + UPLOT_VERSION + "/dist/uPlot.iife.min.js")).append('\n')
                .append(resource("io/github/flashj/cli/report.js")).append("</script>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String name, String valueHtml) {
        h.append("<tr><th>").append(name).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    private static void numberRow(StringBuilder h, String name, String number) {
        h.append("<tr><th>").append(name).append("</th><td class=\"n\">").append(number).append("</td></tr>\n");
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** What became of the pairs, as bars: combined (innie, outie) and each reason for not combining. */
    private void appendOutcomes(StringBuilder d) {
        List<String> labels = new ArrayList<>(List.of("combined, innie"));
        List<Long> values = new ArrayList<>(List.of(statistics.combinedInnie()));
        if (parameters.allowOuties()) {
            labels.add("combined, outie");
            values.add(statistics.combinedOutie());
        }
        for (Refusal reason : Refusal.values()) {
            labels.add(switch (reason) {
                case READ_SHORTER_THAN_MIN_OVERLAP -> "not: read < -m";
                case TOO_MANY_N -> "not: too many N";
                case MISMATCH_DENSITY_ABOVE_MAX -> "not: density > -x";
            });
            values.add(statistics.refusals(reason));
        }
        d.append("{\"id\": \"outcomes\", \"title\": ").append(string(String.format(Locale.ROOT,
                "What became of the pairs (%.2f%% combined)", statistics.percentCombined())))
                .append(", \"xLabel\": \"outcome\", \"yLabel\": \"read pairs\", \"labels\": [");
        for (int k = 0; k < labels.size(); k++) {
            d.append(k == 0 ? "" : ", ").append(string(labels.get(k)));
        }
        d.append("], \"x\": [");
        for (int k = 0; k < labels.size(); k++) {
            d.append(k == 0 ? "" : ", ").append(k);
        }
        d.append("], \"series\": [{\"name\": \"pairs\", \"values\": [");
        for (int k = 0; k < values.size(); k++) {
            d.append(k == 0 ? "" : ", ").append(values.get(k));
        }
        d.append("]}]}");
    }

    /** A figure as uPlot reads it: one x array from the lowest to the highest x, every series aligned to it. */
    private static void appendDense(StringBuilder d, Figure figure) {
        int from = Integer.MAX_VALUE;
        int to = Integer.MIN_VALUE;
        for (Map<Integer, Double> points : figure.series().values()) {
            for (int x : points.keySet()) {
                from = Math.min(from, x);
                to = Math.max(to, x);
            }
        }
        if (from > to) {
            from = 0;
            to = -1;
        }
        boolean counts = !figure.yLabel().startsWith("mean");
        d.append("{\"id\": ").append(string(figure.id())).append(", \"title\": ").append(string(figure.title()))
                .append(", \"xLabel\": ").append(string(figure.xLabel())).append(", \"yLabel\": ")
                .append(string(figure.yLabel())).append(", \"x\": [");
        for (int x = from; x <= to; x++) {
            d.append(x == from ? "" : ",").append(x);
        }
        d.append("], \"series\": [");
        int s = 0;
        for (Map.Entry<String, Map<Integer, Double>> e : figure.series().entrySet()) {
            d.append(s++ == 0 ? "" : ", ").append("{\"name\": ").append(string(e.getKey())).append(", \"values\": [");
            for (int x = from; x <= to; x++) {
                Double y = e.getValue().get(x);
                d.append(x == from ? "" : ",").append(y != null ? number(y) : counts ? "0" : "null");
            }
            d.append("]}");
        }
        d.append("]}");
    }

    private static String uplotVersion() {
        Properties p = new Properties();
        try (InputStream in = MergeReport.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("uPlot's WebJar (org.webjars.npm:uplot) is not on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static String resource(String name) {
        try (InputStream in = MergeReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
