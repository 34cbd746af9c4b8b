package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.api.StratumException;
import io.stratum.api.query.QueryHelpers;
import io.stratum.api.query.SqlFragment;
import io.stratum.api.query.TimeInterval;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.VariableEntity;
import io.stratum.orm.types.Json;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Run-history intervals and the JSON predicates SQLite emulates (reference §3, §3.1). The expectations
 * are written once, so both databases must give exactly these answers.
 */
abstract class QueryHelpersContract {
    protected TestDatabase database;
    protected DatabaseInterface db;
    protected QueryHelpers helpers;

    abstract TestDatabase newDatabase();

    @BeforeEach
    void open() {
        database = newDatabase();
        db = Stratum.open(database.settings().migrateOnStart(true).build());
        helpers = db.queries().helpers();
    }

    @AfterEach
    void close() {
        db.close();
        database.close();
    }

    List<TimeInterval> intervals(Instant start, Instant end, Duration step) {
        return db.sessionContext(false, false, session -> helpers.timestampIntervals(session, start, end, step));
    }

    static List<TimeInterval> expected(Instant start, Instant end, Duration step) {
        List<TimeInterval> result = new ArrayList<>();
        for (Instant at = start; at.isBefore(end) && result.size() < QueryHelpers.MAX_INTERVALS; at = at.plus(step)) {
            result.add(new TimeInterval(at, at.plus(step)));
        }
        return result;
    }

    @Test
    void timestampIntervalsStepFromStartWhileBeforeEndAtMostFiveHundred() {
        Instant start = Instant.parse("2026-01-01T00:00:00.123456Z");
        record Case(Instant start, Instant end, Duration step, int size) {
        }
        List<Case> cases = List.of(
                new Case(start, start.plus(Duration.ofHours(1)), Duration.ofMinutes(10), 6),
                new Case(start, start.plus(Duration.ofMinutes(65)), Duration.ofMinutes(10), 7),
                new Case(start, start.plus(Duration.ofDays(1)), Duration.ofSeconds(1), 500),
                new Case(start, start.plus(Duration.ofDays(4000)), Duration.ofDays(1), 500),
                new Case(start, start.plusNanos(10_000), Duration.ofNanos(1_000), 10),
                new Case(start, start.plusSeconds(7), Duration.ofMillis(2_500), 3),
                new Case(Instant.parse("1969-12-31T23:59:59.500001Z"), Instant.parse("1970-01-01T00:00:00.5Z"),
                        Duration.ofMillis(250), 4),
                new Case(start, start, Duration.ofMinutes(1), 0),
                new Case(start, start.minusSeconds(60), Duration.ofMinutes(1), 0));
        for (Case c : cases) {
            List<TimeInterval> actual = intervals(c.start(), c.end(), c.step());
            assertThat(actual).as("%s to %s by %s", c.start(), c.end(), c.step())
                    .hasSize(c.size()).isEqualTo(expected(c.start(), c.end(), c.step()));
        }
        // Inside a transaction too.
        List<TimeInterval> inTransaction = db.inTransaction(session -> helpers.timestampIntervals(session, start,
                start.plusSeconds(3), Duration.ofSeconds(1)));
        assertThat(inTransaction).hasSize(3);

        assertThatThrownBy(() -> intervals(start, start.plusSeconds(1), Duration.ZERO))
                .isInstanceOf(StratumException.class).hasMessageContaining("not positive");
        assertThatThrownBy(() -> intervals(start, start.plusSeconds(1), Duration.ofNanos(999)))
                .isInstanceOf(StratumException.class).hasMessageContaining("not positive");
        assertThatThrownBy(() -> intervals(null, start, Duration.ofSeconds(1)))
                .isInstanceOf(StratumException.class).hasMessageContaining("start=null");
    }

