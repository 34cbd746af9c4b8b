package io.stratum.orm.types;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Shape checks shared by the validated JSON wrappers; each returns why a node is invalid, or null. */
final class JsonShapes {
    private JsonShapes() {
    }

    static String kind(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase();
    }

    static String object(JsonNode node, String what) {
        return node != null && node.isObject() ? null : "is not a JSON object (" + what + " is " + kind(node) + ")";
    }

    static String text(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value != null && value.isTextual() ? null : "has no string \"" + field + "\" (found " + kind(value) + ")";
    }

    static String uuid(JsonNode parent, String field) {
        String error = text(parent, field);
        if (error != null) {
            return error;
        }
        try {
            UUID.fromString(parent.get(field).asText());
            return null;
        } catch (IllegalArgumentException e) {
            return "has \"" + field + "\" " + parent.get(field) + ", which is not a UUID";
        }
    }

    static String timestamp(JsonNode parent, String field) {
        String error = text(parent, field);
        if (error != null) {
            return error;
        }
        try {
            OffsetDateTime.parse(parent.get(field).asText());
            return null;
        } catch (DateTimeParseException e) {
            return "has \"" + field + "\" " + parent.get(field) + ", which is not a date-time with offset";
        }
    }

    static String array(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value != null && value.isArray() ? null : "has no array \"" + field + "\" (found " + kind(value) + ")";
    }

    static String childObject(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value != null && value.isObject() ? null : "has no object \"" + field + "\" (found " + kind(value) + ")";
    }

    /** The first non-null of the checks. */
    static String first(String... errors) {
        for (String error : errors) {
            if (error != null) {
                return error;
            }
        }
        return null;
    }
}
