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
    private static final String LOCK = ".lock";
    private static final String JOURNAL = ".journal";
    private static final String DRAFT = ".new";
    /**
     * A run's lock file (group 1 the run, group 2 set), or one of its other files: a staged file
     * (group 3 its number) or its journal, the one in place or the one being written.
     */
    static final Pattern OWN_NAME = Pattern.compile(Pattern.quote(MARK) + "([a-z2-7]{" + RUN_LENGTH + "})"
            + "(?:(" + Pattern.quote(LOCK) + ")|" + Pattern.quote(JOURNAL) + "(?:" + Pattern.quote(DRAFT)
            + ")?|-([0-9]+)\\.tmp)");
    /** A run's journal in place (group 1 the run). */
    static final Pattern JOURNAL_NAME = Pattern.compile(Pattern.quote(MARK) + "([a-z2-7]{" + RUN_LENGTH + "})"
            + Pattern.quote(JOURNAL));
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
        return MARK + run + LOCK;
    }

    /** The name of run {@code run}'s checkpoint journal ({@link CheckpointJournal}). */
    static String journal(String run) {
        return MARK + run + JOURNAL;
    }

    /** The name a new journal of run {@code run} is written under, before it is renamed to {@link #journal}. */
    static String journalDraft(String run) {
        return journal(run) + DRAFT;
    }
}
