package io.stratum.queries.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.api.query.QueryHelpers;
import io.stratum.api.spi.InputBounds;
import io.stratum.orm.types.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** The argument checks both forms of the portable helpers share. */
final class PortableArguments {
    private PortableArguments() {
    }

    static <T> T required(String helper, String argument, T value) {
        if (value == null) {
            throw new IllegalArgumentException(helper + " needs " + argument + "; got null (for SQL NULL pass a NULL expression).");
        }
        return value;
    }

    static <T> List<T> values(String helper, List<T> values) {
        required(helper, "its values", values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(helper + " needs at least one value.");
        }
        InputBounds.requireSizeAtMost(helper + " values", values, QueryHelpers.MAX_ARGUMENTS, "nest calls for more");
        for (T value : values) {
            required(helper, "each value", value);
        }
        return values;
    }

    static void members(Map<String, ?> members) {
        required("buildJsonObject", "its members", members);
        InputBounds.requireSizeAtMost("buildJsonObject members", members.keySet(), QueryHelpers.MAX_JSON_MEMBERS,
                "nest objects for more");
        members.forEach((key, value) -> {
            required("buildJsonObject", "member names", key);
            required("buildJsonObject", "a value for member " + key, value);
        });
    }

    static List<String> keys(String helper, Collection<String> keys) {
        required(helper, "a collection of keys (empty for none)", keys);
        InputBounds.requireSizeAtMost(helper + " keys", keys, QueryHelpers.MAX_KEYS, "test fewer keys at a time");
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String key : keys) {
            distinct.add(required(helper, "keys that are not null", key));
        }
        return new ArrayList<>(distinct);
    }

    /** Checks JSON text: well formed, at most {@link QueryHelpers#MAX_JSON_DEPTH} levels deep. */
    static String jsonText(String jsonText) {
        required("json", "JSON text", jsonText);
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(jsonText);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("json got malformed JSON text (" + e.getOriginalMessage() + "): " + jsonText);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new IllegalArgumentException("json got no JSON value: \"" + jsonText + "\"");
        }
        int depth = depth(tree);
        if (depth > QueryHelpers.MAX_JSON_DEPTH) {
            throw new IllegalArgumentException("json got a value nested " + depth + " levels deep; at most "
                    + QueryHelpers.MAX_JSON_DEPTH + " (QueryHelpers.MAX_JSON_DEPTH) compare the same on every database.");
        }
        return jsonText;
    }

    private static int depth(JsonNode node) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }
}
