package org.osvif.ovsdb;

import java.util.Objects;

/**
 * An OVSDB row UUID (the {@code ["uuid", "..."]} atom).
 *
 * @param value the UUID's text, lower case
 */
public record Uuid(String value) {

    /** @param value the UUID's text */
    public Uuid {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
