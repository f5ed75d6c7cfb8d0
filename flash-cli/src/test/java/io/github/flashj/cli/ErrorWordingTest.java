package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.flashj.io.output.OutputFileException.Operation;
import io.github.flashj.io.output.OutputFileException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrorWordingTest {
    private static String wording(Operation operation) {
        return ErrorWording.of(new OutputFileException(operation, "d/out.hist", "Permission denied", null));
    }

    @Test
    void outputFailuresAreWordedAsFlashWordsThem() {
        assertEquals("Failed to create directory \"d/out.hist\": Permission denied", wording(Operation.CREATE_DIRECTORY));
        assertEquals("Failed to open \"d/out.hist\" for writing: Permission denied", wording(Operation.OPEN));
        assertEquals("Failed to write \"d/out.hist\": Permission denied", wording(Operation.WRITE));
        assertEquals("Failed to write \"d/out.hist\": Permission denied", wording(Operation.CLOSE));
        assertEquals("Failed to write \"d/out.hist\": Permission denied", wording(Operation.RENAME));
        assertEquals("Failed to remove \"d/out.hist\": Permission denied", wording(Operation.REMOVE));
    }

    @Test
    void otherFailuresKeepTheirMessage() {
        assertEquals("d/in.fq: line 3: bad", ErrorWording.of(new IOException("d/in.fq: line 3: bad")));
    }
}
