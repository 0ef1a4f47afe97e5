package org.osvif.ovsdb;

/**
 * No reply within the call's timeout. A transaction may still have been applied: the caller
 * must look (the replica) before trying again.
 */
public class OvsdbTimeoutException extends OvsdbException {

    private static final long serialVersionUID = 1L;

    /** @param message what timed out, and after how long */
    public OvsdbTimeoutException(String message) {
        super(message, null);
    }
}
