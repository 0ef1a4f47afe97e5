package org.osvif.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import java.net.URI;
import java.util.Hashtable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.osvif.launcher.internal.ConfigWatcher;
import org.osvif.launcher.internal.Configs;
import org.osvif.launcher.internal.Features;
import org.osvif.launcher.internal.PluginManager;
import org.osvif.launcher.internal.Signatures;
import org.osvif.plugin.HostInfoListener;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;
import org.osvif.OsVif;
import org.osvif.launcher.internal.Deployer;

/**
 * The osvif container in this process: a Felix framework running SCR, the core dispatcher and
 * the plugin bundles. The object model and the API are not installed as bundles but exported
 * from this class path, so the host agent and the plugins share one {@code OsVif},
 * {@code VIFBase}, ... and the host calls the service with its own types.
 *
 * <pre>
 * try (Container c = Container.start(Container.options(home).bundles(dir))) {
 *     OsVif osvif = c.osVif(Duration.ofSeconds(10));
 *     osvif.plug(vif, instance);
 * }
 * </pre>
 */
public final class Container implements AutoCloseable, PluginBundles {

    /** Packages the host exports into the framework: the object model, the API, Jackson. */
    static final String SYSTEM_PACKAGES = String.join(",",
            "org.osvif;version=1.1.0",
            "org.osvif.plugin;version=1.1.0",
            "org.osvif.objects;version=1.1.0",
            "org.osvif.launcher;version=1.1.0",
            "org.osgi.service.cm;version=1.6.1",
            "com.fasterxml.jackson.core;version=2.18.2",
            "com.fasterxml.jackson.core.io;version=2.18.2",
            "com.fasterxml.jackson.core.exc;version=2.18.2",
            "com.fasterxml.jackson.core.util;version=2.18.2");

    /** The runtime's own configuration pid: {@code require_signed}, {@code trust_store}, limits. */
    public static final String RUNTIME_PID = "org.osvif.runtime";

