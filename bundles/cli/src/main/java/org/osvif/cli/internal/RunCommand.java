package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osvif.launcher.Container;

/**
 * {@code osvif run}: the long-running container. Holds {@code run/osvif.lock} (one container per
 * home), watches {@code deploy/}, answers one-shot commands on {@code run/osvif.sock}, stops
 * cleanly (exit 0) on SIGTERM or {@code osvif stop}.
 */
final class RunCommand implements Command {

    private static final System.Logger LOG = System.getLogger(RunCommand.class.getName());
    /** When this process's container started serving, for {@code osvif status}. */
    static volatile Instant started;
    /** The socket being served, for {@code osvif status}. */
    static volatile ControlSocket socket;
    private static volatile Runnable stopper;

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
                + "a deleted one is uninstalled. hostinfo, plug, unplug, plugins, status and stop run in this\n"
                + "container over run/osvif.sock (mode 0600, same user or root only). Refuses to start when\n"
                + "deploy/ or etc/ is writable by group or others.\n\n"
                + "One container per home: it holds an exclusive lock on run/osvif.lock (which holds its pid)\n"
                + "for its whole life; a second 'osvif run' on the same home exits 1 at once, touching nothing.\n"
                + "After a crash (even SIGKILL) the next start takes over the socket and the framework cache.\n"
                + "SIGTERM and 'osvif stop' stop it cleanly, exit 0.\n\n"
                + "The socket serves at most OSVIF_MAX_CLIENTS clients at once (default 32; the next get\n"
                + "'busy', exit 1) and drops a client that sends or reads nothing for OSVIF_TIMEOUT seconds\n"
                + "(default 10). Plug results a client went away without reading are logged.\n\n"
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
        Duration timeout = ControlClient.timeout();
        int maxClients = maxClients();
        Path home = Embedded.home().toAbsolutePath();
        Path dir = Embedded.bundleDir();
        if (!Files.isDirectory(dir)) {
            throw new UsageException("no bundle folder " + dir + " (build the runtime with mvn -B install)");
        }
        // First, before the framework cache, the socket or deploy/ is touched: a second container
        // on this home stops here and leaves the first one alone.
        ContainerLock lock = ContainerLock.take();
        Map<String, Object> runtime = RuntimeConfig.read(home);
        Object listen = runtime.get("metrics_listen");
        if (listen != null && !listen.toString().isBlank()) {
            MetricsEndpoint.parse(listen.toString()); // a bad address refuses the start before anything starts
        }
        Path logFile = Logs.container(home, runtime);
        // After the log's handlers are set (that resets JUL): it keeps the last errors for status.
        RecentErrors.install();
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
        ControlSocket s = ControlSocket.serve(timeout, maxClients);
        socket = s;
        started = Instant.now();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            s.close();
            try {
                metrics.close();
            } catch (Exception e) {
                System.err.println("osvif: stopping the metrics endpoint: " + e);
            }
            c.close();
        }, "osvif-shutdown"));
        // Stopped when the framework stops (Gogo's exit, a bundle stopping it) or when a stop
        // asked for here has closed the container: with a vendor bundle stuck in its activator the
        // framework never reports stopped, and close() gives up on it after its bound.
        java.util.concurrent.CountDownLatch down = new java.util.concurrent.CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                c.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            down.countDown();
        }, "osvif-await-stop");
        waiter.setDaemon(true);
        waiter.start();
        stopper = () -> new Thread(() -> {
            c.close();
            down.countDown();
        }, "osvif-stop").start();
        // SIGTERM is how service managers stop a service: a clean stop, exit 0 (not 143).
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), sig -> requestStop());
        } catch (IllegalArgumentException e) {
            // no such signal here: the shutdown hook still stops cleanly
        }
        String running = "container running, pid " + ProcessHandle.current().pid() + ", home " + home
                + ", watching deploy/, listening on " + ControlSocket.path() + (logFile == null ? "" : ", log " + logFile);
        LOG.log(System.Logger.Level.INFO, running);
        if (Logs.stderrIsTerminal()) {
            // on a terminal stderr shows WARNING and above only: say once that it is up
            System.err.println("osvif: " + running);
        }
        down.await();
        s.close();
        lock.close();
        String stopped = "container stopped, pid " + ProcessHandle.current().pid();
        LOG.log(System.Logger.Level.INFO, stopped);
        if (Logs.stderrIsTerminal()) {
            System.err.println("osvif: " + stopped);
        }
        return 0;
    }

    /** Stops the container of this process, if it runs; {@link #run} then returns 0. */
    static void requestStop() {
        Runnable r = stopper;
        if (r != null) {
            r.run();
        }
    }

    private static int maxClients() {
        String v = System.getenv("OSVIF_MAX_CLIENTS");
        if (v == null || v.isBlank()) {
            return 32;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1 && n <= 4096) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("OSVIF_MAX_CLIENTS=" + v + ": expected a whole number from 1 to 4096");
    }
}
