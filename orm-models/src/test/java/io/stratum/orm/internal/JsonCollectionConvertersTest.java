package io.stratum.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.orm.types.FlowRunPolicy;
import io.stratum.orm.types.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCollectionConvertersTest {
    private final JsonObjectConverter objects = new JsonObjectConverter();
    private final JsonListConverter lists = new JsonListConverter();

    @Test
    void emptyValuesAreWrittenAsEmptyJson() {
        assertThat(objects.convertToDatabaseColumn(new LinkedHashMap<>())).isEqualTo("{}");
        assertThat(lists.convertToDatabaseColumn(new ArrayList<>())).isEqualTo("[]");
    }

    @Test
    void emptyJsonIsReadAsEmptyValuesTheEntityCanChange() {
        Map<String, Object> object = objects.convertToEntityAttribute("{}");
        List<Object> list = lists.convertToEntityAttribute("[]");

        assertThat(object).isEmpty();
        assertThat(list).isEmpty();
        object.put("key", 1);
        list.add("tag");
        assertThat(objects.convertToEntityAttribute("{}")).isEmpty();
        assertThat(lists.convertToEntityAttribute("[]")).isEmpty();
    }

    @Test
    void emptyPoliciesReadAndWriteAsTheJsonLibraryDoes() {
        FlowRunPolicyConverter policies = new FlowRunPolicyConverter();
        String libraryText = Json.write(FlowRunPolicy.empty(), "test");

        assertThat(policies.convertToDatabaseColumn(FlowRunPolicy.empty())).isEqualTo(libraryText);
        assertThat(policies.convertToEntityAttribute("{}")).isEqualTo(Json.read("{}", FlowRunPolicy.class, "test"));
        assertThat(policies.convertToEntityAttribute(libraryText)).isEqualTo(FlowRunPolicy.empty());
        FlowRunPolicy retried = new FlowRunPolicy(3, null, 1, null, List.of("k"), null, null);
        assertThat(policies.convertToEntityAttribute(policies.convertToDatabaseColumn(retried))).isEqualTo(retried);
    }

    @Test
    void otherValuesStillGoThroughJson() {
        assertThat(objects.convertToEntityAttribute("{ }")).isEmpty();
        assertThat(objects.convertToEntityAttribute("{\"a\": [1, {}]}")).isEqualTo(Map.of("a", List.of(1, Map.of())));
        assertThat(lists.convertToEntityAttribute("[\"x\", []]")).isEqualTo(List.of("x", List.of()));
        assertThat(objects.convertToDatabaseColumn(Map.of("a", List.of()))).isEqualTo("{\"a\":[]}");
        assertThat(lists.convertToDatabaseColumn(List.of("x"))).isEqualTo("[\"x\"]");
    }
}
