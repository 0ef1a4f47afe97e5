package org.osvif.objects;

/**
 * An object, a primitive or a conversion of one is not acceptable. Carries the path of the
 * offending field ({@code VIFOpenVSwitch.network.subnets.objects[0].cidr}) so that a caller can
 * say exactly what to fix; the message starts with that path.
 */
public class ObjectException extends OsVifException {

    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param path the offending field's path, or the class name when the whole object is at fault
     * @param problem what is wrong with it
     */
    public ObjectException(String path, String problem) {
        super(path == null || path.isEmpty() ? problem : path + ": " + problem);
        this.path = path == null ? "" : path;
    }

    /** @return the path of the offending field, e.g. {@code VIFOpenVSwitch.address} */
    public String path() {
        return path;
    }
}
