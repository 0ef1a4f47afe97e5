package org.osvif.objects;

/** os-vif's {@code NoMatchingVIFClass}: a VIF class the plugin (or this library) does not have. */
public class NoMatchingVIFClass extends OsVifException {

    private static final long serialVersionUID = 1L;

    private final String name;

    /**
     * @param name the name that was not found
     */
    public NoMatchingVIFClass(String name) {
        super(String.format("No VIF class was found with the name %s", name));
        this.name = name;
    }

    /** @return the name that was not found */
    public String name() {
        return name;
    }
}
