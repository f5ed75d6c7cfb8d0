package io.github.flashj.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Notes when a reader of standard output or standard error has gone, as in {@code flashj -c | head}
 * or {@code flashj ... | head}: FLASH is then killed by SIGPIPE, exit status 141. The JVM ignores
 * SIGPIPE, so a write fails with "Broken pipe" instead, which a PrintStream would swallow; the
 * command watches its streams for it, stops the run and exits with FLASH's status.
 */
final class BrokenPipes {
    /** The status a shell reports for a process killed by SIGPIPE (128 + 13). */
    static final int STATUS = 141;

    private volatile boolean broken;

    /** Whether a write to a watched stream has failed because its reader has gone. */
    boolean broken() {
        return broken;
    }

    /** {@code out}, watched: its writes and flushes that fail with EPIPE are noted, and still thrown. */
    OutputStream watch(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw note(e);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw note(e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw note(e);
                }
            }
        };
    }

    private IOException note(IOException e) {
        if ("Broken pipe".equals(e.getMessage())) {
            broken = true;
        }
        return e;
    }
}
