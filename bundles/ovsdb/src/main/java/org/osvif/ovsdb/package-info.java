/**
 * An RFC 7047 OVSDB client ({@link org.osvif.ovsdb.OvsdbClient}): pipelined {@code transact}
 * calls built with {@link org.osvif.ovsdb.Op}, a local {@link org.osvif.ovsdb.Replica} of the
 * monitored tables kept by {@code monitor_cond}, reconnect with a full resync, per-call timeouts
 * and typed errors ({@link org.osvif.ovsdb.OvsdbException} and its subclasses).
 */
@Export
@Version("1.1.0")
package org.osvif.ovsdb;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