    @Test
    void timestampIntervalsJoinStoredRunTimesInANativeQuery() {
        Instant start = Instant.parse("2026-05-01T10:00:00Z");
        FlowEntity flow = new FlowEntity("history");
        db.inTransaction(session -> {
            session.persist(flow);
            // 0, 1, 2 and 3 runs in the four 10-minute buckets; one run lies after the end.
            for (int minutes : new int[] {12, 25, 25, 31, 38, 39, 45}) {
                FlowRunEntity run = new FlowRunEntity(flow.getId());
                run.setExpectedStartTime(start.plus(Duration.ofMinutes(minutes)).plusNanos(123_000));
                session.persist(run);
            }
            return null;
        });
        SqlFragment buckets = helpers.timestampIntervalsQuery(start, start.plus(Duration.ofMinutes(40)), Duration.ofMinutes(10));
        List<Number> counts = db.sessionContext(false, false, session -> {
            Query query = session.createNativeQuery("SELECT count(r.id) FROM (" + buckets.sql() + ") i"
                    + " LEFT JOIN flow_run r ON r.expected_start_time >= i.interval_start"
                    + " AND r.expected_start_time < i.interval_end"
                    + " GROUP BY i.interval_start ORDER BY i.interval_start");
            buckets.bindTo(query, 1);
            @SuppressWarnings("unchecked")
            List<Number> rows = query.getResultList();
            return rows;
        });
        assertThat(counts).extracting(Number::intValue).containsExactly(0, 1, 2, 3);
    }

