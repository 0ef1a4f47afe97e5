package org.osvif.plug.ovs.internal;

import java.util.List;
import java.util.Map;

/**
 * Everything one VIF's port is in OVSDB, computed once from the VIF and the configuration
 * (os-vif's {@code _create_vif_port} + {@code create_ovs_vif_port} arguments): what
 * {@link Txn#addVifPort} adds, and what an undo or an unplug removes.
 *
 * @param bridge the bridge the port goes on
 * @param dev the port's (and interface's) name
 * @param bridges the bridges to make first ({@code add_br may_exist}), in order
 * @param interfaceColumns the Interface's columns ({@code external_ids}, {@code type},
 *        {@code options}, {@code mtu_request}); map columns merge into what exists
 * @param isolate whether the port gets the dead VLAN tag ({@code isolate_vif})
 * @param qosType the QoS row's type for a new port, or null for none
 * @param patch the patch-port pair of a per-port bridge, or null
 */
record PortSpec(String bridge, String dev, List<BridgeSpec> bridges, Map<String, Object> interfaceColumns,
        boolean isolate, String qosType, PatchPair patch) {

    /**
     * A bridge to make if missing.
     *
     * @param name its name
     * @param datapathType its datapath type, or null to leave it
     */
    record BridgeSpec(String name, String datapathType) {
    }

    /**
     * os-vif's {@code create_patch_port_pair} between the integration bridge and a per-port bridge.
     *
     * @param intBridge the integration bridge
     * @param intPort its patch port ({@code ibp...})
     * @param portBridge the per-port bridge
     * @param portPort its patch port ({@code pbp...})
     * @param externalIds the integration side's {@code external_ids}
     */
    record PatchPair(String intBridge, String intPort, String portBridge, String portPort,
            Map<String, Object> externalIds) {
    }
}
