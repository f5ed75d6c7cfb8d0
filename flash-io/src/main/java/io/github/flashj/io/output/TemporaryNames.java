package io.github.flashj.io.output;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The temporary names of a run's files ({@link OutputTransaction}): {@code .flashj-RUN-K.tmp}, in
 * the final name's directory. RUN is random (20 base-32 characters), so no two runs share a name,
 * whatever hosts, containers or PID namespaces they run in, and the name is short whatever the
 * final name's length. Whatever file system wrote them, {@link StagedFiles} knows them for a run's
 * files, and removes those a killed run left.
 */
public final class TemporaryNames {
    static final String MARK = ".flashj-";
    private static final int RUN_LENGTH = 20;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    /** A run's lock file (group 1 the run), or one of its staged files (groups 1 and 2). */
    static final Pattern OWN_NAME = Pattern.compile(Pattern.quote(MARK) + "([a-z2-7]{" + RUN_LENGTH + "})"
            + "(?:\\.lock|-([0-9]+)\\.tmp)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TemporaryNames() {
    }

    /** A new run's random part. */
    public static String newRun() {
        char[] c = new char[RUN_LENGTH];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(c);
    }

    /** The name of file {@code k} of run {@code run}. */
    public static String file(String run, int k) {
        return MARK + run + "-" + k + ".tmp";
    }

    /** The name of run {@code run}'s lock file. */
    static String lock(String run) {
        return MARK + run + ".lock";
    }
}
