package io.stratum.api;

import java.util.Optional;

/**
 * Where a database stands against this build: its current revision (empty at base) and the newest
 * revision the build knows.
 */
@Api(Api.Status.STABLE)
public record SchemaStatus(Optional<String> current, String newest, State state) {

    public enum State { UP_TO_DATE, BEHIND, AHEAD, UNKNOWN_REVISION }

    public String describe() {
        String at = current.orElse("base");
        switch (state) {
            case UP_TO_DATE:
                return "up to date at revision " + at;
            case BEHIND:
                return "behind: at revision " + at + ", newest is " + newest
                        + "; run 'stratum database upgrade'";
            case AHEAD:
                return "ahead: database is at revision " + at + " but this build knows only up to " + newest
                        + "; upgrade Stratum, or downgrade the database with the newer build";
            default:
                return "database is at revision " + at + ", which this build does not know (newest " + newest
                        + "); it was migrated by another build";
        }
    }
}
