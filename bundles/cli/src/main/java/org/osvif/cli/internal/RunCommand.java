package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osvif.launcher.Container;

/**
 * {@code osvif run}: the long-running container. Watches {@code deploy/}, answers one-shot
 * commands on {@code run/osvif.sock}, stops cleanly on SIGTERM.
 */
final class RunCommand implements Command {

    private static final System.Logger LOG = System.getLogger(RunCommand.class.getName());

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run the container: plugins from bundles/ and deploy/, commands over run/osvif.sock";
    }

    @Override
    public String help() {
        return "usage: osvif run [--no-console | --console]\n\n"
                + "Starts the Felix container under OSVIF_HOME with the runtime's bundles and every bundle in\n"
                + "deploy/, and keeps deploy/ in sync while running: a dropped bundle is installed and started,\n"
                + "a higher version of an installed one updates it in place (a failed upgrade rolls back),\n"
                + "a deleted one is uninstalled. hostinfo, plug, unplug and plugins run in this container over\n"
                + "run/osvif.sock (mode 0600, same user only). Refuses to start when deploy/ or etc/ is\n"
                + "writable by group or others. Stops cleanly on SIGTERM or Ctrl-C.\n\n"
                + "Logs one line per record to log/osvif.log (rotated: log_max_bytes, log_files in\n"
                + "etc/org.osvif.runtime.cfg) and to stderr (only WARNING and up when stderr is a terminal);\n"
                + "metrics_listen = 127.0.0.1:PORT there serves GET /metrics. See docs/observability.md.\n\n"
                + "On a terminal the Gogo shell reads commands from it (not when stdin/stdout are not a terminal,\n"
                + "e.g. under a service manager, unless --console): the osvif:\n"
                + "commands (plugins, hostinfo, plug, unplug, install, upgrade, uninstall, log; 'help osvif:plug')\n"
                + "beside Felix's own (lb, inspect, ...). End of input or 'exit' stops the container.\n\n"
                + "  --no-console           no shell, even on a terminal\n"
                + "  --console              the shell on stdin/stdout even when they are not a terminal (piped)\n"
                + "  --set PID.KEY=VALUE    a configuration value, winning over etc/ (repeatable)\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws Exception {
        // A shell on a stdin that is not a terminal would read end of input at once (a service
        // manager's /dev/null) and stop the container: only on a terminal, unless asked.
        boolean console = System.console() != null;
        for (String a : args) {
            switch (a) {
                case "--no-console" -> console = false;
                case "--console" -> console = true;
                default -> throw new UsageException("run: unknown argument '" + a + "' (see --help)");
            }
        }
        if (args.contains("--console") && args.contains("--no-console")) {
            throw new UsageException("run: --console and --no-console contradict each other");
        }
        Path home = Embedded.home().toAbsolutePath();
        Path dir = Embedded.bundleDir();
        if (!Files.isDirectory(dir)) {
            throw new UsageException("no bundle folder " + dir + " (build the runtime with mvn -B install)");
        }
        Map<String, Object> runtime = RuntimeConfig.read(home);
        Path logFile = Logs.container(home, runtime);
        Container.Options options = Embedded.options(home).bundles(dir).deploy(home.resolve("deploy"));
        if (logFile != null) {
            options.property(Logs.FILE_PROPERTY, logFile.toString());
        }
        if (console) {
            options.console();
        }
        Container c = options.start();
        Embedded.running = c;
        AutoCloseable metrics;
        try {
            metrics = Metrics.start(c, runtime);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        ServerSocketChannel socket = ControlSocket.serve();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                socket.close();
                Files.deleteIfExists(ControlSocket.path());
            } catch (java.io.IOException e) {
                System.err.println("osvif: removing " + ControlSocket.path() + ": " + e);
            }
            try {
                metrics.close();
            } catch (Exception e) {
                System.err.println("osvif: stopping the metrics endpoint: " + e);
            }
            c.close();
        }, "osvif-shutdown"));
        String running = "container running, pid " + ProcessHandle.current().pid() + ", home " + home
                + ", watching deploy/, listening on " + ControlSocket.path() + (logFile == null ? "" : ", log " + logFile);
        LOG.log(System.Logger.Level.INFO, running);
        if (Logs.stderrIsTerminal()) {
            // on a terminal stderr shows WARNING and above only: say once that it is up
            System.err.println("osvif: " + running);
        }
        c.awaitStop();
        return 0;
    }
}
