package org.osvif.objects;

/** os-vif's {@code NoSupportedPortProfileVersion}: no version of the PortProfile class that we can write is in the peer's range. */
public class NoSupportedPortProfileVersion extends OsVifException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String minVersion;
    private final String maxVersion;

    /**
     * @param name the class
     * @param gotVersions the versions we can write, comma separated
     * @param minVersion the lowest the peer accepts
     * @param maxVersion the highest the peer accepts
     */
    public NoSupportedPortProfileVersion(String name, String gotVersions, String minVersion, String maxVersion) {
        super("PortProfile class " + name + " versions " + gotVersions + " do not satisfy min=" + minVersion
                + " max=" + maxVersion);
        this.name = name;
        this.minVersion = minVersion;
        this.maxVersion = maxVersion;
    }

    /** @return the class */
    public String name() {
        return name;
    }

    /** @return the lowest version the peer accepts */
    public String minVersion() {
        return minVersion;
    }

    /** @return the highest version the peer accepts */
    public String maxVersion() {
        return maxVersion;
    }
}
