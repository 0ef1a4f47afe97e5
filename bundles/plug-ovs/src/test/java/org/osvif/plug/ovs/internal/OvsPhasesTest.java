package org.osvif.plug.ovs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osvif.netlink.Netlink;
import org.osvif.objects.VIFBase;
import org.osvif.plugin.PlugPhases;
import org.osvif.testsupport.OvsSandbox;

/**
 * A single plug or unplug reports where its time went on the calling thread ({@link PlugPhases}),
 * where the core collects it for the metrics; a re-plug that sends nothing has no OVSDB phase.
 * Against a real ovsdb-server and ovs-vswitchd in a namespace of the test's own.
 */
class OvsPhasesTest {

    @Test
    void aSingleCallReportsItsPhasesOnTheCallingThread() throws Exception {
        try (OvsSandbox sandbox = OvsSandbox.start(true); Netlink nl = Netlink.open(sandbox.netns)) {
            OvsPlugin plugin = new OvsPlugin(new Settings(1500, Duration.ofSeconds(20), sandbox.db, false, false, null),
                    new NetlinkLinuxNet(nl), new PciSysfs(Path.of("/nonexistent-sys")));
            try {
                plugin.client().await(Duration.ofSeconds(20));
                VIFBase vif = OvsBatchTest.ovs(1);

                PlugPhases.Scope scope = PlugPhases.open();
                plugin.plug(vif, OvsInteropTest.INSTANCE);
                Map<String, Long> plugged = scope.close();
                assertThat(plugged).containsKeys("build", "commit", "wait", "linux");
                assertThat(plugged.get("commit")).isPositive();
                assertThat(plugged.get("wait")).isPositive();

                scope = PlugPhases.open();
                plugin.plug(vif, OvsInteropTest.INSTANCE); // unchanged: nothing is sent
                Map<String, Long> again = scope.close();
                assertThat(again.getOrDefault("commit", 0L)).isZero();

                scope = PlugPhases.open();
                plugin.unplug(vif, OvsInteropTest.INSTANCE);
                assertThat(scope.close().get("commit")).isPositive();
            } finally {
                plugin.close();
            }
        }
    }
}
