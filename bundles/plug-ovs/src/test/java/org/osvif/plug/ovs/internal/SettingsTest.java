package org.osvif.plug.ovs.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

class SettingsTest {

    static OvsConfig config(String iface, String qos) {
        return new OvsConfig() {
            public Class<? extends Annotation> annotationType() { return OvsConfig.class; }
            public int network__device__mtu() { return 1500; }
            public int ovs__vsctl__timeout() { return 120; }
            public String ovsdb__connection() { return "tcp:127.0.0.1:6640"; }
            public String ovsdb__interface() { return iface; }
            public boolean isolate__vif() { return false; }
            public boolean per__port__bridge() { return false; }
            public String default__qos__type() { return qos; }
            public boolean wait__for__vswitchd() { return true; }
            public int batch__max() { return 256; }
        };
    }

    @Test
    void onlyTheNativeInterfaceIsAccepted() {
        Settings.of(config("native", ""));
        assertThatThrownBy(() -> Settings.of(config("vsctl", ""))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ovsdb_interface 'vsctl' is not supported; only 'native'");
        assertThatThrownBy(() -> Settings.of(config("native", "linux-bogus"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default_qos_type 'linux-bogus'");
    }
}
