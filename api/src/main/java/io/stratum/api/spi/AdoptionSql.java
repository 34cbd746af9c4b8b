package io.stratum.api.spi;

import io.stratum.api.Api;
import java.util.List;

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
     * Whether the changes are made by altering objects in place ({@link #renameConstraint},
     * {@link #deferForeignKey}, {@link #columnDefaults}) inside the stamp's transaction; {@code false}
     * when the database cannot alter constraints and adoption must rebuild tables instead.
     */
    boolean altersInPlace();

    /** Renames a constraint (check or foreign key) of {@code table}. */
    String renameConstraint(String table, String from, String to);

    /** Makes a foreign key checked at commit: {@code DEFERRABLE INITIALLY DEFERRED}. */
    String deferForeignKey(String table, String constraint);

    /**
     * Gives the columns whose defaults Prefect's chain sets otherwise Stratum's defaults:
     * {@code work_queue.priority} has none (Prefect: 1), {@code automation_bucket.bucketing_key} has
     * {@code '[]'} (Prefect: none).
     */
    List<String> columnDefaults();
}
