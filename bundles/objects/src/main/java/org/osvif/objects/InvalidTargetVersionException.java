package org.osvif.objects;

/** A backlevel was asked for a version above the object's own ({@code InvalidTargetVersion}). */
public class InvalidTargetVersionException extends ObjectException {

    private static final long serialVersionUID = 1L;

    /**
     * @param path the object
     * @param problem the target and the object's version
     */
    public InvalidTargetVersionException(String path, String problem) {
        super(path, problem);
    }
}
