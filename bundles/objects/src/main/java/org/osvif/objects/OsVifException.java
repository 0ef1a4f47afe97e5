package org.osvif.objects;

/** The root of every error os-vif raises; the name a caller sees is the concrete class's. */
public class OsVifException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, for an operator
     */
    public OsVifException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for an operator
     * @param cause the underlying failure
     */
    public OsVifException(String message, Throwable cause) {
        super(message, cause);
    }
}
