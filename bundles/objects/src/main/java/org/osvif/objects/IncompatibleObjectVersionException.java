package org.osvif.objects;

/** A primitive carries a version of its class that we cannot read ({@code IncompatibleObjectVersion}). */
public class IncompatibleObjectVersionException extends ObjectException {

    private static final long serialVersionUID = 1L;

    /**
     * @param path where the object was found
     * @param problem the version read and the version known
     */
    public IncompatibleObjectVersionException(String path, String problem) {
        super(path, problem);
    }
}
