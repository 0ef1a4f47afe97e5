package org.osvif.launcher;

/**
 * A configuration value the container refuses: the message is one line naming the file (or
 * {@code --set}), the key, the value and what is accepted. The command line exits 2 on it.
 */
public class ConfigurationException extends ContainerException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the file or --set, key, value and what is accepted
     */
    public ConfigurationException(String message) {
        super(message);
    }
}
