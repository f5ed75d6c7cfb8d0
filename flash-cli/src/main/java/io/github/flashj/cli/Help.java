package io.github.flashj.cli;

/** The texts of {@code --help} and {@code --version}. */
final class Help {
    static final String FLASHJ_VERSION = versionOfJar();

    private Help() {
    }

    static String usage(String program) {
        return "Usage: " + program + " [OPTIONS] MATES_1.FASTQ MATES_2.FASTQ\n"
                + "Run `" + program + " --help | less' for more information.\n";
    }

    static String version() {
        return CommandLine.VERSION + " (FlashJ " + FLASHJ_VERSION + ")\n"
                + "FlashJ: a byte-compatible reimplementation of FLASH in Java.\n"
                + "License Apache-2.0 <https://www.apache.org/licenses/LICENSE-2.0>.\n";
    }

    static String text(String program) {
        return "Usage: " + program + " [OPTIONS] MATES_1.FASTQ MATES_2.FASTQ\n"
                + "       " + program + " [OPTIONS] --interleaved-input (MATES.FASTQ | -)\n"
                + "       " + program + " [OPTIONS] --tab-delimited-input (MATES.TAB | -)\n"
                + "\n"
                + "Merges overlapping paired-end reads into single longer reads, with the same\n"
                + "output as FLASH 1.2.11 (FlashJ " + FLASHJ_VERSION + "). Input is FASTQ (two mate files, or one\n"
                + "interleaved file) or tab-delimited pairs; gzip, zstd and lz4 input are\n"
                + "recognised whatever the name; '-' reads standard input. Records are\n"
                + "written in input order at any thread count.\n"
                + "\n"
                + "Output (PREFIX 'out' and DIR '.' by default):\n"
                + "  DIR/PREFIX.extendedFrags.fastq   merged reads\n"
                + "  DIR/PREFIX.notCombined_1.fastq   read 1 of pairs not merged\n"
                + "  DIR/PREFIX.notCombined_2.fastq   read 2 of pairs not merged\n"
                + "  DIR/PREFIX.hist                  merged read lengths: LENGTH<TAB>COUNT\n"
                + "  DIR/PREFIX.histogram             the same as bars of '*'\n"
                + "\n"
                + "Merging:\n"
                + "  -m, --min-overlap=NUM          shortest overlap that can merge a pair (10)\n"
                + "  -M, --max-overlap=NUM          overlap length over which the mismatch density\n"
                + "                                 is at most computed (65, or from -r -f -s)\n"
                + "  -x, --max-mismatch-density=NUM highest mismatch density of a merge (0.25)\n"
                + "  -O, --allow-outies             also merge \"outie\" overlaps; writes .innie and\n"
                + "                                 .outie histograms too\n"
                + "  -p, --phred-offset=OFFSET      ASCII value of quality 0: 33 or 64 (33)\n"
                + "  -r, --read-len=LEN             average read length (100)\n"
                + "  -f, --fragment-len=LEN         average fragment length (180)\n"
                + "  -s, --fragment-len-stddev=LEN  fragment length standard deviation (18);\n"
                + "                                 max overlap = 2*r - f + 2.5*s unless -M is given\n"
                + "  --cap-mismatch-quals           quality 2 at mismatches, as FLASH 1.2.7 did\n"
                + "\n"
                + "Tie rules of the FLASH-lowercase-overhang fork:\n"
                + "  -l, --lowercase-overhang       write bases outside the overlap in lower case\n"
                + "  -e, --earliest                 on a quality tie take the base that came\n"
                + "                                 earliest in its own read\n"
                + "  -a, --ambiguous                on a quality tie write the IUPAC code\n"
                + "  -E, --qual-eq-threshold=NUM    qualities this close count as a tie (0)\n"
                + "\n"
                + "Input and output:\n"
                + "  --interleaved-input            one interleaved FASTQ input\n"
                + "  --interleaved-output           pairs not merged in one interleaved file\n"
                + "  -I, --interleaved              both of the above\n"
                + "  -Ti, --tab-delimited-input     tab-delimited input: TAG SEQ1 QUAL1 SEQ2 QUAL2\n"
                + "                                 (a pair) or TAG SEQ QUAL (a lone read)\n"
                + "  -To, --tab-delimited-output    one tab-delimited output file\n"
                + "  -o, --output-prefix=PREFIX     output file name prefix (out)\n"
                + "  -d, --output-directory=DIR     output directory, created if missing (.)\n"
                + "  -c, --to-stdout                merged reads to standard output; no other\n"
                + "                                 files; messages to standard error\n"
                + "  -z, --compress                 gzip the output files\n"
                + "  --compress-format=FORMAT       compress output as gzip, zstd or lz4 (with -z,\n"
                + "                                 --suffix=zst or lz4 picks that format too)\n"
                + "  --compress-level=N             gzip 0 to 3 (ISA-L, fast; default 2) or 4 to 9\n"
                + "                                 (zlib, smaller, slower); zstd 1 to 22 (default 3)\n"
                + "  --compress-prog=PROG           pipe output files through 'PROG ARGS -c -'\n"
                + "  --compress-prog-args=ARGS      the ARGS above\n"
                + "  --suffix=SUFFIX, --output-suffix=SUFFIX\n"
                + "                                 file name suffix after .fastq (gz with -z, PROG\n"
                + "                                 with --compress-prog)\n"
                + "\n"
                + "Running:\n"
                + "  -t, --threads=NUM              merge worker threads (number of processors)\n"
                + "  --batch-size=NUM               read pairs per batch (" + io.github.flashj.FlashJob.DEFAULT_BATCH_SIZE + ")\n"
                + "  --in-flight=NUM                most batches in memory at once (2 x threads, at\n"
                + "                                 least 4)\n"
                + "  --producers=NUM                threads reading two mate files at once, plain\n"
                + "                                 or gzip (by seek points)\n"
                + "                                 (0: chosen by input size and threads) (0)\n"
                + "  --gzip-threads=NUM             rapidgzip decoder threads per gzip input (0: a\n"
                + "                                 quarter of the processors, at least 1) (0)\n"
                + "  --gzip-index=DIR               keep gzip indexes in DIR: reuse INPUT.gzidx\n"
                + "                                 found there, else write it after reading INPUT\n"
                + "  --report=FILE.html             a report page: summary and plots (opens offline)\n"
                + "  --json=FILE.json               the report's figures as JSON; named *_mqc.json,\n"
                + "                                 MultiQC shows them as custom content\n"
                + "  --resume                       continue a run of the same command that was\n"
                + "                                 stopped, from its last checkpoint\n"
                + "  -q, --quiet                    no informational messages\n"
                + "  -h, --help                     this help\n"
                + "  -v, --version                  the version\n";
    }

    private static String versionOfJar() {
        String v = Help.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
