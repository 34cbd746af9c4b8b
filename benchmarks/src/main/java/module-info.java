/**
 * Stratum's hot paths measured against hand-written JDBC doing the same statements in the same process,
 * on PostgreSQL and SQLite. An application, not a library: it exports nothing. Run it with
 * {@code benchmarks/run}; it writes {@code docs/benchmarks.md} and its chart.
 */
module io.stratum.benchmarks {
    requires io.stratum.api;
    requires io.stratum.orm;
    requires io.stratum.migrations;
    requires java.sql;
    // The chart is drawn with Java2D and written with ImageIO, headless.
    requires java.desktop;
    requires java.management;
    // Process CPU time (com.sun.management.OperatingSystemMXBean) for the lifecycle's CPU per run.
    requires jdk.management;
    // PostgreSQL COPY, the ingestion limit, is the driver's own API.
    requires org.postgresql.jdbc;
    requires org.xerial.sqlitejdbc;
    // The run lifecycle's peer, db-scheduler: an automatic module (Automatic-Module-Name in its manifest).
    requires com.github.kagkarlsson.scheduler;

    uses io.stratum.api.spi.DialectProvider;
}
