package org.osvif.ovsdb;

import java.util.Objects;

/**
 * A reference to a row inserted earlier in the same transaction (the {@code ["named-uuid", "..."]}
 * atom), named by the insert's {@code uuid-name}.
 *
 * @param name the insert's {@code uuid-name}
 */
public record NamedUuid(String name) {

    /** @param name an identifier: a letter or underscore, then letters, digits, underscores */
    public NamedUuid {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not an OVSDB id: '" + name + "'");
        }
    }
}
