package io.github.flashj.cli;

import io.github.flashj.io.output.OutputFileException;

/**
 * FLASH's wording of a failure, made here from the library's fields rather than taken from its
 * message: the library may word its messages as it likes, and this command's stay FLASH's, byte
 * for byte.
 */
final class ErrorWording {
    private ErrorWording() {
    }

    /** The text after {@code [FLASH] ERROR: } for {@code e}. */
    static String of(Exception e) {
        if (e instanceof OutputFileException) {
            return of((OutputFileException) e);
        }
        return e.getMessage();
    }

    private static String of(OutputFileException e) {
        String file = "\"" + e.path() + "\"";
        switch (e.operation()) {
            case CREATE_DIRECTORY:
                return "Failed to create directory " + file + ": " + e.reason();
            case OPEN:
                return "Failed to open " + file + " for writing: " + e.reason();
            case REMOVE:
                return "Failed to remove " + file + ": " + e.reason();
            default:
                // FLASH neither finishes files apart nor renames them: any of these fails in writing.
                return "Failed to write " + file + ": " + e.reason();
        }
    }
}
