package io.github.flashj.cli;

import io.github.flashj.FlashJob;
import io.github.flashj.InvalidParameterException;
import io.github.flashj.MergeParameters.TieBreak;
import io.github.flashj.MergeParameters;
import io.github.flashj.io.Compression;
import io.github.flashj.io.output.OutputCompression;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the options of {@code flash} (1.2.11, plus the lowercase-overhang fork's and FlashJ's own)
 * into {@link FlashOptions}, checked in command-line order as FLASH does: the first bad value stops
 * the parse with FLASH's message, {@code -h} and {@code -v} act as soon as they are read. One
 * instance reads one command line; what it had read when it stopped (the warnings given, whether
 * {@code -c} came) decides how the failure is printed.
 */
final class CommandLine {
    static final String VERSION = "FLASH v1.2.11";

    /** A semantic error: {@code [FLASH] ERROR: ...}, the failure line, exit status 1. */
    static final class FatalException extends Exception {
        private static final long serialVersionUID = 1L;

        FatalException(String message) {
            super(message);
        }
    }

    /** {@code -h} or {@code -v}: print this text on standard output and exit 0. */
    static final class EarlyExit extends Exception {
        private static final long serialVersionUID = 1L;

        EarlyExit(String text) {
            super(text, null, false, false);
        }
    }

    private static final List<Getopt.LongOption> LONG_OPTIONS = List.of(
            new Getopt.LongOption("min-overlap", true, "m"),
            new Getopt.LongOption("max-overlap", true, "M"),
            new Getopt.LongOption("max-mismatch-density", true, "x"),
            new Getopt.LongOption("allow-outies", false, "O"),
            new Getopt.LongOption("phred-offset", true, "p"),
            new Getopt.LongOption("read-len", true, "r"),
            new Getopt.LongOption("fragment-len", true, "f"),
            new Getopt.LongOption("fragment-len-stddev", true, "s"),
            new Getopt.LongOption("cap-mismatch-quals", false, "cap-mismatch-quals"),
            new Getopt.LongOption("interleaved", false, "I"),
            new Getopt.LongOption("interleaved-input", false, "interleaved-input"),
            new Getopt.LongOption("interleaved-output", false, "interleaved-output"),
            new Getopt.LongOption("tab-delimited-input", false, "tab-delimited-input"),
            new Getopt.LongOption("tab-delimited-output", false, "tab-delimited-output"),
            new Getopt.LongOption("output-prefix", true, "o"),
            new Getopt.LongOption("output-directory", true, "d"),
            new Getopt.LongOption("to-stdout", false, "c"),
            new Getopt.LongOption("compress", false, "z"),
            new Getopt.LongOption("compress-prog", true, "compress-prog"),
            new Getopt.LongOption("compress-format", true, "compress-format"),
            new Getopt.LongOption("compress-prog-args", true, "compress-prog-args"),
            new Getopt.LongOption("compress-level", true, "compress-level"),
            new Getopt.LongOption("suffix", true, "suffix"),
            new Getopt.LongOption("output-suffix", true, "suffix"),
            new Getopt.LongOption("threads", true, "t"),
            new Getopt.LongOption("quiet", false, "q"),
            new Getopt.LongOption("help", false, "h"),
            new Getopt.LongOption("version", false, "v"),
            new Getopt.LongOption("lowercase-overhang", false, "l"),
            new Getopt.LongOption("earliest", false, "e"),
            new Getopt.LongOption("ambiguous", false, "a"),
            new Getopt.LongOption("qual-eq-threshold", true, "E"),
            new Getopt.LongOption("batch-size", true, "batch-size"),
            new Getopt.LongOption("in-flight", true, "in-flight"),
            new Getopt.LongOption("producers", true, "producers"),
            new Getopt.LongOption("gzip-threads", true, "gzip-threads"),
            new Getopt.LongOption("gzip-index", true, "gzip-index"),
            new Getopt.LongOption("report", true, "report"),
            new Getopt.LongOption("json", true, "json"),
            new Getopt.LongOption("resume", false, "resume"));
    private static final String SHORT_OPTIONS = "m:M:x:Op:r:f:s:IT:o:d:czt:qhvleaE:";
    private static final Pattern DECIMAL_FLOAT = Pattern.compile(
            "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX_FLOAT = Pattern.compile(
            "[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");

    private final String program;
    private final List<String> warnings = new ArrayList<>();

