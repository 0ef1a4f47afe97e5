package org.osvif.objects;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every os-vif class we implement, by wire name. The set is closed, like os-vif's own registry:
 * os-vif's plugins extend it with port profiles only through os-vif itself.
 */
public final class ObjectRegistry {

    private static final Map<String, ObjectType<?>> TYPES;

    static {
        Map<String, ObjectType<?>> m = new TreeMap<>();
        for (ObjectType<?> t : new ObjectType<?>[] {
            DatapathOffloadBase.TYPE,
            DatapathOffloadRepresentor.TYPE,
            FixedIP.TYPE,
            FixedIPList.TYPE,
            Route.TYPE,
            RouteList.TYPE,
            Subnet.TYPE,
            SubnetList.TYPE,
            Network.TYPE,
            InstanceInfo.TYPE,
            HostPortProfileInfo.TYPE,
            HostVIFInfo.TYPE,
            HostPluginInfo.TYPE,
            HostInfo.TYPE,
            VIFBase.TYPE,
            VIFGeneric.TYPE,
            VIFBridge.TYPE,
            VIFOpenVSwitch.TYPE,
            VIFDirect.TYPE,
            VIFVHostUser.TYPE,
            VIFHostDevice.TYPE,
            VIFNestedDPDK.TYPE,
            VIFPortProfileBase.TYPE,
            VIFPortProfileOpenVSwitch.TYPE,
            VIFPortProfileFPOpenVSwitch.TYPE,
            VIFPortProfileOVSRepresentor.TYPE,
            VIFPortProfileFPBridge.TYPE,
            VIFPortProfileFPTap.TYPE,
            VIFPortProfile8021Qbg.TYPE,
            VIFPortProfile8021Qbh.TYPE,
            VIFPortProfileK8sDPDK.TYPE
        }) {
            m.put(t.name(), t);
        }
        TYPES = Collections.unmodifiableMap(m);
    }

    private ObjectRegistry() {
    }

    /**
     * @param name a class name, e.g. {@code VIFOpenVSwitch}
     * @return its schema, or {@code null} if os-vif has no such class
     */
    public static ObjectType<?> type(String name) {
        return TYPES.get(name);
    }

    /** @return every class, sorted by name */
    public static Map<String, ObjectType<?>> types() {
        return TYPES;
    }
}
