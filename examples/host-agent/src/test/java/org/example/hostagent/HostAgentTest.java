package org.example.hostagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example runs as the README shows it, on the runtime's bundles. */
class HostAgentTest {

    @TempDir
    Path home;

    @Test
    void startsPlugsUnplugsAndStops() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        HostAgent.run(Path.of("../../runtime/bundles").toAbsolutePath().normalize(), home,
                new PrintStream(b, true, StandardCharsets.UTF_8));
        String out = b.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("plugin ADDED: noop (org.osvif.plug.noop")
                .contains("\"plugin_name\":\"noop\"")
                .contains("plugged 9b3f7c1e-0000-4000-8000-000000000001")
                .contains("unplugged 9b3f7c1e-0000-4000-8000-000000000001")
                .endsWith("stopped\n");
    }
}
