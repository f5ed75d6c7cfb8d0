package io.github.flashj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds read pairs for tests. Most helpers take read 2 as the spec's {@code b}: already
 * reverse-complemented (and its qualities reversed), so that overlaps can be written down as they
 * line up; {@link #pair} turns it back into read 2 as sequenced.
 */
final class Pairs {
    private Pairs() {
    }

    /** Reverse complement: A<->T, C<->G, anything else N. */
    static String reverseComplement(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int k = s.length() - 1; k >= 0; k--) {
            char c = s.charAt(k);
            sb.append(switch (c) {
                case 'A' -> 'T';
                case 'T' -> 'A';
                case 'C' -> 'G';
                case 'G' -> 'C';
                default -> 'N';
            });
        }
        return sb.toString();
    }

    static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    /** A pair from read 1 ({@code a}) and the reverse-complemented read 2 ({@code b}). */
    static ReadPair pair(String tag, String a, String qa, String b, String qb) {
        return ReadPair.of("@" + tag + "/1", a, qa, "@" + tag + "/2", reverseComplement(b), reverse(qb));
    }

    static ReadPair pair(String a, String qa, String b, String qb) {
        return pair("p", a, qa, b, qb);
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    /** Quality characters (offset 33) of the given PHRED values. */
    static String quals(int... q) {
        StringBuilder sb = new StringBuilder(q.length);
        for (int v : q) {
            sb.append((char) (v + 33));
        }
        return sb.toString();
    }

    /**
     * Random pairs: some cut from one fragment so that they overlap (innie or outie), with
     * sequencing errors and N runs, some unrelated.
     */
    static List<ReadPair> random(Random rnd, int count, int maxLength) {
        List<ReadPair> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int len1 = 1 + rnd.nextInt(maxLength);
            int len2 = 1 + rnd.nextInt(maxLength);
            String r1;
            String r2;
            if (rnd.nextInt(4) == 0) {
                r1 = bases(rnd, len1);
                r2 = bases(rnd, len2);
            } else {
                int fragment = Math.max(len1, len2) + rnd.nextInt(Math.max(1, len1 + len2));
                String f = bases(rnd, fragment);
                r1 = mutate(rnd, f.substring(0, Math.min(len1, fragment)));
                String tail = f.substring(Math.max(0, fragment - len2));
                r2 = mutate(rnd, reverseComplement(tail));
                if (rnd.nextInt(5) == 0) {
                    String t = r1;
                    r1 = r2;
                    r2 = t;
                }
            }
            pairs.add(ReadPair.of("@r" + i + "/1", r1, randomQuals(rnd, r1.length()), "@r" + i + "/2", r2,
                    randomQuals(rnd, r2.length())));
        }
        return pairs;
    }

    static String bases(Random rnd, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            sb.append("ACGT".charAt(rnd.nextInt(4)));
        }
        return sb.toString();
    }

    private static String mutate(Random rnd, String s) {
        char[] c = s.toCharArray();
        int errors = rnd.nextInt(1 + c.length / 10);
        for (int e = 0; e < errors && c.length > 0; e++) {
            c[rnd.nextInt(c.length)] = "ACGTNacgtX".charAt(rnd.nextInt(10));
        }
        if (c.length > 0 && rnd.nextInt(4) == 0) {
            int at = rnd.nextInt(c.length);
            for (int k = at, end = Math.min(c.length, at + 1 + rnd.nextInt(8)); k < end; k++) {
                c[k] = 'N';
            }
        }
        return new String(c);
    }

    private static String randomQuals(Random rnd, int n) {
        StringBuilder sb = new StringBuilder(n);
        int flat = rnd.nextInt(3) == 0 ? 2 + rnd.nextInt(40) : -1;
        for (int k = 0; k < n; k++) {
            sb.append((char) (33 + (flat >= 0 ? flat : rnd.nextInt(42))));
        }
        return sb.toString();
    }
}
