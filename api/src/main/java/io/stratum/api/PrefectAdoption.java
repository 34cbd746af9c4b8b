package io.stratum.api;

import java.util.List;
import java.util.Optional;

/**
 * What {@link DatabaseInterface#adoptPrefectDatabase(boolean)} found in a database made by Prefect's
 * own migrations, and what it changed or would change.
 *
 * @param dialect          the database's dialect
 * @param verdict          whether it can be adopted, and if not, why
 * @param prefectRevision  the {@code alembic_version} found; empty when there is none
 * @param stratumRevision  the Stratum revision the database is (or would be) stamped at
 * @param changes          what adoption makes (or would make) to bring it to Stratum's exact form, one
 *                         change a line; the real chain's known differences
 * @param differences      what differs beyond those: why it is refused (empty when adoptable)
 * @param backup           SQLite: the copy of the file taken before any change
 */
@Api(Api.Status.EXPERIMENTAL)
public record PrefectAdoption(Dialect dialect, Verdict verdict, Optional<String> prefectRevision,
                              String stratumRevision, List<String> changes, List<String> differences,
                              Optional<String> backup) {

    public enum Verdict {
        /** Matches Stratum's model up to the real chain's known differences; nothing was changed (dry run). */
        ADOPTABLE,
        /** Adopted: brought to Stratum's form and stamped, every row kept. */
        ADOPTED,
        /** No {@code alembic_version} table: not a database Prefect migrated. */
        NOT_PREFECT,
        /** Already migrated or stamped by Stratum. */
        ALREADY_STRATUM,
        /** At the Prefect head before the one this build adopts: upgrade it with Prefect first. */
        OLDER_PREFECT_REVISION,
        /** At a Prefect revision this build does not know (another release of Prefect). */
        UNKNOWN_PREFECT_REVISION,
        /** Differs from Stratum's model beyond the known differences: {@link #differences()} lists how. */
        DIFFERS
    }

    public PrefectAdoption {
        changes = List.copyOf(changes);
        differences = List.copyOf(differences);
    }

    public boolean isAdoptable() {
        return verdict == Verdict.ADOPTABLE || verdict == Verdict.ADOPTED;
    }
}
