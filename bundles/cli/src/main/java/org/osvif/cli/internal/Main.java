package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.osvif.launcher.LineReader;
import org.osvif.objects.NoMatchingPlugin;
import org.osvif.objects.NoMatchingPortProfileClass;
import org.osvif.objects.NoMatchingVIFClass;
import org.osvif.objects.NoSupportedPortProfileVersion;
import org.osvif.objects.NoSupportedVIFVersion;
import org.osvif.objects.ObjectException;
import org.osvif.objects.OsVifException;

/**
 * {@code osvif <command>}: the command-line surface of docs/cli.md. Exit 0 on
 * success, 2 for bad input or usage, 1 for an operational failure, each failure as one
 * {@code error:} line on stderr and nothing on stdout.
 */
public final class Main {

    static final List<Command> COMMANDS = List.of(
            new RunCommand(),
            new HostInfoCommand(),
            new PluginsCommand(),
            new PlugCommand(true),
            new PlugCommand(false),
            new ObjectsConvert(),
            new ObjectsFromBinding(),
            new ObjectsFingerprints(),
            new BenchSerialize(),
            new BenchBinding(),
            new BenchPlug());

    private Main() {
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.in, System.out, System.err));
    }

    static int run(List<String> args0, InputStream in, PrintStream out, PrintStream err) {
        List<String> args;
        try {
            args = takeSets(args0);
            LogLevel.fromEnvironment();
        } catch (UsageException e) {
            err.println(Errors.line(e.getMessage()));
            return 2;
        }
        if (!args.isEmpty() && ControlSocket.FORWARDED.contains(args.get(0)) && Embedded.running == null
                && !args.contains("--help") && !args.contains("-h")) {
            if (!Embedded.sets.isEmpty() && java.nio.file.Files.exists(ControlSocket.path())) {
                err.println("error: --set configures a container this command starts, but a container is running under "
                        + Embedded.home() + " (" + ControlSocket.path() + "): configure it through its etc/");
                return 2;
            }
            try {
                int exit = ControlSocket.forward(new java.util.ArrayList<>(args), in, out, err);
                if (exit >= 0) {
                    return exit;
                }
            } catch (UsageException e) {
                err.println("error: " + e.getMessage());
                return 2;
            } catch (java.io.IOException e) {
                err.println("error: the container at " + ControlSocket.path() + " did not answer: " + e.getMessage());
                return 1;
            }
        }
        return dispatch(args, in, out, err);
    }

    /**
     * Takes every {@code --set pid.key=value} (or {@code --set=pid.key=value}) out of the command
     * line into {@link Embedded#sets}: it configures whatever container the command starts.
     */
    static List<String> takeSets(List<String> args) {
        List<String> rest = new ArrayList<>();
        List<String[]> sets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            if (a.equals("--set")) {
                if (i + 1 == args.size()) {
                    throw new UsageException("--set needs <pid>.<key>=<value>");
                }
                value = args.get(++i);
            } else if (a.startsWith("--set=")) {
                value = a.substring("--set=".length());
            }
            if (value == null) {
                rest.add(a);
                continue;
            }
            // The pid is everything before the key's dot: pids have dots, os-vif's keys do not.
            int eq = value.indexOf('=');
            int dot = eq < 0 ? -1 : value.lastIndexOf('.', eq);
            if (eq < 0 || dot <= 0 || dot == eq - 1) {
                throw new UsageException("--set " + value + ": expected <pid>.<key>=<value>, e.g. "
                        + "org.osvif.plug.ovs.isolate_vif=true");
            }
            sets.add(new String[] {value.substring(0, dot), value.substring(dot + 1, eq), value.substring(eq + 1)});
        }
        Embedded.sets = List.copyOf(sets);
        return rest;
    }

    /** Runs a command in this process. */
    static int dispatch(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            (args.isEmpty() ? err : out).print(usage());
            return args.isEmpty() ? 2 : 0;
        }
        for (Command c : COMMANDS) {
            String[] words = c.name().split(" ");
            if (args.size() >= words.length && args.subList(0, words.length).equals(List.of(words))) {
                List<String> rest = new ArrayList<>(args.subList(words.length, args.size()));
                if (rest.contains("--help") || rest.contains("-h")) {
                    out.print(c.help());
                    return 0;
                }
                return execute(c, rest, in, out, err);
            }
        }
        String group = args.get(0);
        if (isGroup(group) && (args.size() == 1 || args.get(1).startsWith("-"))) {
            boolean help = args.contains("--help") || args.contains("-h");
            if (!help) {
                err.println(Errors.line("'" + group + "' needs a sub-command (see osvif " + group + " --help)"));
                return 2;
            }
            out.print(groupUsage(group));
            return 0;
        }
        err.println(Errors.line("unknown command '" + String.join(" ", args) + "' (see osvif --help)"));
        return 2;
    }

    /** @return whether {@code word} is the first word of multi-word commands ({@code objects}, {@code bench}) */
    private static boolean isGroup(String word) {
        return COMMANDS.stream().anyMatch(c -> c.name().startsWith(word + " "));
    }

    /** The help of {@code osvif objects} or {@code osvif bench}: its sub-commands. */
    static String groupUsage(String group) {
        StringBuilder sb = new StringBuilder("usage: osvif " + group + " <sub-command> [options]   (osvif " + group
                + " <sub-command> --help for one)\n\nsub-commands:\n");
        for (Command c : COMMANDS) {
            if (c.name().startsWith(group + " ")) {
                sb.append(String.format("  %-22s %s%n", c.name(), c.summary()));
            }
        }
        return sb.toString();
    }

    private static int execute(Command c, List<String> args, InputStream in, PrintStream out, PrintStream err) {
        try {
            return c.run(args, in, out);
        } catch (UsageException | LineReader.LineTooLong e) {
            err.println(Errors.line(e.getMessage()));
            return 2;
        } catch (ObjectException | NoMatchingPlugin | NoMatchingVIFClass | NoSupportedVIFVersion | NoMatchingPortProfileClass
                | NoSupportedPortProfileVersion e) {
            err.println(Errors.line(Errors.of(e)));
            return 2;
        } catch (OsVifException e) {
            err.println(Errors.line(Errors.of(e)));
            return 1;
        } catch (Exception e) {
            err.println(Errors.line(c.name() + " failed: " + Errors.unexpected(e)));
            return 1;
        }
    }

    static String usage() {
        StringBuilder sb = new StringBuilder("usage: osvif <command> [options]   (osvif <command> --help for one)\n\ncommands:\n");
        for (Command c : COMMANDS) {
            sb.append(String.format("  %-22s %s%n", c.name(), c.summary()));
        }
        sb.append("\noptions of every command that starts a container (run, hostinfo, plugins, plug, unplug, bench plug):\n"
                + "  --set PID.KEY=VALUE    a configuration value (repeatable), winning over $OSVIF_HOME/etc/<pid>.cfg|json\n"
                + "\nenvironment:\n"
                + "  OSVIF_HOME             etc/ deploy/ data/ run/ (default: the runtime folder)\n"
                + "  OSVIF_LOG              log level on stderr: OFF ERROR WARN INFO DEBUG TRACE (or JUL's names);\n"
                + "                         one-shot commands default to ERROR, run to INFO; anything else is exit 2\n"
                + "  OSVIF_BUNDLES          a bundle folder to install instead of the runtime's bundles/\n"
                + "  OSVIF_FEATURES         the OSGi feature folder that chooses among them\n");
        sb.append("\nexit codes: 0 ok, 2 bad input or usage, 1 operational failure. A failure is one line\n"
                + "'error: <what>' (or 'error: line N: <field path>: <what>' for line input) on stderr and nothing\n"
                + "on stdout, except plug and unplug, which print a result line for every VIF, failed or not.\n"
                + "Reference: docs/cli.md.\n");
        return sb.toString();
    }
}
