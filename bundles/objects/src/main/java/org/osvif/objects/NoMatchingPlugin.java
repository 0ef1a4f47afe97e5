package org.osvif.objects;

/** os-vif's {@code NoMatchingPlugin}: a plugin name the host does not have. */
public class NoMatchingPlugin extends OsVifException {

    private static final long serialVersionUID = 1L;

    private final String name;

    /**
     * @param name the name that was not found
     */
    public NoMatchingPlugin(String name) {
        super(String.format("No VIF plugin was found with the name %s", name));
        this.name = name;
    }

    /** @return the name that was not found */
    public String name() {
        return name;
    }
}
