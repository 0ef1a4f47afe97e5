package org.osvif.launcher;

import org.osvif.objects.OsVifException;

/** The container could not start, or stop, or did not offer its service in time. */
public class ContainerException extends OsVifException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause why
     */
    public ContainerException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what failed
     */
    public ContainerException(String message) {
        super(message);
    }
}
