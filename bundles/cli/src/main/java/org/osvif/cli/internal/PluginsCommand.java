package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.osvif.PluginStats;
import org.osvif.launcher.DeployStatus;
import org.osvif.objects.HostPluginInfo;
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
        return "usage: osvif plugins\n\n"
                + "One JSON line per plugin: {\"plugin\", \"vifs\": {class: \"min-max\", ...}, \"plugs\", \"unplugs\",\n"
                + "\"failures\", \"mean_us\"}, then one per jar of deploy/ (in a running container):\n"
                + "{\"deploy\", \"bundle\", \"version\", \"state\", \"error\"}.\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("plugins takes no arguments");
        }
        try (Embedded c = Embedded.start()) {
            Map<String, PluginStats> stats = c.osVif.stats();
            for (HostPluginInfo p : c.osVif.hostInfo().pluginInfo()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("plugin", p.pluginName());
                Map<String, String> vifs = new LinkedHashMap<>();
                for (HostVIFInfo v : p.vifInfo()) {
                    vifs.put(v.vifObjectName(), v.minVersion() + "-" + v.maxVersion());
                }
                line.put("vifs", vifs);
                PluginStats s = stats.get(p.pluginName());
                if (s != null) {
                    line.put("plugs", s.plugs());
                    line.put("unplugs", s.unplugs());
                    line.put("failures", s.failures());
                    line.put("mean_us", Math.round(s.meanMicros() * 10) / 10.0);
                }
                out.println(JSON.writeValueAsString(line));
            }
            for (DeployStatus d : c.container().deployStatus()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("deploy", d.file());
                line.put("bundle", d.symbolicName());
                line.put("version", d.version());
                line.put("state", d.state());
                line.put("error", d.error());
                out.println(JSON.writeValueAsString(line));
            }
        }
        return 0;
    }
}
