package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.osvif.PluginStats;
import org.osvif.launcher.DeployStatus;
import org.osvif.launcher.PluginView;
import org.osvif.objects.HostPortProfileInfo;
import org.osvif.objects.HostVIFInfo;

/** {@code osvif plugins}: each plugin with what it advertises and its counters, and deploy/'s jars. */
final class PluginsCommand implements Command {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "plugins";
    }

    @Override
    public String summary() {
        return "list plugins (advertised VIF classes and profiles, counters) and deploy/ bundles (JSON lines)";
    }

    @Override
    public String help() {
        return "usage: osvif plugins [--pretty]\n\n"
                + "One JSON line per plugin, sorted by name: {\"plugin\", \"bundle\", \"version\", \"state\",\n"
                + "\"vifs\": {class: {\"versions\": \"min-max\", \"port_profiles\": {class: \"min-max\"}}},\n"
                + "\"plugs\", \"unplugs\", \"failures\", \"mean_us\"} (and for a plugin from deploy/: \"file\", \"file_version\",\n"
                + "\"served_from\", \"error\"). When a plugin's component does not serve, \"state\" is the component's\n"
                + "(FAILED_ACTIVATION, UNSATISFIED_REFERENCE, UNSATISFIED_CONFIGURATION, DISABLED) and \"error\" says why.\n"
                + "Then one line per jar of deploy/ (in a running container), sorted by file name:\n"
                + "{\"deploy\", \"bundle\", \"version\", \"state\", \"error\", \"serving\", \"served_from\"}: what the file\n"
                + "is, and what serves for it (data/last-good/<file> when the file is broken, refused or a downgrade).\n\n"
                + "  --pretty   each object indented, for a person\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws Exception {
        boolean pretty = false;
        for (String a : args) {
            if (!a.equals("--pretty")) {
                throw new UsageException("plugins: unknown argument '" + a + "' (see --help)");
            }
            pretty = true;
        }
        try (Embedded c = Embedded.start()) {
            // Services come in the order they registered, which varies from start to start.
            List<PluginView> plugins = new ArrayList<>(c.container().plugins());
            plugins.sort(Comparator.comparing(PluginView::name).thenComparing(PluginView::bundle, Comparator.nullsFirst(Comparator.naturalOrder())));
            for (PluginView p : plugins) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("plugin", p.name());
                line.put("bundle", p.bundle());
                line.put("version", p.version());
                line.put("state", p.state());
                Map<String, Object> vifs = new LinkedHashMap<>();
                if (p.description() != null) {
                    for (HostVIFInfo v : p.description().vifInfo()) {
                        Map<String, Object> vif = new LinkedHashMap<>();
                        vif.put("versions", v.minVersion() + "-" + v.maxVersion());
                        Map<String, String> profiles = new LinkedHashMap<>();
                        for (HostPortProfileInfo pp : v.supportedPortProfiles()) {
                            profiles.put(pp.profileObjectName(), pp.minVersion() + "-" + pp.maxVersion());
                        }
                        vif.put("port_profiles", profiles);
                        vifs.put(v.vifObjectName(), vif);
                    }
                }
                line.put("vifs", vifs);
                if (p.file() != null) {
                    // what the file in deploy/ is, beside what serves (they differ after a rollback)
                    line.put("file", p.file());
                    line.put("file_version", p.fileVersion());
                    line.put("served_from", p.servedFrom());
                    line.put("error", p.error());
                } else if (p.error() != null) {
                    line.put("error", p.error()); // its component does not serve: why
                }
                PluginStats s = p.stats();
                if (s != null) {
                    line.put("plugs", s.plugs());
                    line.put("unplugs", s.unplugs());
                    line.put("failures", s.failures());
                    line.put("mean_us", Math.round(s.meanMicros() * 10) / 10.0);
                }
                print(out, line, pretty);
            }
            List<DeployStatus> deployed = new ArrayList<>(c.container().deployStatus());
            deployed.sort(Comparator.comparing(DeployStatus::file));
            for (DeployStatus d : deployed) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("deploy", d.file());
                line.put("bundle", d.symbolicName());
                line.put("version", d.version());
                line.put("state", d.state());
                line.put("error", d.error());
                line.put("serving", d.servingVersion());
                line.put("served_from", d.servedFrom());
                print(out, line, pretty);
            }
        }
        return 0;
    }

    private static void print(PrintStream out, Map<String, Object> line, boolean pretty) throws Exception {
        String json = JSON.writeValueAsString(line);
        out.println(pretty ? PrettyJson.of(json) : json);
    }
}
