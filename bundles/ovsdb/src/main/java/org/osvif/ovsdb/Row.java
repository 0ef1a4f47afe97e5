package org.osvif.ovsdb;

import java.util.Map;
import java.util.Set;

/**
 * One row of the replica, immutable. Values are decoded by the column's schema type: an atom
 * ({@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@link Uuid}), an unmodifiable
 * {@code Set} for set columns (optional columns included, so an unset optional is an empty set)
 * and an unmodifiable {@code Map} for map columns.
 *
 * @param uuid the row's {@code _uuid}
 * @param columns every monitored column's value
 */
public record Row(Uuid uuid, Map<String, Object> columns) {

    /**
     * @param column a column
     * @return its value
     */
    public Object get(String column) {
        return columns.get(column);
    }

    /**
     * @param column a string column
     * @return its value
     */
    public String string(String column) {
        Object v = columns.get(column);
        return v instanceof String s ? s : null;
    }

    /**
     * @param column a set column
     * @return its value (empty if unset)
     */
    @SuppressWarnings("unchecked")
    public Set<Object> set(String column) {
        Object v = columns.get(column);
        return v instanceof Set ? (Set<Object>) v : Set.of();
    }

    /**
     * @param column a map column
     * @return its value (empty if unset)
     */
    @SuppressWarnings("unchecked")
    public Map<Object, Object> map(String column) {
        Object v = columns.get(column);
        return v instanceof Map ? (Map<Object, Object>) v : Map.of();
    }
}