    private int minOverlap = 10;
    private Integer maxOverlap;
    private int readLength = MergeParameters.DEFAULT_READ_LENGTH;
    private int fragmentLength = MergeParameters.DEFAULT_FRAGMENT_LENGTH;
    private int fragmentStddev = MergeParameters.DEFAULT_FRAGMENT_STDDEV;
    private boolean readLengthSet;
    private boolean fragmentLengthSet;
    private boolean fragmentStddevSet;
    private float maxMismatchDensity = 0.25f;
    private boolean allowOuties;
    private int phredOffset = 33;
    private boolean capMismatchQuals;
    private boolean interleavedInput;
    private boolean interleavedOutput;
    private boolean tabInput;
    private boolean tabOutput;
    private String prefix = "out";
    private String directory = ".";
    private String reportFile;
    private String jsonFile;
    private boolean toStdout;
    /** The format chosen last; {@link Compression#NONE} when {@link #compressProgram} was. */
    private Compression format = Compression.NONE;
    /** {@code --compress-prog}, when it was the compression chosen last; else null. */
    private String compressProgram;
    private String compressProgramArgs = "";
    /** {@code --compress-level}: gzip's (ISA-L's 0 to 3) or Zstandard's level; null for the default. */
    private Integer compressLevel;
    private String suffix;
    private int threads = Runtime.getRuntime().availableProcessors();
    private boolean quiet;
    private boolean resume;
    private boolean lowercaseOverhang;
    private boolean earliest;
    private boolean ambiguous;
    private Integer qualityTieThreshold;
    private int batchSize = FlashJob.DEFAULT_BATCH_SIZE;
    private int inFlight = -1;
    private int producers;
    private int gzipThreads;
    private String gzipIndexDirectory;

    CommandLine(String program) {
        this.program = program;
    }

    /** Reads the arguments; throws at the first problem, as FLASH stops at it. */
    FlashOptions parse(String[] args) throws Exception {
        Getopt getopt = new Getopt(program, SHORT_OPTIONS, LONG_OPTIONS);
        List<String> inputs = getopt.parse(args, this::apply);
        return finish(inputs);
    }

    /** The warnings given so far, in order: all of them once {@link #parse} has returned. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Whether {@code -c} has been read: FLASH's log then goes to standard error. */
    boolean toStdout() {
        return toStdout;
    }

    private void apply(Getopt.Found o) throws Exception {
        String v = o.value();
        switch (o.key()) {
            case "m":
                minOverlap = positive(v, "Minimum overlap", "m");
                break;
            case "M":
                maxOverlap = positive(v, "Maximum overlap", "M");
                break;
            case "x":
                maxMismatchDensity = density(v);
                break;
            case "O":
                allowOuties = true;
                break;
            case "p":
                phredOffset = phred(v);
                break;
            case "r":
                readLength = positive(v, "Read length", "r");
                readLengthSet = true;
                break;
            case "f":
                fragmentLength = positive(v, "Fragment length", "f");
                fragmentLengthSet = true;
                break;
            case "s":
                fragmentStddev = positive(v, "Fragment length standard deviation", "s");
                fragmentStddevSet = true;
                break;
            case "cap-mismatch-quals":
                capMismatchQuals = true;
                break;
            case "I":
                interleavedInput = true;
                interleavedOutput = true;
                break;
            case "interleaved-input":
                interleavedInput = true;
                break;
            case "interleaved-output":
                interleavedOutput = true;
                break;
            case "T":
                if (v.equals("i")) {
                    tabInput = true;
                } else if (v.equals("o")) {
                    tabOutput = true;
                } else {
                    throw new FatalException("Invalid option -T" + v + "!  Use -Ti (short for --tab-delimited-input)\n"
                            + "\tor -To (short for --tab-delimited-output)");
                }
                break;
            case "tab-delimited-input":
                tabInput = true;
                break;
            case "tab-delimited-output":
                tabOutput = true;
                break;
            case "o":
                prefix = v;
                break;
            case "d":
                directory = v;
                break;
            case "c":
                toStdout = true;
                break;
            case "z":
                compressWith(Compression.GZIP);
                break;
            case "compress-prog":
                format = Compression.NONE;
                compressProgram = v;
                suffix = v;
                break;
            case "compress-format":
                compressWith(Compression.named(v).filter(named -> named != Compression.NONE).orElseThrow(
                        () -> new FatalException("Unknown compression format \"" + v
                                + "\"!  Please use gzip, zstd or lz4 with option --compress-format.")));
                break;
            case "compress-prog-args":
                compressProgramArgs = v;
                break;
            case "compress-level":
                compressLevel = nonNegative(v, "Compression level", "-compress-level");
                break;
            case "suffix":
                suffix = v;
                break;
            case "t":
                threads = positive(v, "Number of threads", "t");
                break;
            case "q":
                quiet = true;
                break;
            case "h":
                throw new EarlyExit(Help.text(program));
            case "v":
                throw new EarlyExit(Help.version());
            case "l":
                lowercaseOverhang = true;
                break;
            case "e":
                earliest = true;
                break;
            case "a":
                ambiguous = true;
                break;
            case "E":
                qualityTieThreshold = nonNegative(v, "Quality-equality threshold", "E");
                break;
            case "batch-size":
                batchSize = positive(v, "Batch size", "-batch-size");
                break;
            case "in-flight":
                inFlight = positive(v, "In-flight batches", "-in-flight");
                if (inFlight < 2) {
                    throw new FatalException("In-flight batches must be at least 2!  Please check option --in-flight.");
                }
                break;
            case "producers":
                producers = nonNegative(v, "Producers", "-producers");
                break;
            case "gzip-threads":
                gzipThreads = nonNegative(v, "Gzip threads", "-gzip-threads");
                break;
            case "gzip-index":
                if (v.isEmpty()) {
                    throw new FatalException("Gzip index directory cannot be empty!  Please check option --gzip-index.");
                }
                gzipIndexDirectory = v;
                break;
            case "report":
                if (v.isEmpty()) {
                    throw new FatalException("Report file name cannot be empty!  Please check option --report.");
                }
                reportFile = v;
                break;
            case "json":
                if (v.isEmpty()) {
                    throw new FatalException("JSON file name cannot be empty!  Please check option --json.");
                }
                jsonFile = v;
                break;
            case "resume":
                resume = true;
                break;
            default:
                throw new IllegalStateException("unhandled option " + o.key());
        }
    }

