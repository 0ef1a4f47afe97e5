package org.osvif.ovsdb;

/**
 * The connection failed or was lost while a call was in flight. A transaction in flight may or
 * may not have been applied: the client resynchronizes its replica on reconnect, and the caller
 * must look there before trying again.
 */
public class OvsdbConnectionException extends OvsdbException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the I/O error, or {@code null}
     */
    public OvsdbConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
