package io.github.flashj.cli;

import io.github.flashj.JobStatistics;
import io.github.flashj.MergeParameters;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The figures of a run, as {@code --json} writes them (MultiQC custom content) and as
 * {@code --report} draws them (one HTML page with the plots inline as SVG, made by JFreeChart and
 * JFreeSVG, so that it opens offline): the summary, merged lengths (innie and outie), overlap
 * lengths, mismatches in the overlaps, the share combined, and the mean quality of merged reads
 * by position.
 */
final class MergeReport {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 330;

    private final String sample;
    private final MergeParameters parameters;
    private final JobStatistics statistics;
    private final long[] overlaps;
    private final long[] mismatches;
    private final double[] meanQuality;

    MergeReport(String sample, MergeParameters parameters, JobStatistics statistics, long[] overlaps,
            long[] mismatches, double[] meanQuality) {
        this.sample = sample;
        this.parameters = parameters;
        this.statistics = statistics;
        this.overlaps = overlaps;
        this.mismatches = mismatches;
        this.meanQuality = meanQuality;
    }

    /** One plot: its name, axis labels, and series of (x, y) points by name. */
    private record Figure(String id, String title, String xLabel, String yLabel, Map<String, Map<Integer, Double>> series) {
    }

    private List<Figure> figures() {
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
        Map<Integer, Double> quality = new LinkedHashMap<>();
        for (int k = 0; k < meanQuality.length; k++) {
            quality.put(k + 1, meanQuality[k]);
        }
        figures.add(new Figure("merged_quality", "Mean quality of merged reads by position", "position (bp)",
                "mean PHRED quality", Map.of(sample, quality)));
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

    /**
     * The figures as MultiQC custom content (a line graph with one dataset per figure, switched by
     * its buttons; a file named {@code *_mqc.json} is picked up as it is), with every figure and the
     * summary also under {@code flashj}.
     */
    String json() {
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
        j.append("    \"summary\": {");
        Map<String, Object> summary = summary();
        int k = 0;
        for (Map.Entry<String, Object> e : summary.entrySet()) {
            j.append(k++ == 0 ? "" : ", ").append(string(e.getKey())).append(": ").append(value(e.getValue()));
        }
        j.append("},\n    \"parameters\": {");
        k = 0;
        for (Map.Entry<String, Object> e : parameterTable().entrySet()) {
            j.append(k++ == 0 ? "" : ", ").append(string(e.getKey())).append(": ").append(value(e.getValue()));
        }
        j.append("},\n    \"figures\": {");
        for (int f = 0; f < figures.size(); f++) {
            j.append(f == 0 ? "\n" : ",\n").append("      ").append(string(figures.get(f).id())).append(": ");
            appendSeries(j, figures.get(f).series());
        }
        j.append("\n    }\n  }\n}\n");
        return j.toString();
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

    private static String value(Object v) {
        return v instanceof Double d ? number(d) : String.valueOf(v);
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
                : String.format(Locale.ROOT, "%.4f", d);
    }

    private static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
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

    /** The HTML page: the summary, the parameters and every figure as inline SVG. */
    String html() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>FlashJ report: ")
                .append(escape(sample)).append("</title>\n<style>\n")
                .append("body { font-family: sans-serif; margin: 2em auto; max-width: 800px; color: #222; }\n")
                .append("table { border-collapse: collapse; margin-bottom: 1.5em; }\n")
                .append("td, th { border-bottom: 1px solid #ddd; padding: 0.3em 1em; text-align: left; }\n")
                .append("td.n { text-align: right; font-variant-numeric: tabular-nums; }\n")
                .append("figure { margin: 1.5em 0; }\n</style>\n</head>\n<body>\n");
        h.append("<h1>FlashJ: ").append(escape(sample)).append("</h1>\n");
        h.append("<h2>Summary</h2>\n<table>\n");
        for (Map.Entry<String, Object> e : summary().entrySet()) {
            h.append("<tr><th>").append(escape(e.getKey().replace('_', ' '))).append("</th><td class=\"n\">")
                    .append(e.getValue() instanceof Double d ? String.format(Locale.ROOT, "%.2f%%", d)
                            : String.format(Locale.ROOT, "%,d", (Long) e.getValue()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Parameters</h2>\n<table>\n");
        for (Map.Entry<String, Object> e : parameterTable().entrySet()) {
            h.append("<tr><th>").append(escape(e.getKey().replace('_', ' '))).append("</th><td>")
                    .append(escape(String.valueOf(e.getValue()))).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Plots</h2>\n");
        h.append(figure(combinedChart()));
        for (Figure figure : figures()) {
            h.append(figure(lineChart(figure)));
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private JFreeChart combinedChart() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(statistics.combinedInnie(), "pairs", "combined, innie");
        if (parameters.allowOuties()) {
            data.addValue(statistics.combinedOutie(), "pairs", "combined, outie");
        }
        data.addValue(statistics.notCombined(), "pairs", "not combined");
        JFreeChart chart = ChartFactory.createBarChart(String.format(Locale.ROOT, "Percent combined: %.2f%%",
                statistics.percentCombined()), null, "read pairs", data, PlotOrientation.HORIZONTAL, false, false,
                false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    private static JFreeChart lineChart(Figure figure) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, Map<Integer, Double>> e : figure.series().entrySet()) {
            XYSeries series = new XYSeries(e.getKey());
            for (Map.Entry<Integer, Double> point : e.getValue().entrySet()) {
                series.add(point.getKey(), point.getValue());
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(figure.title(), figure.xLabel(), figure.yLabel(), data,
                PlotOrientation.VERTICAL, figure.series().size() > 1, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesStroke(s, new BasicStroke(1.5f));
        }
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        return chart;
    }

    private static String figure(JFreeChart chart) {
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(svg, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        return "<figure>\n" + svg.getSVGElement() + "\n</figure>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