    /** {@code -z} or {@code --compress-format}: this format, under its suffix. */
    private void compressWith(Compression chosen) {
        format = chosen;
        compressProgram = null;
        suffix = chosen.suffix();
    }

    private FlashOptions finish(List<String> inputs) throws Exception {
        // With -z, a suffix of zst or lz4 asks for that format (FLASH would write gzip data under it).
        if (format == Compression.GZIP) {
            format = Compression.ofSuffix(suffix).orElse(format);
        }
        OutputCompression compression = compressProgram != null
                ? OutputCompression.program(compressProgram, compressProgramArgs) : OutputCompression.of(format);
        if (compressLevel != null) {
            // Formats without levels are refused with the words for no compression.
            boolean levelled = format == Compression.GZIP || format == Compression.ZSTD;
            try {
                compression = (levelled ? compression : OutputCompression.none()).level(compressLevel);
            } catch (IllegalArgumentException e) {
                throw new FatalException("Invalid compression level: " + e.getMessage()
                        + "!  Please check option --compress-level.");
            }
        }
        if (earliest && ambiguous) {
            throw new FatalException("--earliest (-e) and --ambiguous (-a) cannot be used together!");
        }
        if (batchSize > FlashJob.MAX_BATCH_SIZE) {
            throw new FatalException("Batch size must be at most " + FlashJob.MAX_BATCH_SIZE
                    + "!  Please check option --batch-size.");
        }
        int batches = inFlight > 0 ? inFlight : FlashJob.defaultInFlight(FlashOptions.workers(threads));
        if ((long) batchSize * batches > FlashJob.MAX_PAIRS_IN_FLIGHT) {
            throw new FatalException("Batch size times in-flight batches (" + batchSize + " x " + batches
                    + ") must be at most " + FlashJob.MAX_PAIRS_IN_FLIGHT + " pairs in memory!  Please lower\n"
                    + "--batch-size or --in-flight.");
        }
        int computedMaxOverlap;
        if (maxOverlap == null) {
            boolean any = readLengthSet || fragmentLengthSet || fragmentStddevSet;
            computedMaxOverlap = MergeParameters.computedMaxOverlap(readLength, fragmentLength, fragmentStddev);
            if (any && !(readLengthSet && fragmentLengthSet && fragmentStddevSet)) {
                warnings.add("You specified at least one, but not all, of --read-len (-r),\n"
                        + "--fragment-len (-f), and --fragment-len-stddev (-s).  FLASH is using\n"
                        + "read_len=" + readLength + ", fragment_len=" + fragmentLength + ", and fragment_len_stddev="
                        + fragmentStddev + " to compute\n"
                        + "max_overlap=" + computedMaxOverlap + ".  If this is not correct for your data you must either specify\n"
                        + "all these options or specify --max-overlap (-M).");
            }
        } else {
            computedMaxOverlap = maxOverlap;
            if (readLengthSet) {
                warnings.add("--read-len (-r) has no effect when --max-overlap (-M) is also\nspecified!");
            }
            if (fragmentLengthSet) {
                warnings.add("--fragment-len (-f) has no effect when --max-overlap (-M) is\nalso specified!");
            }
            if (fragmentStddevSet) {
                warnings.add("--fragment-len-stddev (-s) has no effect when --max-overlap\n(-M) is also specified!");
            }
        }
        if (computedMaxOverlap < minOverlap) {
            throw new FatalException("Maximum overlap (" + computedMaxOverlap
                    + ") cannot be less than the minimum overlap (" + minOverlap + ").\n"
                    + "Please make sure you have provided the read length and fragment length\n"
                    + "correctly.  Or, alternatively, specify the minimum and maximum overlap\n"
                    + "manually with the --min-overlap and --max-overlap options.");
        }
        MergeParameters parameters;
        try {
            parameters = mergeParameters(computedMaxOverlap);
        } catch (InvalidParameterException e) {
            throw new FatalException(e.getMessage());
        }
        return new FlashOptions(inputs, parameters, interleavedInput, tabInput, interleavedOutput, tabOutput, prefix,
                directory, toStdout, compression, suffix, reportFile, jsonFile, threads, quiet, batchSize, inFlight,
                producers, gzipThreads, gzipIndexDirectory, resume, warnings);
    }

