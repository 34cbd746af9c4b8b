package io.stratum.testdialect.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Dialect;
import io.stratum.api.spi.AdoptionSql;
import io.stratum.api.spi.BulkWriteSql;
import io.stratum.api.spi.ColumnType;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.MigrationLock;
import io.stratum.api.spi.PollingSql;
import io.stratum.api.spi.QueryHelperSql;
import io.stratum.api.spi.RetentionSql;
import io.stratum.api.spi.RunGraphSql;
import io.stratum.api.spi.SchemaObject;
import io.stratum.api.spi.StorageValues;
import io.stratum.api.spi.TransactionLocks;
import io.stratum.api.spi.TransitionSql;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import javax.sql.DataSource;

/**
 * PostgreSQL under the URL prefix {@value #URL_PREFIX}: a dialect of its own (id {@value #ID}) whose
 * every answer comes from the PostgreSQL dialect module's provider, with the URL handed on as
 * {@code jdbc:postgresql:}. Its databases carry the PostgreSQL schema ({@link Dialect#schemaFamily()}),
 * so the PostgreSQL migration scripts and expected schema serve it.
 */
public final class TestPostgresDialect implements DialectProvider {
    public static final String ID = "stratum-test-pg";
    public static final String URL_PREFIX = "jdbc:stratum-test-pg:";
    private static final String POSTGRES_ID = "postgresql";
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    private final DialectProvider postgres;
    private final Dialect dialect;

    public TestPostgresDialect() {
        postgres = ServiceLoader.load(DialectProvider.class, TestPostgresDialect.class.getClassLoader()).stream()
                .filter(provider -> provider.type() != TestPostgresDialect.class)
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.dialect().id().equals(POSTGRES_ID))
                .findFirst()
                .orElseThrow(() -> new ConfigurationException("The test dialect " + ID + " builds on the PostgreSQL "
                        + "dialect: add stratum-dialect-postgres to the module path."));
        Dialect base = postgres.dialect();
        dialect = Dialect.builder(ID).displayName("PostgreSQL (test dialect)").urlPrefixes(URL_PREFIX)
                .artifactId("stratum-test-dialect").maxQueryParameters(base.maxQueryParameters())
                .schemaFamily(base.schemaFamily()).build();
    }

    /** The settings with the URL as the PostgreSQL dialect accepts it. */
    private static DatabaseSettings asPostgres(DatabaseSettings settings) {
        String url = settings.url();
        return url.regionMatches(true, 0, URL_PREFIX, 0, URL_PREFIX.length())
                ? settings.toBuilder().url(POSTGRES_PREFIX + url.substring(URL_PREFIX.length())).build()
                : settings;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public StorageValues storageValues() {
        return postgres.storageValues();
    }

    @Override
    public TransactionLocks transactionLocks() {
        return postgres.transactionLocks();
    }

    @Override
    public PollingSql pollingSql() {
        return postgres.pollingSql();
    }

    @Override
    public BulkWriteSql bulkWriteSql() {
        return postgres.bulkWriteSql();
    }

    @Override
    public QueryHelperSql queryHelperSql() {
        return postgres.queryHelperSql();
    }

    @Override
    public RunGraphSql runGraphSql() {
        return postgres.runGraphSql();
    }

    @Override
    public TransitionSql transitionSql() {
        return postgres.transitionSql();
    }

    @Override
    public RetentionSql retentionSql() {
        return postgres.retentionSql();
    }

    @Override
    public int priority() {
        return postgres.priority();
    }

    @Override
    public MigrationLock migrationLock(DataSource migrationConnections) {
        return postgres.migrationLock(migrationConnections);
    }

    @Override
    public Class<? extends Driver> driverClass() {
        return postgres.driverClass();
    }

    @Override
    public String prepareUrl(DatabaseSettings settings) {
        return postgres.prepareUrl(asPostgres(settings));
    }

    /** Its own id only: the PostgreSQL names belong to the PostgreSQL dialect. */
    @Override
    public Set<String> driverNames() {
        return Set.of(ID);
    }

    @Override
    public String urlFromParts(DatabaseSettings settings) {
        String url = postgres.urlFromParts(settings);
        return URL_PREFIX + url.substring(POSTGRES_PREFIX.length());
    }

    @Override
    public void checkSettings(DatabaseSettings settings) {
        postgres.checkSettings(asPostgres(settings));
    }

    @Override
    public String notApplicableReason() {
        return postgres.notApplicableReason();
    }

    @Override
    public void prepareStorage(DatabaseSettings settings, boolean create) {
        postgres.prepareStorage(asPostgres(settings), create);
    }

    @Override
    public boolean takesCredentials() {
        return postgres.takesCredentials();
    }

    @Override
    public Map<String, String> connectionProperties(DatabaseSettings settings) {
        return postgres.connectionProperties(asPostgres(settings));
    }

    @Override
    public Map<String, String> migrationConnectionProperties(DatabaseSettings settings) {
        return postgres.migrationConnectionProperties(asPostgres(settings));
    }

    @Override
    public List<String> connectionInitSql(DatabaseSettings settings) {
        return postgres.connectionInitSql(asPostgres(settings));
    }

    @Override
    public void checkSessionSettings(Connection connection, DatabaseSettings settings) throws SQLException {
        postgres.checkSessionSettings(connection, asPostgres(settings));
    }

    @Override
    public Optional<String> transactionStartSql(DatabaseSettings settings) {
        return postgres.transactionStartSql(asPostgres(settings));
    }

    @Override
    public int isolationLevel() {
        return postgres.isolationLevel();
    }

    @Override
    public int maxPoolSize(DatabaseSettings settings, int fromSettings) {
        return postgres.maxPoolSize(asPostgres(settings), fromSettings);
    }

    @Override
    public boolean isInMemory(DatabaseSettings settings) {
        return postgres.isInMemory(asPostgres(settings));
    }

    @Override
    public String eclipseLinkPlatform() {
        return postgres.eclipseLinkPlatform();
    }

    @Override
    public void beginForUpdate(Connection transactionConnection) throws SQLException {
        postgres.beginForUpdate(transactionConnection);
    }

    @Override
    public boolean singleWriter() {
        return postgres.singleWriter();
    }

    @Override
    public void checkServerVersion(Connection connection) throws SQLException {
        postgres.checkServerVersion(connection);
    }

    @Override
    public Optional<String> whyNotWritable(Connection connection) throws SQLException {
        return postgres.whyNotWritable(connection);
    }

    @Override
    public void beginReadOnly(Connection transactionConnection) throws SQLException {
        postgres.beginReadOnly(transactionConnection);
    }

    @Override
    public void endReadOnly(Connection connection) throws SQLException {
        postgres.endReadOnly(connection);
    }

    @Override
    public boolean servesReadReplicas() {
        return postgres.servesReadReplicas();
    }

    @Override
    public void dropAllObjects(Connection connection) throws SQLException {
        postgres.dropAllObjects(connection);
    }

    @Override
    public List<SchemaObject> schemaObjects(Connection connection) throws SQLException {
        return postgres.schemaObjects(connection);
    }

    @Override
    public Optional<AdoptionSql> adoptionSql() {
        return postgres.adoptionSql();
    }

    @Override
    public Set<ColumnType> columnTypes(String typeName) {
        return postgres.columnTypes(typeName);
    }

    @Override
    public boolean isCorruption(SQLException error) {
        return postgres.isCorruption(error);
    }

    @Override
    public boolean isConnectionFailure(SQLException error) {
        return postgres.isConnectionFailure(error);
    }
}
