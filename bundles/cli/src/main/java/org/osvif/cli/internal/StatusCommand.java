package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.osvif.launcher.Container;
import org.osvif.launcher.DeployStatus;
import org.osvif.launcher.PluginView;

/** {@code osvif status}: one JSON line about the running container; exit 3 when none runs (LSB). */
final class StatusCommand implements Command {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "the running container: pid, uptime, version, plugins, deploy/, last errors (one JSON line)";
    }

    @Override
    public String help() {
        return "usage: osvif status\n\n"
                + "Asks the container running on OSVIF_HOME (over run/osvif.sock) and prints one JSON line:\n"
                + "{\"running\": true, \"pid\", \"home\", \"version\", \"started\", \"uptime_s\",\n"
                + " \"plugins\": [{\"plugin\", \"bundle\", \"version\", \"state\", \"error\"}] (state ACTIVE, or why not:\n"
                + "  FAILED_ACTIVATION, UNSATISFIED_REFERENCE, ... with the error),\n"
                + " \"deploy\": [{\"file\", \"bundle\", \"version\", \"state\", \"error\"}],\n"
                + " \"last_errors\": [{\"time\", \"level\", \"logger\", \"message\"}] (the last 10 warnings or errors),\n"
                + " \"control\": {\"clients\", \"max_clients\", \"timeout_ms\"}}\n\n"
                + "Exit codes (the LSB convention for status): 0 a container runs and answered;\n"
                + "3 no container runs on this home ({\"running\": false, \"home\"}); 1 run/osvif.sock exists but\n"
                + "nothing answers on it within OSVIF_TIMEOUT (a killed or stopped container).\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("status takes no arguments");
        }
        Container c = Embedded.running;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("running", c != null);
        if (c == null) {
            s.put("home", Embedded.home().toAbsolutePath().toString());
            out.println(JSON.writeValueAsString(s));
            return 3;
        }
        s.put("pid", ProcessHandle.current().pid());
        s.put("home", Embedded.home().toAbsolutePath().toString());
        s.put("version", Version.of());
        Instant started = RunCommand.started;
        s.put("started", started == null ? null : started.toString());
        s.put("uptime_s", started == null ? 0 : Duration.between(started, Instant.now()).toSeconds());
        List<Map<String, Object>> plugins = new ArrayList<>();
        for (PluginView p : c.plugins()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("plugin", p.name());
            m.put("bundle", p.bundle());
            m.put("version", p.version());
            m.put("state", p.state());
            m.put("error", p.error());
            plugins.add(m);
        }
        s.put("plugins", plugins);
        List<Map<String, Object>> deploy = new ArrayList<>();
        for (DeployStatus d : c.deployStatus()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", d.file());
            m.put("bundle", d.symbolicName());
            m.put("version", d.version());
            m.put("state", d.state());
            m.put("error", d.error());
            deploy.add(m);
        }
        s.put("deploy", deploy);
        s.put("last_errors", RecentErrors.last());
        ControlSocket sock = RunCommand.socket;
        if (sock != null) {
            s.put("control", sock.limits());
        }
        out.println(JSON.writeValueAsString(s));
        return 0;
    }
}