    /** The merge parameters these options give. */
    private MergeParameters mergeParameters(int computedMaxOverlap) {
        TieBreak tie = earliest ? TieBreak.EARLIEST : ambiguous ? TieBreak.AMBIGUOUS
                : qualityTieThreshold != null ? TieBreak.READ1 : TieBreak.FLASH_1_2_11;
        MergeParameters.Builder b = MergeParameters.builder();
        if (Float.isNaN(maxMismatchDensity)) {
            b.maxMismatchDensityNaN();
        } else {
            b.maxMismatchDensity(maxMismatchDensity);
        }
        return b.minOverlap(minOverlap)
                .maxOverlap(computedMaxOverlap)
                .allowOuties(allowOuties)
                .phredOffset(phredOffset)
                .capMismatchQuals(capMismatchQuals)
                .lowercaseOverhang(lowercaseOverhang)
                .tieBreak(tie)
                .qualityTieThreshold(qualityTieThreshold == null ? 0 : qualityTieThreshold)
                .build();
    }

    private int positive(String v, String what, String option) throws FatalException {
        return atLeast(1, v, what + " must be a positive integer!  Please check option -" + option + ".");
    }

    private int nonNegative(String v, String what, String option) throws FatalException {
        return atLeast(0, v, what + " must be a non-negative integer!  Please check option -" + option + ".");
    }

    /** The value as FLASH reads an int (strtol, then cut to 32 bits), or FLASH's error below {@code min}. */
    private static int atLeast(int min, String v, String message) throws FatalException {
        Long n = strtol(v);
        if (n == null || (int) (long) n < min) {
            throw new FatalException(message);
        }
        return (int) (long) n;
    }

    private int phred(String v) throws FatalException {
        Long n = strtol(v);
        int p = n == null ? -1 : (int) (long) n;
        if (n == null || p < 0 || p > 127) {
            throw new FatalException(
                    "Phred offset must be an integer in the range [0, 127]!  Please check option -p.");
        }
        if (p != 33 && p != 64) {
            warnings.add("Phred offset is usually either 64 (for earlier Illumina data) or 33 (for Sanger and "
                    + "later Illumina data).");
        }
        return p;
    }

    private static float density(String v) throws FatalException {
        Double d = strtod(v);
        float f = d == null ? Float.NaN : (float) (double) d;
        if (d == null || f < 0 || f > 1) {
            throw new FatalException(
                    "Max mismatch density must be a number in the interval [0, 1]! Please check option -x.");
        }
        return f;
    }

    /** C's {@code strtol(s, &end, 10)} that must consume the whole string: null when it would not. */
    static Long strtol(String s) {
        int i = skipSpace(s);
        String body = s.substring(i);
        if (!body.matches("[+-]?\\d+")) {
            return null;
        }
        BigInteger n = new BigInteger(body.startsWith("+") ? body.substring(1) : body);
        if (n.bitLength() > 63) {
            return null;
        }
        return n.longValue();
    }

    /** C's {@code strtod} that must consume the whole string: null when it would not. */
    static Double strtod(String s) {
        String body = s.substring(skipSpace(s));
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        double sign = lower.startsWith("-") ? -1 : 1;
        if (unsigned.equals("nan") || unsigned.matches("nan\\([0-9a-z_]*\\)")) {
            return Double.NaN;
        }
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (DECIMAL_FLOAT.matcher(body).matches()) {
            return Double.parseDouble(body);
        }
        if (HEX_FLOAT.matcher(body).matches()) {
            return Double.parseDouble(body.matches(".*[pP].*") ? body : body + "p0");
        }
        return null;
    }

    private static int skipSpace(String s) {
        int i = 0;
        while (i < s.length() && " \t\n\r\u000b\f".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
