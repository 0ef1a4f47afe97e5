package org.osvif.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;


import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osvif.OsVif;
import org.osvif.PluginStats;
import org.osvif.launcher.DeployStatus;
import org.osvif.launcher.PlugRequests;
import org.osvif.launcher.PluginBundles;
import org.osvif.launcher.PluginView;
import org.osvif.objects.HostPortProfileInfo;
import org.osvif.objects.HostVIFInfo;
import org.osvif.objects.Primitives;

/**
 * The {@code osvif:} commands of the Gogo shell of {@code osvif run}. They do what the one-shot
 * commands do, in the running container, and manage deploy/'s plugins by name.
 */
@Component(service = OsVifCommands.class, property = {
    "osgi.command.scope=osvif",
    "osgi.command.function=plugins",
    "osgi.command.function=hostinfo",
    "osgi.command.function=plug",
    "osgi.command.function=unplug",
    "osgi.command.function=install",
    "osgi.command.function=upgrade",
    "osgi.command.function=uninstall",
    "osgi.command.function=diag"})
public final class OsVifCommands {

    private final OsVif osVif;
    private final PluginBundles bundles;

    /**
     * @param osVif the core
     * @param bundles the container's plugin bundles
     */
    @Activate
    public OsVifCommands(@Reference OsVif osVif, @Reference PluginBundles bundles) {
        this.osVif = osVif;
        this.bundles = bundles;
    }

    /** @return one block per plugin and one line per jar of deploy/ */
    @Descriptor("list plugins: name, bundle, version, state, advertised VIF classes and port profiles, counters;"
            + " then deploy/'s jars")
    public String plugins() {
        StringBuilder sb = new StringBuilder();
        for (PluginView p : bundles.plugins()) {
            sb.append(String.format("%s  %s %s  %s%n", p.name(), p.bundle(), p.version(), p.state()));
            if (p.description() == null) {
                sb.append("    (not in use: another service of this name ranks higher)\n");
            } else {
                for (HostVIFInfo v : p.description().vifInfo()) {
                    sb.append(String.format("    %s %s-%s", v.vifObjectName(), v.minVersion(), v.maxVersion()));
                    for (HostPortProfileInfo pp : v.supportedPortProfiles()) {
                        sb.append(String.format("  %s %s-%s", pp.profileObjectName(), pp.minVersion(), pp.maxVersion()));
                    }
                    sb.append('\n');
                }
            }
            PluginStats s = p.stats();
            if (s != null) {
                sb.append(String.format("    plugs %d  unplugs %d  failures %d  mean %.1f us%n", s.plugs(), s.unplugs(),
                        s.failures(), s.meanMicros()));
            }
        }
        for (DeployStatus d : bundles.deployStatus()) {
            sb.append(line(d)).append('\n');
        }
        return sb.toString();
    }

    private static String line(DeployStatus d) {
        return String.format("deploy/%s  %s %s  %s%s%s", d.file(), d.symbolicName(), d.version(), d.state(),
                d.error() == null ? "" : "  " + d.error(),
                d.servingVersion() == null || "ACTIVE".equals(d.state()) ? ""
                        : "  (serving " + d.servingVersion() + " from " + d.servedFrom() + ")");
    }

    /**
     * @return the host's HostInfo primitive, one line of JSON
     * @throws IOException never in practice (writes to memory)
     */
    @Descriptor("print the host's os-vif HostInfo primitive (JSON)")
    public String hostinfo() throws IOException {
        return Primitives.toJson(osVif.hostInfo());
    }

    /**
     * @param file JSON lines of {"vif", "instance_info"}
     * @return one result line per request
     * @throws IOException if the file cannot be read
     */
    @Descriptor("plug the VIFs of a file of JSON lines {\"vif\": ..., \"instance_info\": ...}; one result line each")
    public String plug(@Descriptor("the request file") String file) throws IOException {
        return run(true, file);
    }

    /**
     * @param file JSON lines of {"vif", "instance_info"}
     * @return one result line per request
     * @throws IOException if the file cannot be read
     */
    @Descriptor("unplug the VIFs of a file of JSON lines {\"vif\": ..., \"instance_info\": ...}; one result line each")
    public String unplug(@Descriptor("the request file") String file) throws IOException {
        return run(false, file);
    }

    private String run(boolean plug, String file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(Path.of(file));
                PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            PlugRequests.run(osVif, plug, in, o, e);
        }
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    /**
     * @param url where the bundle is
     * @return its deploy status
     */
    @Descriptor("install a plugin bundle: copy it into deploy/ and wait until it is started;"
            + " mvn:GROUP/ARTIFACT/VERSION (or LATEST, RELEASE) comes from etc/org.osvif.runtime.cfg's repositories")
    public String install(@Descriptor("mvn:GROUP/ARTIFACT/VERSION, the bundle's URL or a file path") String url) {
        return line(bundles.install(uri(url)));
    }

    /**
     * @param plugin the plugin's name
     * @param url the newer bundle
     * @return its deploy status
     */
    @Descriptor("upgrade a plugin's bundle to a higher version (a failed upgrade rolls back)")
    public String upgrade(@Descriptor("the plugin's name") String plugin,
            @Descriptor("the new bundle's URL or file path") String url) {
        return line(bundles.upgrade(plugin, uri(url)));
    }

    /**
     * @param plugin the plugin's name
     * @return its deploy status
     */
    @Descriptor("uninstall a plugin's bundle (deletes its jar from deploy/)")
    public String uninstall(@Descriptor("the plugin's name") String plugin) {
        return line(bundles.uninstall(plugin));
    }

    /**
     * @param what a plugin's name, a file of deploy/ or a bundle's symbolic name
     * @return why it is not active, one line
     */
    @Descriptor("explain why a plugin, a deploy/ file or a bundle is not active: the first unmet requirement,"
            + " and which installed bundle offers something close or that none does")
    public String diag(@Descriptor("a plugin's name, a file of deploy/ (vendor.jar) or a bundle's symbolic name") String what) {
        return bundles.diagnose(what);
    }

    /** A URL, or a file path for the operator's convenience. */
    static URI uri(String s) {
        if (s.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !s.startsWith("/")) {
            return URI.create(s);
        }
        return Path.of(s).toAbsolutePath().toUri();
    }

}
