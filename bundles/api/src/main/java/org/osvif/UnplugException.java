package org.osvif;

import org.osvif.objects.OsVifException;

/** os-vif's {@code UnplugException}: the plugin failed to unplug the VIF; the cause is the plugin's error. */
public class UnplugException extends OsVifException {

    private static final long serialVersionUID = 1L;

    private final String plugin;
    private final String vifId;

    /**
     * @param plugin the plugin's name
     * @param vif what was being unplugged: class, version and id
     * @param vifId the VIF's id
     * @param cause the plugin's error
     */
    public UnplugException(String plugin, String vif, String vifId, Throwable cause) {
        super("Failed to unplug VIF " + vif + " with plugin " + plugin + ". Got error: " + cause, cause);
        this.plugin = plugin;
        this.vifId = vifId;
    }

    /** @return the plugin's name */
    public String plugin() {
        return plugin;
    }

    /** @return the VIF's id */
    public String vifId() {
        return vifId;
    }
}
