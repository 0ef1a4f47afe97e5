package org.osvif.objects;

/** A primitive names a class or namespace that os-vif does not have ({@code UnsupportedObjectError}). */
public class UnsupportedObjectException extends ObjectException {

    private static final long serialVersionUID = 1L;

    /**
     * @param path where the object was found
     * @param problem which class or namespace
     */
    public UnsupportedObjectException(String path, String problem) {
        super(path, problem);
    }
}