    /** JSON values of table variable, one per row, named after what they hold. */
    static final Map<String, String> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("arr-abc", "[\"a\", \"b\", \"c\"]");
        VALUES.put("arr-mixed", "[\"a\", 1, 2.5]");
        VALUES.put("arr-one", "[1, \"1\"]");
        VALUES.put("arr-empty", "[]");
        VALUES.put("arr-nested", "[[\"a\"], {\"a\": 1}]");
        VALUES.put("obj", "{\"a\": 1, \"b\": \"x\", \"t\": true, \"f\": false, \"n\": null, \"o\": {\"k\": 1}}");
        VALUES.put("obj-c", "{\"c\": \"a\"}");
        VALUES.put("str-a", "\"a\"");
        VALUES.put("num", "5");
    }

    void createVariables() {
        db.inTransaction(session -> {
            VALUES.forEach((name, json) -> {
                VariableEntity variable = new VariableEntity();
                variable.setName(name);
                variable.setValue(Json.tree(json, "value"));
                variable.setTags(List.of(name.split("-")));
                session.persist(variable);
            });
            VariableEntity none = new VariableEntity();
            none.setName("null-value");
            session.persist(none);
            return null;
        });
    }

    /** Names of the variables matching the predicate, sorted. */
    List<String> matching(SqlFragment predicate) {
        return db.sessionContext(false, false, session -> {
            Query query = session.createNativeQuery("SELECT name FROM variable WHERE " + predicate.sql());
            predicate.bindTo(query, 1);
            List<String> names = new ArrayList<>();
            for (Object name : query.getResultList()) {
                names.add((String) name);
            }
            names.sort(null);
            return names;
        });
    }

    @Test
    void jsonContainsHasAnyAndHasAllGiveTheSameAnswersOnBothDatabases() {
        createVariables();
        String value = jsonValue();
        record Case(String name, SqlFragment predicate, List<String> expected) {
        }
        List<Case> cases = List.of(
                new Case("contains a", helpers.jsonContains(value, List.of("a")), List.of("arr-abc", "arr-mixed")),
                new Case("contains a, b", helpers.jsonContains(value, List.of("a", "b")), List.of("arr-abc")),
                new Case("contains a, a", helpers.jsonContains(value, List.of("a", "a")), List.of("arr-abc", "arr-mixed")),
                new Case("contains 1", helpers.jsonContains(value, List.of(1)), List.of("arr-mixed", "arr-one")),
                new Case("contains '1'", helpers.jsonContains(value, List.of("1")), List.of("arr-one")),
                new Case("contains 2.50", helpers.jsonContains(value, List.of(new java.math.BigDecimal("2.50"))),
                        List.of("arr-mixed")),
                new Case("contains 1, a", helpers.jsonContains(value, List.of(1L, "a")), List.of("arr-mixed")),
                new Case("contains z", helpers.jsonContains(value, List.of("z")), List.of()),
                new Case("contains nothing", helpers.jsonContains(value, List.of()),
                        List.of("arr-abc", "arr-empty", "arr-mixed", "arr-nested", "arr-one")),
                new Case("has any a", helpers.jsonHasAny(value, List.of("a")), List.of("arr-abc", "arr-mixed", "obj", "str-a")),
                new Case("has any 1", helpers.jsonHasAny(value, List.of("1")), List.of("arr-one")),
                new Case("has any o, zzz", helpers.jsonHasAny(value, List.of("o", "zzz")), List.of("obj")),
                new Case("has any zzz", helpers.jsonHasAny(value, List.of("zzz")), List.of()),
                new Case("has any of none", helpers.jsonHasAny(value, List.of()), List.of()),
                new Case("has all a, b", helpers.jsonHasAll(value, List.of("a", "b")), List.of("arr-abc", "obj")),
                new Case("has all a, c", helpers.jsonHasAll(value, List.of("a", "c")), List.of("arr-abc")),
                new Case("has all c", helpers.jsonHasAll(value, List.of("c")), List.of("arr-abc", "obj-c")),
                new Case("has all of none", helpers.jsonHasAll(value, List.of()), allNames()),
                new Case("tags contain arr, one", helpers.jsonContains(jsonTags(), List.of("arr", "one")), List.of("arr-one")),
                new Case("tags have any obj", helpers.jsonHasAny(jsonTags(), List.of("obj")), List.of("obj", "obj-c")));
        for (Case c : cases) {
            assertThat(matching(c.predicate())).as(c.name()).isEqualTo(c.expected());
        }
        assertThatThrownBy(() -> helpers.jsonContains(value, List.of(true)))
                .isInstanceOf(StratumException.class).hasMessageContaining("strings and numbers only");
        assertThatThrownBy(() -> helpers.jsonHasAny(" ", List.of("a"))).isInstanceOf(StratumException.class);
        assertThatThrownBy(() -> helpers.jsonHasAll(value, Arrays.asList("a", null)))
                .isInstanceOf(StratumException.class).hasMessageContaining("null key");
    }

    @Test
    void jsonTextReadsMembersAsPostgresqlsArrowOperatorDoes() {
        createVariables();
        String value = jsonValue();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a", "1");
        expected.put("b", "x");
        expected.put("t", "true");
        expected.put("f", "false");
        expected.put("n", null);
        expected.put("missing", null);
        expected.put("dotted.key", null);
        expected.forEach((key, text) -> {
            SqlFragment member = helpers.jsonText(value, key);
            List<Object> read = db.sessionContext(false, false, session -> {
                Query query = session.createNativeQuery("SELECT " + member.sql() + " FROM variable WHERE name = 'obj'");
                member.bindTo(query, 1);
                @SuppressWarnings("unchecked")
                List<Object> rows = query.getResultList();
                return rows;
            });
            assertThat(read).as("obj ->> %s", key).containsExactly(text);
        });
        // As a predicate: which values have b = 'x'? Arrays and scalars have no members.
        SqlFragment b = helpers.jsonText(value, "b");
        assertThat(matching(new SqlFragment(b.sql() + " = 'x'", b.parameters()))).containsExactly("obj");
        SqlFragment c = helpers.jsonText(value, "c");
        assertThat(matching(new SqlFragment(c.sql() + " = ?", appended(c.parameters(), "a")))).containsExactly("obj-c");
    }

    /**
     * Keys are looked up by value, never parsed as a JSON path: on SQLite {@code a"."b} once read the
     * nested member {@code a.b} and {@code a"} failed the statement (and the caller's transaction).
     */
    @Test
    void jsonTextReadsAnyKeyLiterallyOnBothDatabases() {
        Map<String, String> documents = new LinkedHashMap<>();
        documents.put("keys-literal", "{\"a\": \"plain\", \"a.b\": \"dotted\", \"a\\\".\\\"b\": \"quoted\", "
                + "\"a\\\"\": \"quote\", \"$\": \"dollar\", \"[0]\": \"bracket\", \"'\": \"apostrophe\", "
                + "\"\u00fc\u20ac\ud83d\ude00\": \"unicode\"}");
        documents.put("keys-nested", "{\"a\": {\"b\": \"nested\"}, \"b\": [\"x\"]}");
        documents.put("keys-array", "[\"a\", \"a.b\", \"$\"]");
        db.inTransaction(session -> {
            documents.forEach((name, json) -> {
                VariableEntity variable = new VariableEntity();
                variable.setName(name);
                variable.setValue(Json.tree(json, "value"));
                session.persist(variable);
            });
            return null;
        });
        record Case(String key, String literal, String nested, String array) {
        }
        List<Case> cases = List.of(
                new Case("a", "plain", "{\"b\":\"nested\"}", null),
                new Case("a.b", "dotted", null, null),
                new Case("a\".\"b", "quoted", null, null),
                new Case("a\"", "quote", null, null),
                new Case("$", "dollar", null, null),
                new Case("[0]", "bracket", null, null),
                new Case("'", "apostrophe", null, null),
                new Case("\u00fc\u20ac\ud83d\ude00", "unicode", null, null),
                new Case("0", null, null, null),
                new Case("", null, null, null));
        for (Case c : cases) {
            SqlFragment member = helpers.jsonText(jsonValue(), c.key());
            Map<String, String> read = db.inTransaction(session -> {
                Query query = session.createNativeQuery("SELECT name, " + member.sql() + " FROM variable WHERE name LIKE 'keys-%'");
                member.bindTo(query, 1);
                Map<String, String> values = new java.util.TreeMap<>();
                for (Object row : query.getResultList()) {
                    Object[] columns = (Object[]) row;
                    // Nested JSON comes back as text whose spacing differs per database.
                    values.put((String) columns[0], columns[1] == null ? null : ((String) columns[1]).replace(" ", ""));
                }
                return values;
            });
            Map<String, String> expected = new java.util.TreeMap<>();
            expected.put("keys-literal", c.literal());
            expected.put("keys-nested", c.nested());
            expected.put("keys-array", c.array());
            assertThat(read).as("value ->> %s", c.key()).isEqualTo(expected);
        }
        // As a predicate, with the value bound after the key.
        SqlFragment quoted = helpers.jsonText(jsonValue(), "a\".\"b");
        assertThat(matching(new SqlFragment(quoted.sql() + " = ?", appended(quoted.parameters(), "quoted"))))
                .containsExactly("keys-literal");
    }

    /** Predicates of {@link QueryHelpers#MAX_KEYS} keys or values (PostgreSQL functions take 100 arguments). */
    @Test
    void jsonPredicatesTakeTheirMaximumOfKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < QueryHelpers.MAX_KEYS; i++) {
            keys.add("key." + i);
        }
        db.inTransaction(session -> {
            VariableEntity all = new VariableEntity();
            all.setName("all-keys");
            all.setValue(Json.tree(Json.write(keys, "value"), "value"));
            session.persist(all);
            VariableEntity some = new VariableEntity();
            some.setName("some-keys");
            some.setValue(Json.tree(Json.write(keys.subList(0, 150), "value"), "value"));
            session.persist(some);
            return null;
        });
        assertThat(matching(helpers.jsonContains(jsonValue(), keys))).containsExactly("all-keys");
        assertThat(matching(helpers.jsonHasAll(jsonValue(), keys))).containsExactly("all-keys");
        assertThat(matching(helpers.jsonHasAny(jsonValue(), keys.subList(149, QueryHelpers.MAX_KEYS))))
                .containsExactly("all-keys", "some-keys");
        assertThat(matching(helpers.jsonContains(jsonValue(), keys.subList(0, 150)))).containsExactly("all-keys", "some-keys");
    }

    static List<Object> appended(List<Object> parameters, Object value) {
        List<Object> all = new ArrayList<>(parameters);
        all.add(value);
        return all;
    }

    static List<String> allNames() {
        // Every variable holding JSON: the one whose value is NULL has no keys to test.
        List<String> names = new ArrayList<>(VALUES.keySet());
        names.sort(null);
        return names;
    }

    /** {@code variable.value} as the JSON predicates take it: PostgreSQL's operators need jsonb. */
    String jsonValue() {
        return "variable.value";
    }

    String jsonTags() {
        return "variable.tags";
    }
}
