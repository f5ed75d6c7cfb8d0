package io.github.flashj.io.output;

import java.io.IOException;
import java.util.Objects;

/**
 * An output file (or its directory) that could not be made, written or given its name: which
 * file, what was being done, and the system's reason, for a command line to say in its own words.
 */
public final class OutputFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What was being done to the file. */
    public enum Operation {
        /** Making the output directory. */
        CREATE_DIRECTORY("create the directory"),
        /** Opening (creating) the file for writing. */
        OPEN("open for writing"),
        /** Writing the file's bytes. */
        WRITE("write"),
        /** Finishing the file: its last bytes, its compression program's end. */
        CLOSE("finish"),
        /** Giving the file its final name. */
        RENAME("give its name"),
        /** Removing an earlier run's file. */
        REMOVE("remove");

        private final String verb;

        Operation(String verb) {
            this.verb = verb;
        }
    }

    private final Operation operation;
    private final String path;
    private final String reason;

    /**
     * @param operation what was being done
     * @param path the file, as its name was given
     * @param reason why it failed: the system's error ({@code Permission denied}), or what went wrong
     * @param cause the underlying error, or null
     */
    public OutputFileException(Operation operation, String path, String reason, Throwable cause) {
        super(path + ": could not " + operation.verb + ": " + reason, cause);
        this.operation = Objects.requireNonNull(operation, "operation");
        this.path = Objects.requireNonNull(path, "path");
        this.reason = String.valueOf(reason);
    }

    /** What was being done. */
    public Operation operation() {
        return operation;
    }

    /** The file, as its name was given. */
    public String path() {
        return path;
    }

    /** Why it failed. */
    public String reason() {
        return reason;
    }
}
