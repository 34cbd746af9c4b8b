package io.stratum.queries.internal;

import io.stratum.api.StratumException;
import io.stratum.api.query.BulkWrites;
import io.stratum.api.query.EventRecord;
import io.stratum.api.spi.InputBounds;
import io.stratum.orm.types.Json;
import io.stratum.orm.types.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code events} row of a checked event and its {@code event_resources} rows, as the reference writes
 * them ({@code ReceivedEvent.as_database_row} / {@code as_database_resource_rows}).
 */
final class EventRows {
    static final String EVENT_COLUMNS = "id, created, updated, occurred, event, resource_id, resource, "
            + "related_resource_ids, related, payload, received, recorded, follows";
    static final int EVENT_PARAMETERS = 13;
    static final String RESOURCE_COLUMNS = "id, created, updated, occurred, resource_id, resource_role, resource, event_id";
    static final int RESOURCE_PARAMETERS = 8;

    private final UUID id;
    private final List<Object> eventParameters;
    private final List<Object> resourceParameters;

    private EventRows(UUID id, List<Object> eventParameters, List<Object> resourceParameters) {
        this.id = id;
        this.eventParameters = eventParameters;
        this.resourceParameters = resourceParameters;
    }

    UUID id() {
        return id;
    }

    List<Object> eventParameters() {
        return eventParameters;
    }

    List<Object> resourceParameters() {
        return resourceParameters;
    }

    /** Checks the event (failing with its position and the missing field) and builds its rows. */
    static EventRows of(int index, EventRecord event, Instant now) {
        String where = "events[" + index + "]";
        if (event == null) {
            throw invalid(where, "is null");
        }
        if (event.id() == null) {
            throw invalid(where, "has no id");
        }
        if (event.occurred() == null) {
            throw invalid(where, "has no occurred time");
        }
        if (event.event() == null || event.event().isBlank()) {
            throw invalid(where, "has no event name");
        }
        String resourceId = resourceId(where + ".resource", event.resource());
        InputBounds.requireSizeAtMost(where + ".related", event.related(), BulkWrites.MAX_RELATED_RESOURCES,
                "keep the resources that matter; nothing was written");
        List<String> relatedIds = new ArrayList<>(event.related().size());
        for (int i = 0; i < event.related().size(); i++) {
            Map<String, String> related = event.related().get(i);
            relatedIds.add(resourceId(where + ".related[" + i + "]", related));
            String role = related.get(EventRecord.RESOURCE_ROLE);
            if (role == null || role.isBlank()) {
                throw invalid(where + ".related[" + i + "]", "has no " + EventRecord.RESOURCE_ROLE + " label");
            }
        }
        Instant occurred = Timestamps.micros(event.occurred());
        Instant received = event.received() == null ? now : Timestamps.micros(event.received());
        List<Object> eventRow = Arrays.asList(event.id(), now, now, occurred, event.event(), resourceId,
                Json.write(event.resource(), "events.resource"), Json.write(relatedIds, "events.related_resource_ids"),
                Json.write(event.related(), "events.related"), Json.write(event.payload(), "events.payload"),
                received, now, event.follows());
        List<Object> resourceRows = new ArrayList<>((1 + event.related().size()) * RESOURCE_PARAMETERS);
        addResource(resourceRows, event.id(), occurred, now, resourceId, "", event.resource());
        for (int i = 0; i < event.related().size(); i++) {
            Map<String, String> related = event.related().get(i);
            addResource(resourceRows, event.id(), occurred, now, relatedIds.get(i), related.get(EventRecord.RESOURCE_ROLE),
                    related);
        }
        return new EventRows(event.id(), eventRow, resourceRows);
    }

    private static void addResource(List<Object> rows, UUID eventId, Instant occurred, Instant now, String resourceId,
                                    String role, Map<String, String> labels) {
        Map<String, String> rest = new LinkedHashMap<>(labels);
        rest.remove(EventRecord.RESOURCE_ID);
        rest.remove(EventRecord.RESOURCE_ROLE);
        rows.add(UUID.randomUUID());
        rows.add(now);
        rows.add(now);
        rows.add(occurred);
        rows.add(resourceId);
        rows.add(role);
        rows.add(Json.write(rest, "event_resources.resource"));
        rows.add(eventId);
    }

    private static String resourceId(String where, Map<String, String> resource) {
        if (resource == null) {
            throw invalid(where, "is missing");
        }
        InputBounds.requireSizeAtMost(where + " labels", resource.keySet(), BulkWrites.MAX_LABELS_PER_RESOURCE,
                "keep the labels that matter; nothing was written");
        String id = resource.get(EventRecord.RESOURCE_ID);
        if (id == null || id.isBlank()) {
            throw invalid(where, "has no " + EventRecord.RESOURCE_ID + " label");
        }
        return id;
    }

    private static StratumException invalid(String where, String problem) {
        return new StratumException(where + " " + problem + "; every event needs an id, an occurred time, an event name "
                + "and a resource with " + EventRecord.RESOURCE_ID + " (related resources also a "
                + EventRecord.RESOURCE_ROLE + "). Nothing was written.");
    }
}
