package org.osvif;

import org.osvif.objects.OsVifException;

/** os-vif's {@code PlugException}: the plugin failed to plug the VIF; the cause is the plugin's error. */
public class PlugException extends OsVifException {

    private static final long serialVersionUID = 1L;

    private final String plugin;
    private final String vifId;

    /**
     * @param plugin the plugin's name
     * @param vif what was being plugged: class, version and id
     * @param vifId the VIF's id
     * @param cause the plugin's error
     */
    public PlugException(String plugin, String vif, String vifId, Throwable cause) {
        super("Failed to plug VIF " + vif + " with plugin " + plugin + ". Got error: " + cause, cause);
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
