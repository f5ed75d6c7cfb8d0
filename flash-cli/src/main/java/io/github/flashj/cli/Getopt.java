package io.github.flashj.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Command-line scanning with the rules of GNU {@code getopt_long}, which FLASH uses, so that every
 * command line {@code flash} accepts means the same here: permuted positionals, {@code --} ending
 * options, clustered short flags ({@code -Oz}), attached values ({@code -m10}), {@code --name=value}
 * and {@code --name value}, and unique abbreviations of long names ({@code --min-ov=15}).
 */
final class Getopt {
    /** A long option: its name, whether it takes a value, and the key it reports. */
    record LongOption(String name, boolean hasArgument, String key) {
    }

    /** One option found: its key and value (null for flags). */
    record Found(String key, String value) {
    }

    /** A usage error, printed as {@code getopt} prints it; the command exits with status 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Receives options in command-line order; may stop the scan by throwing. */
    interface Handler {
        void option(Found found) throws Exception;
    }

    private final String program;
    private final String shortOptions;
    private final List<LongOption> longOptions;

    /**
     * @param program the program name in messages
     * @param shortOptions getopt's short option string: a letter, followed by {@code :} if it takes a value
     * @param longOptions the long options
     */
    Getopt(String program, String shortOptions, List<LongOption> longOptions) {
        this.program = program;
        this.shortOptions = shortOptions;
        this.longOptions = longOptions;
    }

    /**
     * Scans the arguments, handing each option to {@code handler} as it is found.
     *
     * @return the positional arguments, in order
     */
    List<String> parse(String[] args, Handler handler) throws Exception {
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                for (int j = i + 1; j < args.length; j++) {
                    positional.add(args[j]);
                }
                break;
            }
            if (arg.startsWith("--")) {
                i = parseLong(args, i, handler);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                i = parseShortCluster(args, i, handler);
            } else {
                positional.add(arg);
            }
        }
        return positional;
    }

    private int parseLong(String[] args, int i, Handler handler) throws Exception {
        String body = args[i].substring(2);
        int eq = body.indexOf('=');
        String name = eq >= 0 ? body.substring(0, eq) : body;
        LongOption option = findLong(name, args[i]);
        String value = null;
        if (option.hasArgument()) {
            if (eq >= 0) {
                value = body.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(program + ": option '--" + option.name() + "' requires an argument");
            }
        } else if (eq >= 0) {
            throw new UsageException(program + ": option '--" + option.name() + "' doesn't allow an argument");
        }
        handler.option(new Found(option.key(), value));
        return i;
    }

    private LongOption findLong(String name, String arg) throws UsageException {
        List<LongOption> prefixed = new ArrayList<>();
        for (LongOption o : longOptions) {
            if (o.name().equals(name)) {
                return o;
            }
            if (o.name().startsWith(name)) {
                prefixed.add(o);
            }
        }
        if (prefixed.isEmpty()) {
            throw new UsageException(program + ": unrecognized option '" + arg + "'");
        }
        LongOption first = prefixed.get(0);
        boolean allSame = prefixed.stream()
                .allMatch(o -> o.key().equals(first.key()) && o.hasArgument() == first.hasArgument());
        if (!allSame) {
            StringBuilder sb = new StringBuilder(program + ": option '" + arg + "' is ambiguous; possibilities:");
            for (LongOption o : prefixed) {
                sb.append(" '--").append(o.name()).append('\'');
            }
            throw new UsageException(sb.toString());
        }
        return first;
    }

    private int parseShortCluster(String[] args, int i, Handler handler) throws Exception {
        String arg = args[i];
        for (int k = 1; k < arg.length(); k++) {
            char c = arg.charAt(k);
            int at = c == ':' ? -1 : shortOptions.indexOf(c);
            if (at < 0) {
                throw new UsageException(program + ": invalid option -- '" + c + "'");
            }
            boolean takesValue = at + 1 < shortOptions.length() && shortOptions.charAt(at + 1) == ':';
            if (!takesValue) {
                handler.option(new Found(String.valueOf(c), null));
                continue;
            }
            String value;
            if (k + 1 < arg.length()) {
                value = arg.substring(k + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(program + ": option requires an argument -- '" + c + "'");
            }
            handler.option(new Found(String.valueOf(c), value));
            return i;
        }
        return i;
    }
}
