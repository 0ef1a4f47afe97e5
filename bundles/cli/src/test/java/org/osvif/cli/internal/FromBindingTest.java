package org.osvif.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** The command-line contract of {@code osvif objects from-binding}. */
class FromBindingTest {

    static final String OVS = "{\"id\": \"00000000-0000-0000-0000-000000000009\", \"address\": \"fa:16:3e:00:00:09\", "
            + "\"type\": \"ovs\", \"details\": {\"port_filter\": true, \"ovs_hybrid_plug\": false}, "
            + "\"network\": {\"id\": \"00000000-0000-0000-0000-000000000001\", \"bridge\": \"br-int\", "
            + "\"label\": \"private\", \"subnets\": [], \"meta\": {\"mtu\": 1450}}, \"active\": true}";

    @Test
    void convertsAnOvsBindingToVifOpenVSwitch() throws Exception {
        CliRun r = CliRun.of(OVS + "\n", "objects", "from-binding");
        assertThat(r.exit).as(r.err).isZero();
        JsonNode vif = new ObjectMapper().readTree(r.out);
        assertThat(vif.get("versioned_object.name").asText()).isEqualTo("VIFOpenVSwitch");
        assertThat(vif.at("/versioned_object.data/vif_name").asText()).isEqualTo("nic00000000-00");
        assertThat(vif.at("/versioned_object.data/has_traffic_filtering").asBoolean()).isTrue();
        assertThat(vif.at("/versioned_object.data/network/versioned_object.data/mtu").asInt()).isEqualTo(1450);
        assertThat(vif.at("/versioned_object.data/port_profile/versioned_object.version").asText()).isEqualTo("1.3");
    }

    @Test
    void aTypeNovaDoesNotConvertIsExitTwoNamingTypeAndPort() {
        CliRun r = CliRun.of(OVS + "\n" + OVS.replace("\"ovs\"", "\"binding_failed\"") + "\n", "objects", "from-binding", "-");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err.strip()).startsWith("error: line 2: vif.type: ").contains("binding_failed")
                .contains("00000000-0000-0000-0000-000000000009");
    }

    @Test
    void aBadMacNamesTheField() {
        CliRun r = CliRun.of(OVS.replace("fa:16:3e:00:00:09", "fa:16:3e:00:00:zz"), "objects", "from-binding");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).startsWith("error: line 1: vif.address: 'fa:16:3e:00:00:zz' is not a MAC address");
    }
}
