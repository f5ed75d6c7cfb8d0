package io.github.flashj.io.input;

/** The input layouts FlashJ reads, and how many lines of each file a pair takes. */
public enum InputFormat {
    /** Two FASTQ mate files, read in step: a pair is one four-line record of each. */
    PAIRED_FASTQ(2, 4, 4),
    /** One interleaved FASTQ file: a pair is two four-line records in a row. */
    INTERLEAVED_FASTQ(1, 4, 8),
    /** One tab-delimited file: a pair (or a lone read) is one line. */
    TAB_DELIMITED(1, 1, 1);

    private final int files;
    private final int linesPerRecord;
    private final int linesPerPair;

    InputFormat(int files, int linesPerRecord, int linesPerPair) {
        this.files = files;
        this.linesPerRecord = linesPerRecord;
        this.linesPerPair = linesPerPair;
    }

    /** How many input files the format reads. */
    public int files() {
        return files;
    }

    /** Lines of one record: 4 for FASTQ, 1 for tab-delimited lines. */
    public int linesPerRecord() {
        return linesPerRecord;
    }

    /** Lines of each file that one pair takes. */
    public int linesPerPair() {
        return linesPerPair;
    }

    /** Whether record starts are found by FASTQ's four-line structure. */
    public boolean isFastq() {
        return linesPerRecord == 4;
    }
}
