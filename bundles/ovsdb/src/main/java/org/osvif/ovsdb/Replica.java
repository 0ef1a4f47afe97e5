package org.osvif.ovsdb;

import java.util.Collection;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The client's copy of the monitored tables, kept current by the server's {@code update2}
 * notifications. OVSDB sends a transaction's updates before its reply, so when
 * {@link OvsdbClient#transact} returns the replica already shows the transaction. Each row is an
 * immutable snapshot; a table may change between two calls.
 */
@ProviderType
public interface Replica {

    /**
     * @param table a monitored table
     * @return its rows now
     */
    Collection<Row> rows(String table);

    /**
     * @param table a monitored table
     * @param uuid a row's UUID
     * @return the row, if present
     */
    Optional<Row> row(String table, Uuid uuid);

    /**
     * @param table a monitored table with a {@code name} column
     * @param name a name
     * @return the row of that name, if present (by an index, not a scan)
     */
    Optional<Row> byName(String table, String name);

    /** @return how many times the replica was (re)built from a fresh connection, 1 after the first */
    long generation();
}
