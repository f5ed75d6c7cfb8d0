package io.github.flashj.io.fastq;

import java.io.IOException;

/**
 * What the readers of FlashJ's formats answer as {@link io.github.flashj.ResumableSource}s, from the
 * line sources they read, in order: each source's position is its offset and the lines consumed
 * before it.
 */
final class ResumableLines {
    private ResumableLines() {
    }

    /** Why a run reading {@code sources} cannot be resumed (the first that says), or null. */
    static String notResumable(LineSource... sources) {
        for (LineSource source : sources) {
            String why = source.notResumable();
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /** The reader's kind of input on a first line, then each source's fingerprint on a line of its own. */
    static String fingerprint(String kind, LineSource... sources) throws IOException {
        StringBuilder all = new StringBuilder(kind);
        for (LineSource source : sources) {
            all.append('\n').append(source.fingerprint());
        }
        return all.toString();
    }

    /** Writes each source's offset and lines consumed into {@code into}; how many longs that is. */
    static int position(long[] into, LineSource... sources) {
        for (int i = 0; i < sources.length; i++) {
            into[2 * i] = sources[i].offset();
            into[2 * i + 1] = sources[i].linesConsumed();
        }
        return 2 * sources.length;
    }

    /** Continues each source at the offset and line {@link #position} wrote. */
    static void resumeAt(long[] position, LineSource... sources) throws IOException {
        for (int i = 0; i < sources.length; i++) {
            sources[i].resumeAt(position[2 * i], position[2 * i + 1]);
        }
    }
}
