package io.stratum.api;

import java.util.List;
import java.util.Optional;

/**
 * What a stamp would change in the migration history, no script being run: the revision before and
 * after, the revisions it would record as applied and those it would remove. {@code unknown} lists
 * removed revisions this build does not know (applied by another build); a stamp refuses to remove them
 * unless forced.
 */
@Api(Api.Status.STABLE)
public record StampPlan(Optional<String> from, Optional<String> to, List<Revision> record, List<Revision> remove,
        List<String> unknown) {

    public StampPlan {
        record = List.copyOf(record);
        remove = List.copyOf(remove);
        unknown = List.copyOf(unknown);
    }

    /** Whether the stamp would leave the history as it is. */
    public boolean changesNothing() {
        return record.isEmpty() && remove.isEmpty();
    }
}
