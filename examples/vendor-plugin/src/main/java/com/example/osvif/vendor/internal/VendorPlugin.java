package com.example.osvif.vendor.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osvif.objects.HostPluginInfo;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.Primitives;
import org.osvif.objects.VIFBase;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;

/**
 * A vendor's plugin, as small as a real one gets: its "back end" is a folder where a plugged VIF
 * is a file named after its id holding the VIF's primitive, so a test (or a curious operator)
 * can see what was plugged. What it advertises differs between 1.0.0 and 1.1.0 ({@link Advertised}).
 * Configured by {@code etc/com.example.osvif.vendor.cfg} ({@code state_dir}).
 */
@Component(configurationPid = VendorPlugin.PID)
@Designate(ocd = VendorPlugin.Config.class)
@PluginName(VendorPlugin.NAME)
public final class VendorPlugin implements VifPlugin {

    static final String NAME = "vendor_example";
    static final String PID = "com.example.osvif.vendor";

    /** The plugin's configuration. */
    @ObjectClassDefinition(name = "Example vendor plugin")
    public @interface Config {
        /** @return where plugged VIFs are recorded */
        @AttributeDefinition(description = "folder where each plugged VIF is a file named after its id")
        String state_dir() default "/var/lib/osvif-vendor-example";
    }

    private final Path stateDir;

    /**
     * @param config the configuration
     * @throws IOException if the state folder cannot be created
     */
    @Activate
    public VendorPlugin(Config config) throws IOException {
        this.stateDir = Files.createDirectories(Path.of(config.state_dir()));
    }

    @Override
    public HostPluginInfo describe() {
        return Advertised.DESCRIPTION;
    }

    @Override
    public void plug(VIFBase vif, InstanceInfo instanceInfo) throws IOException {
        // Write beside and rename: a crash never leaves half a record.
        Path tmp = stateDir.resolve("." + vif.id() + ".tmp");
        Files.writeString(tmp, Primitives.toJson(vif), StandardCharsets.UTF_8);
        Files.move(tmp, stateDir.resolve(vif.id()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void unplug(VIFBase vif, InstanceInfo instanceInfo) throws IOException {
        Files.deleteIfExists(stateDir.resolve(vif.id()));
    }
}
