/**
 * The behaviour suite's test support, not a library: the databases each test gets (a new PostgreSQL
 * database or SQLite file), the dialects as values, child processes (writers, upgrades) and the private
 * servers tests stop, promote or put behind PgBouncer ({@link io.stratum.it.PrivateCluster},
 * {@link io.stratum.it.PrimaryStandbyPair}, {@link io.stratum.it.PgBouncer}), all on loopback addresses.
 */
package io.stratum.it;
