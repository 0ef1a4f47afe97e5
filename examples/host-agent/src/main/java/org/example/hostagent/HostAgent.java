package org.example.hostagent;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.osvif.OsVif;
import org.osvif.launcher.Container;
import org.osvif.objects.HostInfo;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.Primitives;
import org.osvif.objects.VIFVHostUser;

/**
 * A host agent that embeds the osvif container: starts it in-process with a home and
 * configuration of its own, listens to plugin changes, plugs and unplugs a VIF through the
 * {@link OsVif} service, and stops it.
 *
 * <pre>
 * java -cp 'runtime/lib/*:examples/host-agent/target/example-host-agent-0.1.0-SNAPSHOT.jar' \
 *     org.example.hostagent.HostAgent runtime/bundles /tmp/agent-home
 * </pre>
 */
public final class HostAgent {

    private HostAgent() {
    }

    /**
     * @param args the runtime's bundle folder, and the agent's osvif home
     * @throws Exception if the container fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: HostAgent BUNDLES_DIR HOME_DIR");
            System.exit(2);
        }
        run(Path.of(args[0]), Path.of(args[1]), System.out);
    }

    /**
     * @param bundles the runtime's bundles (core and plugins)
     * @param home the agent's own osvif home: etc/, deploy/, data/
     * @param out where the agent reports
     * @throws Exception if the container fails
     */
    public static void run(Path bundles, Path home, PrintStream out) throws Exception {
        Files.createDirectories(home.resolve("etc"));
        try (Container container = Container.options(home)
                .bundles(bundles)
                .etc(home.resolve("etc"))                       // <pid>.cfg / <pid>.json files
                .set("org.osvif.core", "plugin_wait_ms", "2000") // or a value from the agent's own config
                .deploy(home.resolve("deploy"))                 // vendor plugins, watched
                .start();
                AutoCloseable events = container.onPluginChange(e ->
                        out.println("plugin " + e.kind() + ": " + e.plugin() + " (" + e.bundle() + " " + e.version() + ")"))) {
            OsVif osVif = container.osVif(Duration.ofSeconds(10));
            HostInfo host = osVif.hostInfo();
            out.println("host info: " + Primitives.toJson(host));

            VIFVHostUser vif = VIFVHostUser.builder()
                    .id("9b3f7c1e-0000-4000-8000-000000000001").plugin("noop")
                    .vifName("vhu-example").path("/run/vhu-example.sock").mode("server").build();
            InstanceInfo instance = InstanceInfo.builder()
                    .uuid("9b3f7c1e-0000-4000-8000-0000000000ff").name("example-vm").projectId("demo").build();
            osVif.plug(vif, instance);
            out.println("plugged " + vif.id());
            osVif.unplug(vif, instance);
            out.println("unplugged " + vif.id());
        }
        out.println("stopped");
    }
}
