package io.stratum.api.query;

import io.stratum.api.Api;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A received event to store with {@link BulkWrites#insertEvents}, shaped like the reference's
 * {@code ReceivedEvent}. Resources are label maps: {@code prefect.resource.id} names the resource; a
 * related resource also carries {@code prefect.resource.role}.
 *
 * @param id       the event id (required): an event already stored under it is skipped
 * @param occurred when it happened (required)
 * @param event    the event name (required)
 * @param resource the primary resource (required, with {@code prefect.resource.id})
 * @param related  related resources (each with id and role); {@code null} = none
 * @param payload  JSON object; {@code null} = {@code {}}
 * @param received when the server received it; {@code null} = now
 * @param follows  the id of the event this one follows, or {@code null}
 */
@Api(Api.Status.EXPERIMENTAL)
public record EventRecord(UUID id, Instant occurred, String event, Map<String, String> resource,
                          List<Map<String, String>> related, Map<String, Object> payload, Instant received,
                          UUID follows) {

    /** The label holding a resource's id. */
    public static final String RESOURCE_ID = "prefect.resource.id";
    /** The label holding a related resource's role. */
    public static final String RESOURCE_ROLE = "prefect.resource.role";

    public EventRecord {
        related = related == null ? List.of() : related;
        payload = payload == null ? Map.of() : payload;
    }
}
