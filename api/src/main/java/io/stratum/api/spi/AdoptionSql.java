package io.stratum.api.spi;

import io.stratum.api.Api;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What adopting a database made by Prefect's own migrations needs from a dialect
 * ({@link DialectProvider#adoptionSql()}): the Alembic heads Prefect's chain ends at on this database,
 * and the statements that bring the real chain's forms to Stratum's (prefect-reference.md 5; issue 15
 * item 5). Which differences are equivalent is decided once, outside the dialects.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface AdoptionSql {

    /** The {@code alembic_version} of a database at the head of Prefect's chain for this dialect. */
    String prefectHead();

    /** The head before {@link #prefectHead()}: such a database is refused with "upgrade it with Prefect first". */
    String previousPrefectHead();

    /**
     * A copy of the database taken before any change, or empty when the dialect's changes are
     * transactional and need none. SQLite: a copy of the file next to it; the result names it.
     */
    default Optional<String> backup(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /**
     * Whether {@link #apply} runs inside the stamp's transaction. {@code false} when the changes need
     * a connection of their own (SQLite: foreign keys off while tables are rebuilt, which a transaction
     * cannot switch); they then run first, and the stamp after them.
     */
    boolean appliesInStampTransaction();

    /**
     * Makes the changes: the statements this object wrote ({@link #renameConstraint} and the others) and
     * plain {@code CREATE INDEX} / {@code DROP INDEX} statements, in order.
     */
    void apply(Connection connection, List<String> statements) throws SQLException;

    /** Renames a constraint (check or foreign key) of {@code table}. */
    String renameConstraint(String table, String from, String to);

    /** Declares a state-type column as Stratum does (Prefect's SQLite chain: {@code VARCHAR(9)}). */
    String declareStateTypeColumn(String table, String column);

    /** Makes a foreign key checked at commit: {@code DEFERRABLE INITIALLY DEFERRED}. */
    String deferForeignKey(String table, String constraint);

    /**
     * Gives the columns whose defaults Prefect's chain sets otherwise Stratum's defaults:
     * {@code work_queue.priority} has none (Prefect: 1), {@code automation_bucket.bucketing_key} has
     * {@code '[]'} (Prefect: none).
     */
    List<String> columnDefaults();
}
