package org.osvif.ovsdb;

/** Something went wrong talking to OVSDB; the subclasses say what. */
public class OvsdbException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     * @param cause the cause, or {@code null}
     */
    public OvsdbException(String message, Throwable cause) {
        super(message, cause);
    }
}
