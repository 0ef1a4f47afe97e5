package org.osvif.launcher.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osvif.OsVif;
import org.osvif.PluginStats;
import org.osvif.launcher.ContainerException;
import org.osvif.launcher.DeployStatus;
import org.osvif.launcher.PluginBundles;
import org.osvif.launcher.PluginView;
import org.osvif.objects.HostPluginInfo;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;

/**
 * {@link PluginBundles} over {@code deploy/}: the operator's install, upgrade and uninstall
 * write or delete a jar there and wait for the {@link Deployer}'s outcome, so the folder stays
 * the one record of what is deployed.
 */
public final class PluginManager implements PluginBundles {

    private static final System.Logger LOG = System.getLogger(PluginManager.class.getName());
    private static final long OUTCOME_MS = 60_000;
    /** Bigger than any plugin we expect; a guard against reading an endless URL into memory. */
    private static final int MAX_JAR = 256 << 20;

    private final BundleContext context;
    private final Deployer deployer;
    private final Supplier<OsVif> osVif;
    private final MavenRepositories maven;

    /**
     * @param context the framework's context
     * @param deployer the deploy/ watcher, or {@code null} when the container has none
     * @param osVif the OsVif service, or {@code null} if it is not there
     * @param maven where {@code mvn:} sources are fetched from
     */
    public PluginManager(BundleContext context, Deployer deployer, Supplier<OsVif> osVif, MavenRepositories maven) {
        this.context = context;
        this.deployer = deployer;
        this.osVif = osVif;
        this.maven = maven;
    }

    @Override
    public List<PluginView> plugins() {
        OsVif core = osVif.get();
        Map<String, PluginStats> stats = core == null ? Map.of() : core.stats();
        List<HostPluginInfo> used = core == null ? List.of() : core.hostInfo().pluginInfo();
        List<PluginView> out = new ArrayList<>();
        for (ServiceReference<VifPlugin> ref : refs()) {
            Bundle b = ref.getBundle();
            if (b == null) {
                continue; // unregistered meanwhile
            }
            String name = String.valueOf(ref.getProperty(PluginName.NAME));
            HostPluginInfo description = null;
            for (HostPluginInfo p : used) {
                if (p.pluginName().equals(name)) {
                    description = p;
                }
            }
            out.add(new PluginView(name, b.getSymbolicName(), b.getVersion().toString(), state(b.getState()),
                    description, stats.get(name)));
        }
        return out;
    }

    private List<ServiceReference<VifPlugin>> refs() {
        try {
            return new ArrayList<>(context.getServiceReferences(VifPlugin.class, null));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            default -> "UNINSTALLED";
        };
    }

    @Override
    public List<DeployStatus> deployStatus() {
        List<DeployStatus> out = new ArrayList<>();
        if (deployer != null) {
            for (Deployer.Status s : deployer.status()) {
                out.add(toApi(s));
            }
        }
        return out;
    }

    private static DeployStatus toApi(Deployer.Status s) {
        return new DeployStatus(s.file(), s.symbolicName(), s.version(), s.state(), s.error());
    }

    @Override
    public DeployStatus install(URI source) {
        Deployer d = requireDeployer();
        byte[] bytes = fetch(source);
        String[] id = identify(source, bytes);
        Bundle existing = bundle(id[0]);
        if (existing != null) {
            throw new ContainerException(id[0] + " " + existing.getVersion() + " is installed already; use upgrade");
        }
        Path jar = d.dir().resolve(id[0] + "-" + id[1] + ".jar");
        if (Files.exists(jar)) {
            throw new ContainerException(d.dir().relativize(jar) + " exists already in deploy/");
        }
        Deployer.Status s = writeAndWait(d, jar, bytes);
        if (!"ACTIVE".equals(s.state())) {
            delete(jar);
            throw new ContainerException("install of " + source + " failed: " + s.error());
        }
        LOG.log(Level.INFO, "installed {0} {1} from {2}", id[0], id[1], source);
        return toApi(s);
    }

