package org.osvif.cli.internal;

/** Bad command-line usage or input: one {@code error:} line and exit 2. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
