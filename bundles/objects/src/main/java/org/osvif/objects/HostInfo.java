package org.osvif.objects;

import java.util.List;

/**
 * os-vif {@code HostInfo}: What the plugins of a host support: the object a compute service advertises so its peers can write VIFs it understands.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class HostInfo extends VersionedObject {

    /** {@code plugin_info}. */
    public static final Field PLUGIN_INFO = Field.objectList("plugin_info", "HostPluginInfo");

    /** The schema of {@code HostInfo}. */
    public static final ObjectType<HostInfo> TYPE = ObjectType.builder("HostInfo", "1.0", HostInfo::new)
            .fields(PLUGIN_INFO)
            .build();

    HostInfo(ObjectState state) {
        super(state);
    }

    /** @return {@code plugin_info}, its default or {@code null} when unset */
    public List<HostPluginInfo> pluginInfo() {
        return list(PLUGIN_INFO);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code HostInfo}. */
    public static final class Builder extends VersionedObject.Builder<HostInfo, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code plugin_info}
         * @return this builder
         */
        public Builder pluginInfo(List<HostPluginInfo> value) {
            return set(PLUGIN_INFO, value);
        }
    }


    /**
     * @param name a plugin name
     * @return whether the host has it
     */
    public boolean hasPlugin(String name) {
        return Negotiation.find(pluginInfo(), name, HostPluginInfo::pluginName) != null;
    }

    /**
     * @param name a plugin name
     * @return what that plugin supports
     * @throws NoMatchingPlugin if the host has no such plugin
     */
    public HostPluginInfo getPlugin(String name) {
        HostPluginInfo info = Negotiation.find(pluginInfo(), name, HostPluginInfo::pluginName);
        if (info == null) {
            throw new NoMatchingPlugin(name);
        }
        return info;
    }

    /**
     * os-vif's {@code filter_vif_types}: keeps only permitted VIF classes and drops plugins left with none.
     *
     * @param permitted VIF class names to keep
     * @return the filtered host info; changed fields marked as Python marks them
     */
    public HostInfo filterVifTypes(java.util.Collection<String> permitted) {
        List<HostPluginInfo> kept = new java.util.ArrayList<>();
        for (HostPluginInfo p : pluginInfo()) {
            HostPluginInfo filtered = p.filterVifTypes(permitted);
            if (!filtered.vifInfo().isEmpty()) {
                kept.add(filtered);
            }
        }
        return Negotiation.with(this, PLUGIN_INFO, kept);
    }
}
