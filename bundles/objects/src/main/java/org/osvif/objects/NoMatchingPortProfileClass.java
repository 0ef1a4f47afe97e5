package org.osvif.objects;

/** os-vif's {@code NoMatchingPortProfileClass}: a port profile class the plugin (or this library) does not have. */
public class NoMatchingPortProfileClass extends OsVifException {

    private static final long serialVersionUID = 1L;

    private final String name;

    /**
     * @param name the name that was not found
     */
    public NoMatchingPortProfileClass(String name) {
        super(String.format("No PortProfile class was found with the name %s", name));
        this.name = name;
    }

    /** @return the name that was not found */
    public String name() {
        return name;
    }
}
