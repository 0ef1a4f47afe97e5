package org.osvif.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osvif.testsupport.JsonAssert;

/** Bad input gets a typed error naming the field, never another exception, a hang or unbounded memory. */
class BadInputTest {

    static final String VIF = JsonAssert.lines("vif_ovs_full.json").get(0);

    static ObjectException reject(String json) {
        try {
            Primitives.fromJson(json);
        } catch (ObjectException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json.substring(0, Math.min(200, json.length())));
    }

    @Test
    void truncatedJsonAtEveryLengthIsAnObjectException() {
        for (int n = 0; n < VIF.length(); n += 7) {
            ObjectException e = reject(VIF.substring(0, n));
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"address\": \"ca:fe:de:ad:be:ef\"|\"address\": \"zz:fe:de:ad:be:ef\"|VIFOpenVSwitch.address|not a MAC address",
        "\"id\": \"00000000-0000-0000-0000-000000000003\"|\"id\": \"not-a-uuid\"|VIFOpenVSwitch.id|not a UUID",
        "\"gateway\": \"192.168.1.1\"|\"gateway\": \"192.168.1.300\"|VIFOpenVSwitch.network.subnets.objects[0].gateway|not an IP address",
        "\"cidr\": \"192.168.1.0/24\"|\"cidr\": \"192.168.1.0/33\"|VIFOpenVSwitch.network.subnets.objects[0].cidr|not an IP network",
        "\"address\": \"192.168.1.3\"|\"address\": \"::g\"|VIFOpenVSwitch.network.subnets.objects[0].ips.objects[1].address|not an IP address",
        "\"mtu\": 1450|\"mtu\": \"1450\"|VIFOpenVSwitch.network.mtu|expected an integer",
        "\"active\": true|\"active\": \"yes\"|VIFOpenVSwitch.active|expected a boolean",
        "\"vif_name\": \"tap12345678-9a\"|\"vif_name\": 5|VIFOpenVSwitch.vif_name|expected a string",
        "\"vif_name\": \"tap12345678-9a\"|\"vif_nam\": \"x\"|VIFOpenVSwitch|unknown field 'vif_nam'",
        "\"plugin\": \"ovs\"|\"plugin\": null|VIFOpenVSwitch.plugin|cannot be None",
        "\"mtu\": 1450|\"mtu\": 123456789012345678901234567890|VIFOpenVSwitch.network.mtu|",
        "\"representor_address\": \"0000:02:00.1\"|\"representor_address\": [1]|VIFOpenVSwitch.port_profile.datapath_offload.representor_address|expected a string",
        "\"versioned_object.name\": \"Network\"|\"versioned_object.name\": \"Networx\"|VIFOpenVSwitch.network|unsupported object type Networx",
        "\"versioned_object.name\": \"Network\"|\"versioned_object.name\": \"Subnet\"|VIFOpenVSwitch.network|version 1.1 of Subnet",
        "\"versioned_object.name\": \"FixedIP\"|\"versioned_object.name\": \"Route\"|VIFOpenVSwitch.network.subnets.objects[0].ips.objects[0]|a FixedIP object is required, not a Route",
        "\"versioned_object.version\": \"1.1\"|\"versioned_object.version\": \"2.0\"|VIFOpenVSwitch.network|version 2.0 of Network is not supported",
        "\"versioned_object.version\": \"1.1\"|\"versioned_object.version\": \"1.9\"|VIFOpenVSwitch.network|version 1.9 of Network",
        "\"dns\": [\"8.8.8.8\", \"8.8.4.4\"]|\"dns\": \"8.8.8.8\"|VIFOpenVSwitch.network.subnets.objects[0].dns|expected an IP address",
    })
    void aBadFieldIsNamedByItsPath(String good, String bad, String path, String message) {
        assertThat(VIF).contains(good);
        ObjectException e = reject(VIF.replaceFirst(java.util.regex.Pattern.quote(good), java.util.regex.Matcher.quoteReplacement(bad)));
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.getMessage()).startsWith(path + ": ").contains(message == null ? "" : message);
    }

    @Test
    void anEnumValueOutOfRangeIsRefused() {
        String direct = "{\"versioned_object.name\": \"VIFDirect\", \"versioned_object.namespace\": \"os_vif\", "
                + "\"versioned_object.version\": \"1.0\", \"versioned_object.data\": {\"mode\": \"sideways\"}}";
        ObjectException e = reject(direct);
        assertThat(e.path()).isEqualTo("VIFDirect.mode");
        assertThat(e.getMessage()).contains("one of [vepa, passthrough, bridge]");
    }

    @Test
    void anUnknownNamespaceOrClassIsUnsupported() {
        assertThatThrownBy(() -> Primitives.fromJson(VIF.replaceFirst("\"os_vif\"", "\"nova\"")))
                .isInstanceOf(UnsupportedObjectException.class).hasMessageContaining("nova.VIFOpenVSwitch");
        assertThatThrownBy(() -> Primitives.fromJson(VIF.replaceFirst("VIFOpenVSwitch", "VIFQuantum")))
                .isInstanceOf(UnsupportedObjectException.class);
        assertThatThrownBy(() -> Primitives.fromJson(VIF.replaceFirst("\"1.0\"", "\"3.0\"")))
                .isInstanceOf(IncompatibleObjectVersionException.class);
    }

    @Test
    void nesting100000DeepIsRefusedQuickly() {
        char[] open = new char[100_000];
        Arrays.fill(open, '[');
        String deep = "{\"versioned_object.name\": \"FixedIP\", \"versioned_object.namespace\": \"os_vif\", "
                + "\"versioned_object.version\": \"1.0\", \"versioned_object.data\": {\"floating_ips\": "
                + new String(open) + "}}";
        assertThat(reject(deep).getMessage()).contains("FixedIP.floating_ips");
        String deepObjects = "{\"a\":".repeat(100_000);
        assertThat(reject(deepObjects).getMessage()).isNotBlank();
        String deepData = "{\"versioned_object.data\": " + "{\"x\": ".repeat(100_000);
        assertThat(reject(deepData).getMessage()).containsAnyOf("limit", "nesting", "depth");
    }

    @Test
    void a50MegabyteStringIsRefusedWithoutBeingKept() {
        byte[] prefix = ("{\"versioned_object.name\": \"InstanceInfo\", \"versioned_object.namespace\": \"os_vif\", "
                + "\"versioned_object.version\": \"1.0\", \"versioned_object.data\": {\"name\": \"").getBytes(StandardCharsets.UTF_8);
        byte[] doc = Arrays.copyOf(prefix, prefix.length + 50_000_000 + 3);
        Arrays.fill(doc, prefix.length, doc.length - 3, (byte) 'a');
        doc[doc.length - 3] = '"';
        doc[doc.length - 2] = '}';
        doc[doc.length - 1] = '}';
        assertThatThrownBy(() -> Primitives.fromJson(doc)).isInstanceOf(ObjectException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void trailingDataAndNonObjectsAreRefused() {
        assertThat(reject(VIF + " {}").getMessage()).contains("after the object");
        assertThat(reject("[]").getMessage()).contains("expected a JSON object");
        assertThat(reject("").getMessage()).isNotBlank();
        assertThat(reject("{\"versioned_object.name\": \"VIFBase\"}").getMessage()).contains("missing");
    }

    @Test
    void dataBeforeTheClassNameIsStillRead() {
        String reordered = "{\"versioned_object.data\": {\"uuid\": \"00000000-0000-0000-0000-000000000009\"}, "
                + "\"versioned_object.version\": \"1.0\", \"versioned_object.namespace\": \"os_vif\", "
                + "\"versioned_object.name\": \"InstanceInfo\", \"versioned_object.changes\": [\"uuid\"]}";
        InstanceInfo info = (InstanceInfo) Primitives.fromJson(reordered);
        assertThat(info.uuid()).isEqualTo("00000000-0000-0000-0000-000000000009");
        assertThat(info.whatChanged()).containsExactly("uuid");
    }

    @Test
    void nullForAFieldWithADefaultIsTheDefaultAsInOslo() {
        VIFOpenVSwitch v = (VIFOpenVSwitch) Primitives.fromJson(VIF.replace("\"active\": true", "\"active\": null"));
        assertThat(v.active()).isTrue();
    }
}
