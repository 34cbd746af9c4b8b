package io.stratum.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.stratum.api.Api;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.Operation;
import io.stratum.api.OperationListener;
import io.stratum.api.PoolStatistics;
import io.stratum.api.Revision;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The Micrometer meters of one {@link DatabaseInterface}, every one tagged {@code dialect} (the dialect's id,
 * e.g. {@code postgresql}, {@code sqlite}) plus the tags given to the constructor:
 *
 * <ul>
 *   <li>{@value #POOL_ACTIVE}, {@value #POOL_IDLE}, {@value #POOL_PENDING}, {@value #POOL_MAX} (gauges):
 *       connections lent out, free in the pool, callers waiting, the most the pool opens;</li>
 *   <li>{@value #POOL_ACQUIRE} (timer): connections lent and the time callers waited for them;</li>
 *   <li>{@value #POOL_TIMEOUTS} (counter): sessions refused after {@code pool_timeout};
 *       {@value #POOL_LEAKS} (counter): connections held past {@code leak_timeout};</li>
 *   <li>{@value #QUERY} (timer, tag {@code operation}: an {@link Operation#metricName()} such as
 *       {@code transition}, {@code claim}, {@code bulk_logs}, {@code acquire_slots}): each query component
 *       call, failed ones included;</li>
 *   <li>{@value #MIGRATIONS_REVISION} (gauge): the revision the database is at, as a number ({@code 0} at
 *       base), read when bound and followed through this interface's migrations;
 *       {@value #MIGRATIONS} (timer, tag {@code operation}: {@code upgrade} or {@code downgrade}): each
 *       revision applied or reverted.</li>
 * </ul>
 *
 * <p>Binding registers this object as the interface's {@link OperationListener}; {@link #close()} removes
 * it. Bind after {@code Stratum.open}: a {@code migrate_on_start} upgrade has run before and shows only in
 * the revision gauge. Thread-safe.
 */
@Api(Api.Status.EXPERIMENTAL)
public final class StratumMetrics implements MeterBinder, OperationListener, AutoCloseable {
    public static final String POOL_ACTIVE = "stratum.pool.connections.active";
    public static final String POOL_IDLE = "stratum.pool.connections.idle";
    public static final String POOL_PENDING = "stratum.pool.connections.pending";
    public static final String POOL_MAX = "stratum.pool.connections.max";
    public static final String POOL_ACQUIRE = "stratum.pool.acquire";
    public static final String POOL_TIMEOUTS = "stratum.pool.timeouts";
    public static final String POOL_LEAKS = "stratum.pool.leaks";
    public static final String QUERY = "stratum.query";
    public static final String MIGRATIONS_REVISION = "stratum.migrations.revision";
    public static final String MIGRATIONS = "stratum.migrations";
    /** Tag of every meter: the dialect's id. */
    public static final String DIALECT_TAG = "dialect";
    /** Tag of {@value #QUERY} and {@value #MIGRATIONS}: the operation timed. */
    public static final String OPERATION_TAG = "operation";

    private final DatabaseInterface database;
    private final Tags tags;
    /** The meters of each registry bound, recorded into on every operation. */
    private final List<Bound> bound = new CopyOnWriteArrayList<>();
    /** The database's revision as a number; NaN until read, or when it is not one of Stratum's numeric ids. */
    private volatile double revision = Double.NaN;

    /** The meters of {@code database}, tagged with its dialect. */
    public StratumMetrics(DatabaseInterface database) {
        this(database, Tags.empty());
    }

    /** The meters of {@code database}, tagged with its dialect and {@code extraTags} (e.g. the database's role). */
    public StratumMetrics(DatabaseInterface database, Iterable<Tag> extraTags) {
        if (database == null) {
            throw new IllegalArgumentException("StratumMetrics(null): pass the DatabaseInterface Stratum.open returned");
        }
        this.database = database;
        this.tags = Tags.of(extraTags).and(DIALECT_TAG, database.dialect().id());
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        poolGauge(registry, POOL_ACTIVE, "Connections lent out now", PoolStatistics::active);
        poolGauge(registry, POOL_IDLE, "Connections open in the pool and free", PoolStatistics::idle);
        poolGauge(registry, POOL_PENDING, "Callers waiting for a connection now", PoolStatistics::pending);
        poolGauge(registry, POOL_MAX, "Most connections the pool opens (pool_size + max_overflow; one more on a SQLite "
                + "file)", PoolStatistics::max);
        FunctionTimer.builder(POOL_ACQUIRE, database, db -> db.poolStatistics().acquired(),
                        db -> db.poolStatistics().acquireTime().toNanos(), TimeUnit.NANOSECONDS)
                .description("Connections lent by the pool, and the time callers waited for them")
                .tags(tags).register(registry);
        FunctionCounter.builder(POOL_TIMEOUTS, database, db -> db.poolStatistics().timeouts())
                .description("Sessions refused: no pooled connection became free within pool_timeout")
                .tags(tags).register(registry);
        FunctionCounter.builder(POOL_LEAKS, database, db -> db.poolStatistics().leaks())
                .description("Connections held longer than leak_timeout")
                .tags(tags).register(registry);
        Gauge.builder(MIGRATIONS_REVISION, this, metrics -> metrics.revision)
                .description("The schema revision the database is at (0: base)")
                .tags(tags).strongReference(true).register(registry);

        Map<Operation, Timer> queries = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            queries.put(operation, Timer.builder(QUERY)
                    .description("Query component operations (db.queries()), failed ones included")
                    .tags(tags).tag(OPERATION_TAG, operation.metricName()).register(registry));
        }
        Timer upgrades = migrationTimer(registry, "upgrade");
        Timer downgrades = migrationTimer(registry, "downgrade");
        boolean first = bound.isEmpty();
        bound.add(new Bound(queries, upgrades, downgrades));
        if (first) {
            readRevision();
            database.addOperationListener(this);
        }
    }

    private void poolGauge(MeterRegistry registry, String name, String description,
                           ToDoubleFunction<PoolStatistics> figure) {
        Gauge.builder(name, database, db -> figure.applyAsDouble(db.poolStatistics()))
                .description(description).baseUnit("connections").tags(tags).strongReference(true).register(registry);
    }

    private Timer migrationTimer(MeterRegistry registry, String operation) {
        return Timer.builder(MIGRATIONS).description("Schema revisions applied (upgrade) or reverted (downgrade)")
                .tags(tags).tag(OPERATION_TAG, operation).register(registry);
    }

    /** Reads the current revision once; a database that cannot be read leaves the gauge NaN. */
    private void readRevision() {
        try {
            revision = revisionNumber(database.migrations().current());
        } catch (RuntimeException unreadable) {
            revision = Double.NaN;
        }
    }

    static double revisionNumber(Optional<String> revision) {
        if (revision.isEmpty()) {
            return 0;
        }
        try {
            return Double.parseDouble(revision.get());
        } catch (NumberFormatException notNumeric) {
            return Double.NaN;
        }
    }

    @Override
    public void operation(Operation operation, Duration took, boolean failed) {
        for (Bound meters : bound) {
            meters.queries.get(operation).record(took);
        }
    }

    @Override
    public void migrated(Revision migrated, boolean reverted, Duration took, Optional<String> current) {
        revision = revisionNumber(current);
        for (Bound meters : bound) {
            (reverted ? meters.downgrades : meters.upgrades).record(took);
        }
    }

    /** Stops following the database's operations; meters already registered stay in their registries. */
    @Override
    public void close() {
        database.removeOperationListener(this);
    }

    @Override
    public String toString() {
        return "StratumMetrics{" + database + "}";
    }

    private static final class Bound {
        final Map<Operation, Timer> queries;
        final Timer upgrades;
        final Timer downgrades;

        Bound(Map<Operation, Timer> queries, Timer upgrades, Timer downgrades) {
            this.queries = queries;
            this.upgrades = upgrades;
            this.downgrades = downgrades;
        }
    }
}
