package org.osvif.cli.internal;

/**
 * The command needs a running container and none runs under OSVIF_HOME: exit 3, as {@code status}
 * does (the LSB's "not running").
 */
final class NoContainer extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NoContainer(String command) {
        super(command + ": no container runs under " + Embedded.home().toAbsolutePath()
                + " (no answer on " + ControlSocket.path() + "); start one with osvif run");
    }
}
