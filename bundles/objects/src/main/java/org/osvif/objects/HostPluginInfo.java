package org.osvif.objects;

import java.util.List;

/**
 * os-vif {@code HostPluginInfo}: A plugin and the VIF classes it supports.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class HostPluginInfo extends VersionedObject {

    /** {@code plugin_name}. */
    public static final Field PLUGIN_NAME = Field.of("plugin_name", FieldKind.STRING);

    /** {@code vif_info}. */
    public static final Field VIF_INFO = Field.objectList("vif_info", "HostVIFInfo");

    /** The schema of {@code HostPluginInfo}. */
    public static final ObjectType<HostPluginInfo> TYPE = ObjectType.builder("HostPluginInfo", "1.0", HostPluginInfo::new)
            .fields(PLUGIN_NAME, VIF_INFO)
            .build();

    HostPluginInfo(ObjectState state) {
        super(state);
    }

    /** @return {@code plugin_name}, its default or {@code null} when unset */
    public String pluginName() {
        return string(PLUGIN_NAME);
    }

    /** @return {@code vif_info}, its default or {@code null} when unset */
    public List<HostVIFInfo> vifInfo() {
        return list(VIF_INFO);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code HostPluginInfo}. */
    public static final class Builder extends VersionedObject.Builder<HostPluginInfo, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code plugin_name}
         * @return this builder
         */
        public Builder pluginName(String value) {
            return set(PLUGIN_NAME, value);
        }

        /**
         * @param value {@code vif_info}
         * @return this builder
         */
        public Builder vifInfo(List<HostVIFInfo> value) {
            return set(VIF_INFO, value);
        }
    }


    /**
     * @param name a VIF class name
     * @return whether the plugin supports it
     */
    public boolean hasVif(String name) {
        return Negotiation.find(vifInfo(), name, HostVIFInfo::vifObjectName) != null;
    }

    /**
     * @param name a VIF class name
     * @return what the plugin supports of it
     * @throws NoMatchingVIFClass if the plugin does not support it
     */
    public HostVIFInfo getVif(String name) {
        HostVIFInfo info = Negotiation.find(vifInfo(), name, HostVIFInfo::vifObjectName);
        if (info == null) {
            throw new NoMatchingVIFClass(name);
        }
        return info;
    }

    /**
     * os-vif's {@code filter_vif_types}.
     *
     * @param permitted VIF class names to keep
     * @return this plugin with only those VIF classes; {@code vif_info} is marked changed
     */
    public HostPluginInfo filterVifTypes(java.util.Collection<String> permitted) {
        List<HostVIFInfo> kept = new java.util.ArrayList<>();
        for (HostVIFInfo v : vifInfo()) {
            if (permitted.contains(v.vifObjectName())) {
                kept.add(v);
            }
        }
        return Negotiation.with(this, VIF_INFO, kept);
    }
}
