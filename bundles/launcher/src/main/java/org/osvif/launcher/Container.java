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

import org.osgi.framework.Bundle;
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
public final class Container implements AutoCloseable {

    /** Packages the host exports into the framework: the object model, the API, Jackson. */
    static final String SYSTEM_PACKAGES = String.join(",",
            "org.osvif;version=1.0.0",
            "org.osvif.plugin;version=1.0.0",
            "org.osvif.objects;version=1.0.0",
            "com.fasterxml.jackson.core;version=2.18.2",
            "com.fasterxml.jackson.core.io;version=2.18.2",
            "com.fasterxml.jackson.core.exc;version=2.18.2",
            "com.fasterxml.jackson.core.util;version=2.18.2");

    private final Framework framework;
    private final Options options;
    private Deployer deployer;

    private Container(Framework framework, Options options) {
        this.framework = framework;
        this.options = options;
    }

    /**
     * @param home the container's home ({@code OSVIF_HOME}): {@code data/} holds the framework cache
     * @return options to start a container with
     */
    public static Options options(Path home) {
        return new Options(home);
    }

    /**
     * Starts the framework and every bundle of {@link Options#bundles(Path)}.
     *
     * @param options where and what
     * @return the running container
     * @throws ContainerException if the framework or a bundle fails to start
     */
    public static Container start(Options options) {
        if (options.deployDir != null) {
            Trust.checkAdminOnly(options.deployDir);
            Trust.checkAdminOnly(options.home.resolve("etc"));
        }
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, options.storage().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SYSTEM_PACKAGES);
        config.putAll(options.properties);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, Container.class.getClassLoader())
                .findFirst().orElseThrow(() -> new ContainerException("no OSGi framework on the class path"));
        Framework fw = factory.newFramework(config);
        try {
            fw.init();
            List<Bundle> installed = new ArrayList<>();
            for (Path jar : jars(options.bundleDir)) {
                try (InputStream in = Files.newInputStream(jar)) {
                    installed.add(fw.getBundleContext().installBundle(jar.toUri().toString(), in));
                }
            }
            fw.start();
            for (Bundle b : installed) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    b.start();
                }
            }
        } catch (BundleException | IOException e) {
            stopQuietly(fw);
            throw new ContainerException("cannot start the container: " + e.getMessage(), e);
        }
        Container c = new Container(fw, options);
        if (options.deployDir != null) {
            try {
                c.deployer = new Deployer(fw.getBundleContext(), options.deployDir);
                if (!c.deployer.awaitInitialScan(60_000)) {
                    throw new ContainerException("deploying the bundles of " + options.deployDir + " took over 60 s");
                }
            } catch (IOException e) {
                c.close();
                throw new ContainerException("cannot watch " + options.deployDir + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.close();
                throw new ContainerException("interrupted deploying " + options.deployDir, e);
            }
        }
        return c;
    }

    /**
     * @return what happened to each jar of {@code deploy/}: bundle, version, state, error; empty
     *         without a deploy folder
     */
    public List<DeployStatus> deployStatus() {
        List<DeployStatus> out = new ArrayList<>();
        if (deployer != null) {
            for (Deployer.Status s : deployer.status()) {
                out.add(new DeployStatus(s.file(), s.symbolicName(), s.version(), s.state(), s.error()));
            }
        }
        return out;
    }

    /**
     * Waits until the framework stops (another thread called {@link #close()}).
     *
     * @throws InterruptedException if interrupted
     */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (dir == null) {
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("no bundle folder " + dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            // SCR first, so that it sees every other bundle start.
            return s.filter(p -> p.toString().endsWith(".jar"))
                    .sorted(Comparator.comparing((Path p) -> !p.getFileName().toString().contains("scr"))
                            .thenComparing(Path::getFileName))
                    .toList();
        }
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

    /** @return the framework's context, to install bundles or track services */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** Stops the framework and waits for it; removes a throw-away framework cache. */
    @Override
    public void close() {
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

    private static void stopQuietly(Framework fw) {
        try {
            fw.stop();
            fw.waitForStop(30_000);
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
        private final Path home;
        private Path bundleDir;
        private Path deployDir;
        private boolean throwAway;
        private final Map<String, String> properties = new HashMap<>();

        private Options(Path home) {
            this.home = home;
        }

        /**
         * @param dir the folder of bundles to install and start (the distribution's {@code bundles/})
         * @return these options
         */
        public Options bundles(Path dir) {
            this.bundleDir = dir;
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
