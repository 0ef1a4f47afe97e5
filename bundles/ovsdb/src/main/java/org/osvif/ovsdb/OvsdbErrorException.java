package org.osvif.ovsdb;

/**
 * OVSDB answered with an error: a JSON-RPC error, or an operation of a transaction that failed
 * (then nothing of the transaction was applied). Carries OVSDB's {@code error} and
 * {@code details}.
 */
public class OvsdbErrorException extends OvsdbException {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final String details;
    private final int operation;

    /**
     * @param method the JSON-RPC method, e.g. {@code transact}
     * @param error OVSDB's {@code error}, e.g. {@code constraint violation}
     * @param details OVSDB's {@code details}, or {@code null}
     * @param operation the index of the failed operation in the transaction, or -1
     */
    public OvsdbErrorException(String method, String error, String details, int operation) {
        super(method + " failed" + (operation >= 0 ? " at operation " + operation : "") + ": " + error
                + (details == null || details.isEmpty() ? "" : " (" + details + ")"), null);
        this.error = error;
        this.details = details;
        this.operation = operation;
    }

    /** @return OVSDB's {@code error} string, e.g. {@code referential integrity violation} */
    public String error() {
        return error;
    }

    /** @return OVSDB's {@code details}, or {@code null} */
    public String details() {
        return details;
    }

    /** @return the index of the operation that failed, or -1 for a JSON-RPC or commit error */
    public int operation() {
        return operation;
    }
}