    private final Framework framework;
    private final Options options;
    private final Deployer deployer;
    private final ConfigWatcher etcWatcher;
    private final PluginManager plugins;
    private final ServiceRegistration<PluginBundles> registration;
    /** Delivers plugin events in order, off the framework's threads. */
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "osvif-plugin-events");
        t.setDaemon(true);
        return t;
    });

    /** Built by {@link Boot} once every step of the start has succeeded. */
    Container(Framework framework, Options options, Deployer deployer, ConfigWatcher etcWatcher, PluginManager plugins,
            ServiceRegistration<PluginBundles> registration) {
        this.framework = framework;
        this.options = options;
        this.deployer = deployer;
        this.etcWatcher = etcWatcher;
        this.plugins = plugins;
        this.registration = registration;
    }

    /**
     * @param home the container's home ({@code OSVIF_HOME}): {@code data/} holds the framework cache
     * @return options to start a container with
     */
    public static Options options(Path home) {
        return new Options(home);
    }

    /**
     * Starts the framework and every bundle of {@link Options#bundles(Path)}, then deploys
     * {@code deploy/}: each vendor bundle within its deadline, so a vendor bundle never keeps
     * the container from starting.
     *
     * @param options where and what
     * @return the running container
     * @throws ContainerException if the framework or a runtime bundle fails to start, or a folder
     *         or file is not trusted
     */
    public static Container start(Options options) {
        return Boot.start(options);
    }

    @Override
    public List<DeployStatus> deployStatus() {
        return plugins.deployStatus();
    }

    @Override
    public List<PluginView> plugins() {
        return plugins.plugins();
    }

    @Override
    public DeployStatus install(URI source) {
        return plugins.install(source);
    }

    @Override
    public DeployStatus upgrade(String plugin, URI source) {
        return plugins.upgrade(plugin, source);
    }

    @Override
    public DeployStatus uninstall(String plugin) {
        return plugins.uninstall(plugin);
    }

    @Override
    public String diagnose(String what) {
        return plugins.diagnose(what);
    }

    /**
     * Tells a listener about every plugin service that comes, changes or goes from now on (and
     * about those present now, as ADDED), one event at a time on a thread of the container.
     *
     * @param listener told of each event
     * @return closing it stops the events
     */
    public AutoCloseable onPluginChange(Consumer<PluginEvent> listener) {
        BundleContext ctx = framework.getBundleContext();
        ServiceListener l = e -> {
            PluginEvent.Kind kind = switch (e.getType()) {
                case ServiceEvent.REGISTERED -> PluginEvent.Kind.ADDED;
                case ServiceEvent.MODIFIED -> PluginEvent.Kind.MODIFIED;
                default -> PluginEvent.Kind.REMOVED;
            };
            PluginEvent ev = event(kind, e.getServiceReference());
            events.execute(() -> listener.accept(ev));
        };
        String filter = "(" + Constants.OBJECTCLASS + "=" + VifPlugin.class.getName() + ")";
        try {
            synchronized (this) {
                ctx.addServiceListener(l, filter);
                for (ServiceReference<?> r : ctx.getServiceReferences((String) null, filter) == null ? new ServiceReference<?>[0]
                        : ctx.getServiceReferences((String) null, filter)) {
                    PluginEvent ev = event(PluginEvent.Kind.ADDED, r);
                    events.execute(() -> listener.accept(ev));
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return () -> {
            try {
                ctx.removeServiceListener(l);
            } catch (IllegalStateException stopped) {
                // the framework is gone already
            }
        };
    }

    private static PluginEvent event(PluginEvent.Kind kind, ServiceReference<?> r) {
        Bundle b = r.getBundle();
        return new PluginEvent(kind, String.valueOf(r.getProperty(PluginName.NAME)),
                b == null ? null : b.getSymbolicName(), b == null ? null : b.getVersion().toString());
    }

    /**
     * Tells a listener the host's {@code HostInfo} each time it changes (a plugin came, went or
     * was replaced), on the core's notifier thread.
     *
     * @param listener told of each change
     * @return closing it stops the calls
     */
    public AutoCloseable onHostInfoChange(HostInfoListener listener) {
        ServiceRegistration<HostInfoListener> reg = framework.getBundleContext()
                .registerService(HostInfoListener.class, listener, new Hashtable<>());
        return () -> {
            try {
                reg.unregister();
            } catch (IllegalStateException gone) {
                // unregistered with the framework already
            }
        };
    }

    /**
     * Waits until the framework stops (another thread called {@link #close()}).
     *
     * @throws InterruptedException if interrupted
     */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /**
     * @param timeout how long to wait for the service
     * @return the {@code OsVif} service
     * @throws ContainerException if it does not appear in time
     */
    public OsVif osVif(Duration timeout) {
        ServiceTracker<OsVif, OsVif> t = new ServiceTracker<>(framework.getBundleContext(), OsVif.class, null);
        t.open();
        try {
            OsVif s = t.waitForService(timeout.toMillis());
            if (s == null) {
                throw new ContainerException("the OsVif service did not appear within " + timeout.toMillis() + " ms");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted waiting for the OsVif service", e);
        }
    }

    static OsVif osVifIfPresent(BundleContext ctx) {
        ServiceReference<OsVif> ref = ctx.getServiceReference(OsVif.class);
        // The system bundle's context keeps no per-call cost worth releasing: the core is a
        // long-lived component, and ungetting here would deactivate a delayed one at once.
        return ref == null ? null : ctx.getService(ref);
    }

    /** @return the framework's context, to install bundles or track services */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** Stops the framework and waits for it; removes a throw-away framework cache. */
    @Override
    public void close() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException gone) {
                // the framework stopped already
            }
        }
        events.shutdown();
        if (etcWatcher != null) {
            try {
                etcWatcher.close();
            } catch (IOException e) {
                System.getLogger(Container.class.getName()).log(System.Logger.Level.WARNING,
                        "closing the etc/ watcher: " + e);
            }
        }
        if (deployer != null) {
            try {
                deployer.close();
            } catch (IOException e) {
                System.getLogger(Container.class.getName()).log(System.Logger.Level.WARNING,
                        "closing the deploy watcher: " + e);
            }
        }
        stopQuietly(framework);
        if (options.throwAway) {
            deleteTree(options.storage());
        }
    }

    private static final long STOP_MS = 10_000;

    static void stopQuietly(Framework fw) {
        try {
            fw.stop();
            // A vendor bundle stuck in its activator holds its bundle's lock, and Felix's stop
            // would wait on it for good: the container stops anyway, after a bound.
            if (fw.waitForStop(STOP_MS).getType() == org.osgi.framework.FrameworkEvent.WAIT_TIMEDOUT) {
                System.getLogger(Container.class.getName()).log(System.Logger.Level.WARNING,
                        "the framework did not stop within " + STOP_MS / 1000 + " s (a bundle is stuck): exiting anyway");
            }
        } catch (BundleException e) {
            throw new ContainerException("cannot stop the container: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            System.getLogger(Container.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot remove framework cache " + p + ": " + e);
        }
    }

    /** Where the container lives and what it runs. */
    public static final class Options {
        final Path home;
        final List<Path> bundleDirs = new ArrayList<>();
        final List<String[]> sets = new ArrayList<>();
        Path etcDir;
        Path featuresDir;
        Path deployDir;
        boolean throwAway;
        boolean console;
        boolean shell = true;
        final Map<String, String> properties = new HashMap<>();

        private Options(Path home) {
            this.home = home;
        }

        /**
         * @param dir a folder of bundles to install and start (the distribution's {@code bundles/});
         *        may be given more than once
         * @return these options
         */
        public Options bundles(Path dir) {
            this.bundleDirs.add(dir);
            return this;
        }

        /**
         * Configuration from a folder: one {@code <pid>.cfg} (properties) or {@code <pid>.json}
         * (a flat JSON object) per component, given to Config Admin before the components start.
         * {@code org.osvif.runtime.cfg} configures the container itself ({@code require_signed},
         * {@code trust_store} relative to this folder, {@code trust_store_password}).
         *
         * @param dir the folder ({@code $OSVIF_HOME/etc}); it must not be writable by group or others
         * @return these options
         */
        public Options etc(Path dir) {
            this.etcDir = dir;
            return this;
        }

        /**
         * Install only the bundles of the chosen OSGi features of a folder ({@code features/*.json},
         * R8 Feature JSON): {@code features} in {@code etc/org.osvif.runtime.cfg} lists them by
         * artifactId (default: all; {@code osvif-base} always). A feature bundle
         * {@code group:artifact:version} is the jar {@code artifact-version.jar} of the bundle
         * folders; the features' configurations are defaults under {@code etc/}.
         *
         * @param dir the features folder
         * @return these options
         */
        public Options features(Path dir) {
            this.featuresDir = dir;
            return this;
        }

        /**
         * One configuration value, winning over {@link #etc(Path)}.
         *
         * @param pid the component's configuration pid, e.g. {@code org.osvif.plug.ovs}
         * @param key the key, e.g. {@code ovsdb_connection}
         * @param value the value
         * @return these options
         */
        public Options set(String pid, String key, String value) {
            this.sets.add(new String[] {pid, key, value});
            return this;
        }

        /**
         * Watch a folder of vendor bundles: install what is dropped in, update to higher
         * versions (rolling back a failed upgrade), uninstall what is deleted. The folder and
         * {@code etc/} must not be writable by group or others.
         *
         * @param dir the deploy folder
         * @return these options
         */
        public Options deploy(Path dir) {
            this.deployDir = dir;
            return this;
        }

        /**
         * A framework cache of its own, removed on close: for one-shot commands that must not
         * disturb a container's cache.
         *
         * @return these options
         */
        public Options throwAway() {
            this.throwAway = true;
            return this;
        }

        /**
         * The Gogo shell on this process's terminal (stdin/stdout), if the bundles include it;
         * its end of input or {@code exit} stops the container. Without it the shell's commands
         * are still there for other consoles, but nothing reads stdin.
         *
         * @return these options
         */
        public Options console() {
            this.console = true;
            return this;
        }

        /**
         * Leaves the Gogo shell and the {@code osvif:} commands out: a one-shot command talks to
         * nobody, and starts ~40 ms faster and 4 MB smaller without them.
         *
         * @return these options
         */
        public Options withoutShell() {
            this.shell = false;
            return this;
        }

        /**
         * @param key a framework property
         * @param value its value
         * @return these options
         */
        public Options property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        Path storage() {
            return throwAway ? home.resolve("data").resolve("oneshot-" + ProcessHandle.current().pid())
                    : home.resolve("data").resolve("framework");
        }

        /** @return a container started with these options */
        public Container start() {
            return Container.start(this);
        }
    }
}