    @Override
    public DeployStatus upgrade(String plugin, URI source) {
        Deployer d = requireDeployer();
        Bundle b = pluginBundle(plugin);
        Path jar = deployedJar(d, plugin, b);
        byte[] bytes = fetch(source);
        String[] id = identify(source, bytes);
        if (!id[0].equals(b.getSymbolicName())) {
            throw new ContainerException(source + " is bundle " + id[0] + ", but plugin " + plugin + " comes from "
                    + b.getSymbolicName());
        }
        if (Version.parseVersion(id[1]).compareTo(b.getVersion()) <= 0) {
            throw new ContainerException(source + " is version " + id[1] + ", not newer than the installed "
                    + b.getVersion());
        }
        byte[] previous;
        try {
            previous = Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new ContainerException("cannot read " + jar + ": " + e.getMessage(), e);
        }
        Deployer.Status s = writeAndWait(d, jar, bytes);
        if (!"ACTIVE".equals(s.state())) {
            // The deployer rolled the bundle back; put its jar back too, so deploy/ says the truth.
            writeAndWait(d, jar, previous);
            throw new ContainerException("upgrade of " + plugin + " to " + id[1] + " failed: " + s.error());
        }
        LOG.log(Level.INFO, "upgraded plugin {0} to {1} {2}", plugin, id[0], id[1]);
        return toApi(s);
    }

    @Override
    public DeployStatus uninstall(String plugin) {
        Deployer d = requireDeployer();
        Bundle b = pluginBundle(plugin);
        Path jar = deployedJar(d, plugin, b);
        long before = d.sequence();
        delete(jar);
        Deployer.Status s = await(d, jar, before);
        if (!"UNINSTALLED".equals(s.state())) {
            throw new ContainerException("uninstall of " + plugin + " failed: " + s.error());
        }
        LOG.log(Level.INFO, "uninstalled plugin {0} ({1})", plugin, b.getSymbolicName());
        return toApi(s);
    }

    private Deployer requireDeployer() {
        if (deployer == null) {
            throw new ContainerException("this container has no deploy/ folder: plugins cannot be installed");
        }
        return deployer;
    }

    private Bundle pluginBundle(String plugin) {
        for (ServiceReference<VifPlugin> ref : refs()) {
            if (plugin.equals(ref.getProperty(PluginName.NAME)) && ref.getBundle() != null) {
                return ref.getBundle();
            }
        }
        throw new ContainerException("no plugin named '" + plugin + "'");
    }

    private static Path deployedJar(Deployer d, String plugin, Bundle b) {
        Path jar = d.jarOf(b);
        if (jar == null) {
            throw new ContainerException("plugin " + plugin + " comes from the runtime's own bundles ("
                    + b.getSymbolicName() + "), not from deploy/; it is not managed here");
        }
        return jar;
    }

    private Bundle bundle(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** A {@code mvn:} source from the configured repositories (checksums checked), any other URL as it is. */
    private byte[] fetch(URI source) {
        if ("mvn".equals(source.getScheme())) {
            return maven.fetch(source).bytes();
        }
        return read(source);
    }

    private static byte[] read(URI source) {
        try (InputStream in = source.toURL().openStream()) {
            byte[] b = in.readNBytes(MAX_JAR + 1);
            if (b.length > MAX_JAR) {
                throw new ContainerException(source + " is larger than " + (MAX_JAR >> 20) + " MiB");
            }
            return b;
        } catch (IOException | IllegalArgumentException e) {
            throw new ContainerException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** @return symbolic name and version of the bundle in a jar */
    private static String[] identify(URI source, byte[] bytes) {
        Manifest mf;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bytes))) {
            mf = in.getManifest();
        } catch (IOException e) {
            throw new ContainerException(source + " is not a jar: " + e.getMessage(), e);
        }
        String bsn = mf == null ? null : mf.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (bsn == null) {
            throw new ContainerException(source + " is not a bundle: no Bundle-SymbolicName in its manifest");
        }
        try {
            Version v = Version.parseVersion(mf.getMainAttributes().getValue(Constants.BUNDLE_VERSION));
            return new String[] {bsn.split(";")[0].trim(), v.toString()};
        } catch (IllegalArgumentException e) {
            throw new ContainerException(source + ": bad Bundle-Version: " + e.getMessage(), e);
        }
    }

    /** Writes the jar atomically (a temporary name the watcher ignores, then a rename). */
    private static Deployer.Status writeAndWait(Deployer d, Path jar, byte[] bytes) {
        long before = d.sequence();
        Path tmp = jar.resolveSibling("." + jar.getFileName() + ".part");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            delete(tmp);
            throw new ContainerException("cannot write " + jar + ": " + e.getMessage(), e);
        }
        return await(d, jar, before);
    }

    private static Deployer.Status await(Deployer d, Path jar, long before) {
        try {
            Deployer.Status s = d.awaitOutcome(jar, before, OUTCOME_MS);
            if (s == null) {
                throw new ContainerException("the deployer did not act on " + jar.getFileName() + " within "
                        + OUTCOME_MS / 1000 + " s");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted waiting for the deployer", e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete " + p + ": " + e);
        }
    }
}
