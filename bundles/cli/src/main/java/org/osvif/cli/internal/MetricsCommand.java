package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** {@code osvif metrics}: the running container's metrics, Prometheus text format 0.0.4. */
final class MetricsCommand implements Command {

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public String summary() {
        return "print the running container's metrics (Prometheus text format 0.0.4)";
    }

    @Override
    public String help() {
        return "usage: osvif metrics\n\n"
                + "Prints the metrics of the container that osvif run runs under OSVIF_HOME, in the Prometheus\n"
                + "text exposition format 0.0.4: osvif_plugs_total and osvif_unplugs_total {plugin, result},\n"
                + "osvif_plug_duration_seconds {plugin} and osvif_plug_phase_seconds {plugin, phase} histograms,\n"
                + "osvif_plugin_info {plugin, bundle, version, state}, osvif_deploy_events_total {event},\n"
                + "osvif_container_start_time_seconds. Exit 3 when no container runs (a one-shot container has\n"
                + "nothing to count). metrics_listen = 127.0.0.1:PORT in etc/org.osvif.runtime.cfg serves the\n"
                + "same at GET /metrics; see docs/observability.md.\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("metrics takes no arguments");
        }
        Metrics m = Metrics.active;
        if (m == null) {
            throw new NoContainer("metrics");
        }
        m.write(out);
        out.flush();
        return 0;
    }
}
