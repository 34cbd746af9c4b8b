package io.stratum.queries.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.query.BulkWrites;
import io.stratum.api.query.ConcurrencyLimits;
import io.stratum.api.query.ConfigurationValues;
import io.stratum.api.query.FlowRunGraphs;
import io.stratum.api.query.IdempotentCreates;
import io.stratum.api.query.QueryComponents;
import io.stratum.api.query.QueryHelpers;
import io.stratum.api.query.Retention;
import io.stratum.api.query.ScheduledRunInserts;
import io.stratum.api.query.StateTransitions;
import io.stratum.api.query.WorkerPolling;
import io.stratum.api.spi.DialectProvider;

/** The query components of one database interface, built once. */
final class OrmQueryComponents implements QueryComponents {
    private final StateTransitions transitions;
    private final IdempotentCreates creates;
    private final WorkerPolling polling;
    private final ScheduledRunInserts scheduler;
    private final BulkWrites bulk;
    private final ConcurrencyLimits concurrencyLimits;
    private final ConfigurationValues configuration;
    private final QueryHelpers helpers;
    private final FlowRunGraphs flowRunGraphs;
    private final Retention retention;

    OrmQueryComponents(DatabaseInterface database, DialectProvider dialect) {
        DialectSql dialectSql = DialectSql.of(dialect);
        this.transitions = new RunStateTransitions(database, dialectSql);
        this.creates = new UpsertingCreates(dialectSql, transitions);
        this.polling = new OrmWorkerPolling(database, dialectSql);
        this.scheduler = new OrmScheduledRunInserts(database.dialect(), dialectSql);
        this.bulk = new OrmBulkWrites(database, dialectSql);
        this.concurrencyLimits = new LeasedConcurrencyLimits(dialectSql);
        this.configuration = new CachedConfigurationValues(ConfigurationValues.DEFAULT_CACHE_TTL);
        this.helpers = new OrmQueryHelpers(database, dialectSql);
        this.flowRunGraphs = new OrmFlowRunGraphs(database, dialectSql);
        this.retention = new BatchedRetention(database, dialectSql, new ArtifactDeletes(dialectSql));
    }

    @Override
    public Retention retention() {
        return retention;
    }

    @Override
    public StateTransitions transitions() {
        return transitions;
    }

    @Override
    public IdempotentCreates creates() {
        return creates;
    }

    @Override
    public WorkerPolling polling() {
        return polling;
    }

    @Override
    public ScheduledRunInserts scheduler() {
        return scheduler;
    }

    @Override
    public BulkWrites bulk() {
        return bulk;
    }

    @Override
    public ConcurrencyLimits concurrencyLimits() {
        return concurrencyLimits;
    }

    @Override
    public ConfigurationValues configuration() {
        return configuration;
    }

    @Override
    public QueryHelpers helpers() {
        return helpers;
    }

    @Override
    public FlowRunGraphs flowRunGraphs() {
        return flowRunGraphs;
    }
}
