package io.stratum.queries.internal;

import io.stratum.orm.types.Json;
import io.stratum.orm.types.StateDetails;
import java.time.Instant;
import java.util.List;

/**
 * The {@code state_details} JSON of the scheduler's Scheduled states, which differ only in their time:
 * the text Jackson writes around the time is taken once, and each state's text is that text around its
 * time as Jackson writes an instant ({@code Instant.toString()}, ISO-8601). Serialising the whole record
 * once per run was a sixth of the scheduler insert's Java work (JFR, benchmark 7). Each call checks its
 * first text against Jackson's own and serialises every state with Jackson if they differ, so a change of
 * the JSON settings cannot change what is stored.
 */
final class ScheduledDetailsText {
    private static final Instant PROBE = Instant.parse("2000-01-02T03:04:05.678901Z");
    private static final String COLUMN = "state_details (flow_run_state)";

    private final String before;
    private final String after;

    ScheduledDetailsText() {
        String sample = Json.write(details(PROBE), COLUMN);
        String time = "\"" + PROBE + "\"";
        int at = sample.indexOf(time);
        boolean once = at >= 0 && sample.indexOf(time, at + 1) < 0;
        before = once ? sample.substring(0, at + 1) : null;
        after = once ? sample.substring(at + time.length() - 1) : null;
    }

    static StateDetails details(Instant scheduledTime) {
        return StateDetails.empty().withScheduledTime(scheduledTime);
    }

    /** The stored text of each time's details, in order. */
    Object[] of(List<Instant> times) {
        Object[] texts = new Object[times.size()];
        boolean spliced = before != null && !times.isEmpty()
                && spliced(times.get(0)).equals(Json.write(details(times.get(0)), COLUMN));
        for (int i = 0; i < texts.length; i++) {
            texts[i] = spliced ? spliced(times.get(i)) : Json.write(details(times.get(i)), COLUMN);
        }
        return texts;
    }

    private String spliced(Instant time) {
        StringBuilder text = new StringBuilder(before.length() + IsoInstantText.MAX_LENGTH + after.length());
        IsoInstantText.append(text.append(before), time);
        return text.append(after).toString();
    }
}
