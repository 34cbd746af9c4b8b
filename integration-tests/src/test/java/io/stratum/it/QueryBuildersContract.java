package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.api.query.PortableCriteria;
import io.stratum.api.query.PortableSql;
import io.stratum.api.query.QueryHelpers;
import io.stratum.api.query.SqlFragment;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.VariableEntity;
import io.stratum.orm.types.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference's portable helpers (§3, §3.1) in both forms, native SQL and Criteria: the expected
 * answers are written once, so both databases, through both forms, must give exactly these.
 */
abstract class QueryBuildersContract {
    static final Instant EXPECTED = Instant.parse("2026-03-01T10:00:00.123456Z");
    static final Instant STARTED = Instant.parse("2026-03-01T10:05:30.654321Z");
    static final Duration TOTAL = Duration.parse("PT1H0.000001S");
    static final Duration STEP = Duration.parse("PT90M0.000007S");

    protected TestDatabase database;
    protected DatabaseInterface db;
    protected QueryHelpers helpers;
    protected PortableSql sql;
    UUID runId;

    abstract TestDatabase newDatabase();

    /** {@code uses_json_strings} of this dialect (the reference: PostgreSQL false, SQLite true). */
    abstract boolean usesJsonStrings();

    @BeforeEach
    void open() {
        database = newDatabase();
        db = Stratum.open(database.settings().migrateOnStart(true).build());
        helpers = db.queries().helpers();
        sql = helpers.sql();
        db.inTransaction(session -> {
            FlowEntity flow = new FlowEntity("built");
            session.persist(flow);
            FlowRunEntity run = new FlowRunEntity(flow.getId());
            run.setName("r1");
            run.setRunCount(3);
            run.setTags(List.of("a", "b"));
            run.setExpectedStartTime(EXPECTED);
            run.setStartTime(STARTED);
            run.setTotalRunTime(TOTAL);
            session.persist(run);
            FlowRunEntity other = new FlowRunEntity(flow.getId());
            other.setName("r2");
            other.setTags(List.of());
            session.persist(other);
            runId = run.getId();
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
        database.close();
    }

    // ---- reading values the same way from both databases' native results

    static Instant instant(Object raw) {
        if (raw == null || raw instanceof Instant) {
            return (Instant) raw;
        }
        if (raw instanceof java.sql.Timestamp) {
            return ((java.sql.Timestamp) raw).toInstant();
        }
        if (raw instanceof OffsetDateTime) {
            return ((OffsetDateTime) raw).toInstant();
        }
        return LocalDateTime.parse(raw.toString().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    static Duration duration(Object raw) {
        return raw == null || raw instanceof Duration ? (Duration) raw : Duration.between(Instant.EPOCH, instant(raw));
    }

    static JsonNode json(Object raw) {
        return raw == null ? null : Json.tree(raw.toString(), "result");
    }

    /** The single row of {@code SELECT <fragments> FROM flow_run fr WHERE fr.id = run}. */
    Object[] nativeRow(SqlFragment... fragments) {
        return db.sessionContext(false, false, session -> {
            List<String> columns = new ArrayList<>();
            List<Object> parameters = new ArrayList<>();
            for (SqlFragment fragment : fragments) {
                columns.add(fragment.sql());
                parameters.addAll(fragment.parameters());
            }
            Query query = session.createNativeQuery("SELECT " + String.join(", ", columns) + ", 0 FROM flow_run fr WHERE fr.id = ?");
            int next = new SqlFragment("", List.of()).bindTo(query, 1);
            for (Object parameter : parameters) {
                query.setParameter(next++, parameter);
            }
            query.setParameter(next, runId);
            return (Object[]) query.getSingleResult();
        });
    }

    /** The single row of a Criteria query over the run, selecting what {@code select} builds. */
    Object[] criteriaRow(BiFunction<PortableCriteria, Root<FlowRunEntity>, List<Expression<?>>> select) {
        return db.sessionContext(false, false, session -> {
            CriteriaBuilder cb = session.getCriteriaBuilder();
            CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
            Root<FlowRunEntity> run = query.from(FlowRunEntity.class);
            List<Expression<?>> items = new ArrayList<>(select.apply(helpers.criteria(cb), run));
            items.add(cb.literal(0));
            query.multiselect(items.toArray(new jakarta.persistence.criteria.Selection<?>[0]))
                    .where(cb.equal(run.get("id"), runId));
            return session.createQuery(query).getSingleResult();
        });
    }

    @Test
    void dateAndIntervalArithmeticIsExactToTheMicrosecondInBothForms() {
        Instant plusStep = STARTED.plus(STEP);
        Duration gap = Duration.between(EXPECTED, STARTED);
        double gapSeconds = ChronoUnit.MICROS.between(EXPECTED, STARTED) / 1_000_000.0;

        Object[] row = nativeRow(
                sql.dateAdd(SqlFragment.of("fr.start_time"), sql.value(STEP)),
                sql.dateDiff(SqlFragment.of("fr.start_time"), SqlFragment.of("fr.expected_start_time")),
                sql.dateDiff(SqlFragment.of("fr.expected_start_time"), SqlFragment.of("fr.start_time")),
                sql.dateDiffSeconds(SqlFragment.of("fr.start_time"), SqlFragment.of("fr.expected_start_time")),
                sql.intervalAdd(SqlFragment.of("fr.total_run_time"), sql.value(STEP)),
                sql.dateAdd(sql.value(Instant.parse("1969-12-31T23:59:59.999999Z")), sql.value(Duration.ofNanos(2_000))));
        assertThat(instant(row[0])).isEqualTo(plusStep);
        assertThat(duration(row[1])).isEqualTo(gap);
        assertThat(duration(row[2])).isEqualTo(gap.negated());
        assertThat(((Number) row[3]).doubleValue()).isEqualTo(gapSeconds);
        assertThat(duration(row[4])).isEqualTo(TOTAL.plus(STEP));
        assertThat(instant(row[5])).isEqualTo(Instant.parse("1970-01-01T00:00:00.000001Z"));

        Object[] criteria = criteriaRow((pc, run) -> {
            Path<Instant> started = run.get("startTime");
            Path<Instant> expected = run.get("expectedStartTime");
            CriteriaBuilder cb = db.sessionContext(false, false, EntityManager::getCriteriaBuilder);
            return List.of(pc.dateAdd(started, cb.literal(STEP)), pc.dateDiff(started, expected),
                    pc.dateDiff(expected, started), pc.dateDiffSeconds(started, expected),
                    pc.intervalAdd(run.get("totalRunTime"), cb.literal(STEP)),
                    pc.dateAdd(cb.literal(Instant.parse("1969-12-31T23:59:59.999999Z")), cb.literal(Duration.ofNanos(2_000))));
        });
        assertThat(instant(criteria[0])).isEqualTo(plusStep);
        assertThat(duration(criteria[1])).isEqualTo(gap);
        assertThat(duration(criteria[2])).isEqualTo(gap.negated());
        assertThat(((Number) criteria[3]).doubleValue()).isEqualTo(gapSeconds);
        assertThat(duration(criteria[4])).isEqualTo(TOTAL.plus(STEP));
        assertThat(instant(criteria[5])).isEqualTo(Instant.parse("1970-01-01T00:00:00.000001Z"));
    }

    @Test
    void greatestAndLeastIgnoreNullsOnBothDatabases() {
        Object[] row = nativeRow(
                sql.greatest(SqlFragment.of("fr.expected_start_time"), SqlFragment.of("fr.end_time"), SqlFragment.of("fr.start_time")),
                sql.least(SqlFragment.of("fr.end_time"), SqlFragment.of("fr.start_time"), SqlFragment.of("fr.expected_start_time")),
                sql.greatest(SqlFragment.of("fr.end_time"), SqlFragment.of("fr.end_time")),
                sql.greatest(SqlFragment.of("fr.end_time")),
                sql.least(sql.value(7), SqlFragment.of("fr.run_count")),
                sql.greatest(SqlFragment.of("fr.start_time")));
        assertThat(instant(row[0])).isEqualTo(STARTED);
        assertThat(instant(row[1])).isEqualTo(EXPECTED);
        assertThat(row[2]).isNull();
        assertThat(row[3]).isNull();
        assertThat(((Number) row[4]).intValue()).isEqualTo(3);
        assertThat(instant(row[5])).isEqualTo(STARTED);

        Object[] criteria = criteriaRow((pc, run) -> {
            Path<Instant> started = run.get("startTime");
            Path<Instant> expected = run.get("expectedStartTime");
            Path<Instant> ended = run.get("endTime");
            return List.of(pc.greatest(List.of(expected, ended, started)), pc.least(List.of(ended, started, expected)),
                    pc.greatest(List.of(ended, ended)));
        });
        assertThat(instant(criteria[0])).isEqualTo(STARTED);
        assertThat(instant(criteria[1])).isEqualTo(EXPECTED);
        assertThat(criteria[2]).isNull();
        assertThatThrownBy(() -> sql.greatest()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one value");
    }

    @Test
    void nowIsTheQuerysTimeInTheTimestampColumnsForm() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Object[] row = nativeRow(sql.now(), sql.dateDiffSeconds(SqlFragment.of("fr.start_time")));
        Object[] criteria = criteriaRow((pc, run) -> List.of(pc.now(), pc.dateDiffSeconds(run.get("startTime"))));
        Instant after = Instant.now();
        for (Object[] r : List.of(row, criteria)) {
            Instant now = instant(r[0]);
            assertThat(now).isBetween(before, after);
            double sinceStart = ((Number) r[1]).doubleValue();
            assertThat(sinceStart).isEqualTo(ChronoUnit.MICROS.between(STARTED, now) / 1_000_000.0);
        }
        // As a filter against stored timestamps: the run expected in the past, the other never.
        List<Object> names = db.sessionContext(false, false, session -> {
            SqlFragment now = sql.now();
            Query query = session.createNativeQuery("SELECT name FROM flow_run WHERE expected_start_time <= " + now.sql());
            now.bindTo(query, 1);
            return new ArrayList<Object>(query.getResultList());
        });
        assertThat(names).containsExactly((Object) "r1");

        // The README's example: runs more than five minutes late.
        List<FlowRunEntity> late = db.sessionContext(false, false, session -> {
            CriteriaBuilder cb = session.getCriteriaBuilder();
            PortableCriteria portable = db.queries().helpers().criteria(cb);
            CriteriaQuery<FlowRunEntity> query = cb.createQuery(FlowRunEntity.class);
            Root<FlowRunEntity> run = query.from(FlowRunEntity.class);
            query.where(cb.greaterThan(portable.dateDiffSeconds(run.get("expectedStartTime")), 300.0));
            return session.createQuery(query).getResultList();
        });
        assertThat(late).extracting(FlowRunEntity::getName).containsExactly("r1");
    }

    @Test
    void jsonIsBuiltAndAggregatedAlikeInBothForms() {
        assertThat(helpers.usesJsonStrings()).isEqualTo(usesJsonStrings());
        Map<String, SqlFragment> members = new LinkedHashMap<>();
        members.put("name", SqlFragment.of("fr.name"));
        members.put("runs", SqlFragment.of("fr.run_count"));
        members.put("tags", sql.castToJson(SqlFragment.of("fr.tags")));
        members.put("nothing", SqlFragment.of("NULL"));
        members.put("nested", sql.buildJsonObject(Map.of("k", sql.json("[1, {\"x\": true}]"))));
        JsonNode expected = Json.tree("{\"name\": \"r1\", \"runs\": 3, \"tags\": [\"a\", \"b\"], \"nothing\": null,"
                + " \"nested\": {\"k\": [1, {\"x\": true}]}}", "expected");
        assertThat(json(nativeRow(sql.buildJsonObject(members))[0])).isEqualTo(expected);

        Object[] criteria = criteriaRow((pc, run) -> {
            Map<String, Expression<?>> criteriaMembers = new LinkedHashMap<>();
            criteriaMembers.put("name", run.get("name"));
            criteriaMembers.put("runs", run.get("runCount"));
            criteriaMembers.put("label", db.sessionContext(false, false, EntityManager::getCriteriaBuilder).literal("l"));
            criteriaMembers.put("tags", pc.castToJson(run.get("tags")));
            criteriaMembers.put("nested", pc.buildJsonObject(Map.of("k", pc.json("[1, {\"x\": true}]"))));
            return List.of(pc.buildJsonObject(criteriaMembers));
        });
        JsonNode withoutNull = expected.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) withoutNull).remove("nothing");
        ((com.fasterxml.jackson.databind.node.ObjectNode) withoutNull).put("label", "l");
        assertThat(json(criteria[0])).isEqualTo(withoutNull);

        // Aggregates: every run's name and tags; no rows give [] on both.
        List<?> aggregated = db.sessionContext(false, false, session -> {
            SqlFragment names = sql.jsonArrayAgg(SqlFragment.of("fr.name"));
            SqlFragment tags = sql.jsonArrayAgg(sql.castToJson(SqlFragment.of("fr.tags")));
            SqlFragment none = sql.jsonArrayAgg(SqlFragment.of("fr.name"));
            Query query = session.createNativeQuery("SELECT " + names.sql() + ", " + tags.sql()
                    + ", (SELECT " + none.sql() + " FROM flow_run fr WHERE 1 = 0) FROM flow_run fr");
            return List.of((Object[]) query.getSingleResult());
        });
        assertThat(sorted(json(aggregated.get(0)))).containsExactly("\"r1\"", "\"r2\"");
        assertThat(sorted(json(aggregated.get(1)))).containsExactly("[\"a\",\"b\"]", "[]");
        assertThat(json(aggregated.get(2))).isEqualTo(Json.tree("[]", "expected"));

        String criteriaNames = db.sessionContext(false, false, session -> {
            CriteriaBuilder cb = session.getCriteriaBuilder();
            CriteriaQuery<String> query = cb.createQuery(String.class);
            Root<FlowRunEntity> run = query.from(FlowRunEntity.class);
            query.select(helpers.criteria(cb).jsonArrayAgg(run.get("name")));
            return session.createQuery(query).getSingleResult();
        });
        assertThat(sorted(json(criteriaNames))).containsExactly("\"r1\"", "\"r2\"");
    }

    static List<String> sorted(JsonNode array) {
        List<String> elements = new ArrayList<>();
        array.forEach(element -> elements.add(element.toString()));
        elements.sort(null);
        return elements;
    }

    // ---- JSON containment, nested, both directions, subquery; has-any / has-all

    static final Map<String, String> DOCUMENTS = new LinkedHashMap<>();

    static {
        DOCUMENTS.put("obj-nested", "{\"a\": {\"b\": [1, 2, {\"c\": \"x\"}]}, \"d\": true}");
        DOCUMENTS.put("arr-objs", "[{\"id\": 1, \"tags\": [\"x\", \"y\"]}, {\"id\": 2}]");
        DOCUMENTS.put("arr-nested", "[[1, 2], [3, [4, 5]], \"s\"]");
        DOCUMENTS.put("arr-scalars", "[\"s\", 1, null, false]");
        DOCUMENTS.put("scalar-s", "\"s\"");
        DOCUMENTS.put("num", "1.0");
        DOCUMENTS.put("empty-obj", "{}");
        DOCUMENTS.put("empty-arr", "[]");
        // Needles the subquery cases read (never haystacks: the queries leave them out).
        DOCUMENTS.put("needle-obj", "{\"a\": {\"b\": [{\"c\": \"x\"}]}}");
        DOCUMENTS.put("needle-deep", "[[[4, 5]]]");
    }

    void createDocuments() {
        db.inTransaction(session -> {
            DOCUMENTS.forEach((name, text) -> {
                VariableEntity variable = new VariableEntity();
                variable.setName(name);
                variable.setValue(Json.tree(text, "value"));
                variable.setTags(List.of(name.split("-")));
                session.persist(variable);
            });
            VariableEntity none = new VariableEntity();
            none.setName("null-value");
            session.persist(none);
            return null;
        });
    }

    List<String> nativeMatches(SqlFragment predicate) {
        return db.sessionContext(false, false, session -> {
            Query query = session.createNativeQuery("SELECT name FROM variable WHERE name NOT LIKE 'needle-%' AND "
                    + predicate.sql() + " ORDER BY name");
            predicate.bindTo(query, 1);
            List<String> names = new ArrayList<>();
            query.getResultList().forEach(name -> names.add((String) name));
            return names;
        });
    }

    List<String> criteriaMatches(Function<Root<VariableEntity>, Function<CriteriaQuery<String>,
            Function<PortableCriteria, Expression<Boolean>>>> predicate) {
        return db.sessionContext(false, false, session -> {
            CriteriaBuilder cb = session.getCriteriaBuilder();
            CriteriaQuery<String> query = cb.createQuery(String.class);
            Root<VariableEntity> variable = query.from(VariableEntity.class);
            Expression<Boolean> condition = predicate.apply(variable).apply(query).apply(helpers.criteria(cb));
            query.select(variable.get("name"))
                    .where(cb.notLike(variable.get("name"), "needle-%"), cb.isTrue(condition))
                    .orderBy(cb.asc(variable.get("name")));
            return session.createQuery(query).getResultList();
        });
    }

    static final SqlFragment VALUE = SqlFragment.of("variable.value");

    @Test
    void jsonContainmentOfNestedValuesInBothDirectionsAndForms() {
        createDocuments();
        record Case(String needle, List<String> containers) {
        }
        List<Case> columnContains = List.of(
                new Case("{\"a\": {\"b\": [{\"c\": \"x\"}]}}", List.of("obj-nested")),
                new Case("{\"a\": {\"b\": [2, 1]}}", List.of("obj-nested")),
                new Case("{\"a\": {\"b\": 1}}", List.of()),
                new Case("{\"d\": true}", List.of("obj-nested")),
                new Case("{}", List.of("empty-obj", "obj-nested")),
                new Case("[{\"id\": 1}]", List.of("arr-objs")),
                new Case("[{\"tags\": [\"y\"]}, {\"id\": 2}]", List.of("arr-objs")),
                new Case("[{\"tags\": [\"y\"], \"id\": 2}]", List.of()),
                new Case("[[5, 4]]", List.of()),
                new Case("[[[4, 5]]]", List.of("arr-nested")),
                new Case("[[3]]", List.of("arr-nested")),
                new Case("[\"s\"]", List.of("arr-nested", "arr-scalars")),
                new Case("\"s\"", List.of("arr-nested", "arr-scalars", "scalar-s")),
                new Case("[]", List.of("arr-nested", "arr-objs", "arr-scalars", "empty-arr")),
                new Case("[null, false]", List.of("arr-scalars")),
                new Case("1", List.of("arr-scalars", "num")),
                new Case("[1.0]", List.of("arr-scalars")),
                new Case("[true]", List.of()));
        for (Case c : columnContains) {
            assertThat(nativeMatches(sql.jsonContains(VALUE, sql.json(c.needle())))).as("value @> %s", c.needle())
                    .isEqualTo(c.containers());
            assertThat(criteriaMatches(v -> q -> pc -> pc.jsonContains(v.get("value"), pc.json(c.needle()))))
                    .as("Criteria value @> %s", c.needle()).isEqualTo(c.containers());
        }
        List<Case> literalContains = List.of(
                new Case("[[1, 2, 9], [3, [4, 5]], \"s\", \"t\"]", List.of("arr-nested", "empty-arr", "scalar-s")),
                new Case("{\"a\": {\"b\": [1, 2, {\"c\": \"x\", \"e\": 0}], \"z\": 1}, \"d\": true, \"q\": []}",
                        List.of("empty-obj", "obj-nested")),
                new Case("[\"s\", 1, null, false, {\"id\": 1}]", List.of("arr-scalars", "empty-arr", "num", "scalar-s")));
        for (Case c : literalContains) {
            assertThat(nativeMatches(sql.jsonContains(sql.json(c.needle()), VALUE))).as("%s @> value", c.needle())
                    .isEqualTo(c.containers());
            assertThat(criteriaMatches(v -> q -> pc -> pc.jsonContains(pc.json(c.needle()), v.get("value"))))
                    .as("Criteria %s @> value", c.needle()).isEqualTo(c.containers());
        }
        // Column ⊇ subquery: the needles stored in other rows.
        for (Map.Entry<String, List<String>> c : Map.of("needle-obj", List.of("obj-nested"),
                "needle-deep", List.of("arr-nested")).entrySet()) {
            SqlFragment needle = new SqlFragment("SELECT n.value FROM variable n WHERE n.name = ?", List.of(c.getKey()));
            assertThat(nativeMatches(sql.jsonContains(VALUE, needle))).as("value @> %s", c.getKey()).isEqualTo(c.getValue());
            assertThat(criteriaMatches(v -> q -> pc -> {
                Subquery<Object> sub = q.subquery(Object.class);
                Root<VariableEntity> n = sub.from(VariableEntity.class);
                CriteriaBuilder cb = db.sessionContext(false, false, EntityManager::getCriteriaBuilder);
                sub.select(n.get("value")).where(cb.equal(n.get("name"), c.getKey()));
                return pc.jsonContains(v.get("value"), sub);
            })).as("Criteria value @> %s", c.getKey()).isEqualTo(c.getValue());
        }
        // NULL on either side is NULL (no row), as PostgreSQL answers.
        assertThat(nativeMatches(new SqlFragment("(" + sql.jsonContains(VALUE, SqlFragment.of("NULL")).sql() + ") IS NULL",
                List.of()))).hasSize(DOCUMENTS.size() - 2 + 1);

        StringBuilder tooDeep = new StringBuilder();
        tooDeep.append("[".repeat(QueryHelpers.MAX_JSON_DEPTH + 1)).append("]".repeat(QueryHelpers.MAX_JSON_DEPTH + 1));
        assertThatThrownBy(() -> sql.json(tooDeep.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested " + (QueryHelpers.MAX_JSON_DEPTH + 1) + " levels deep");
        assertThatThrownBy(() -> sql.json("{\"a\": ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed JSON");
    }

    /** Two stored values nested {@code levels} deep ({@code deep-a} ⊇ {@code deep-b} when equal); the predicate {@code deep-a ⊇ deep-b}. */
    SqlFragment deepContainment(int levels) {
        String nested = "[".repeat(levels) + "1" + "]".repeat(levels);
        db.inTransaction(session -> {
            for (String name : List.of("deep-a", "deep-b")) {
                VariableEntity variable = new VariableEntity();
                variable.setName(name);
                variable.setValue(Json.tree(nested, "value"));
                session.persist(variable);
            }
            return null;
        });
        return sql.jsonContains(VALUE, new SqlFragment("SELECT n.value FROM variable n WHERE n.name = ?", List.of("deep-b")));
    }

    @Test
    void containmentAtTheDepthLimitAnswersOnBothDatabases() {
        SqlFragment predicate = deepContainment(QueryHelpers.MAX_JSON_DEPTH);
        assertThat(nativeMatches(predicate)).containsExactly("deep-a", "deep-b");
    }

    @Test
    void hasAnyAndHasAllAnswerAlikeInBothForms() {
        createDocuments();
        record Case(String name, List<String> keys, boolean all, List<String> expected) {
        }
        List<Case> cases = List.of(
                new Case("any a, d", List.of("a", "d"), false, List.of("obj-nested")),
                new Case("any s", List.of("s"), false, List.of("arr-nested", "arr-scalars", "scalar-s")),
                new Case("any zzz", List.of("zzz"), false, List.of()),
                new Case("any of none", List.of(), false, List.of()),
                new Case("all a, d", List.of("a", "d"), true, List.of("obj-nested")),
                new Case("all a, zzz", List.of("a", "zzz"), true, List.of()),
                new Case("all s, s", List.of("s", "s"), true, List.of("arr-nested", "arr-scalars", "scalar-s")));
        for (Case c : cases) {
            SqlFragment predicate = c.all() ? sql.jsonHasAll(VALUE, c.keys()) : sql.jsonHasAny(VALUE, c.keys());
            assertThat(nativeMatches(predicate)).as(c.name()).isEqualTo(c.expected());
            assertThat(criteriaMatches(v -> q -> pc -> c.all() ? pc.jsonHasAll(v.get("value"), c.keys())
                    : pc.jsonHasAny(v.get("value"), c.keys()))).as("Criteria " + c.name()).isEqualTo(c.expected());
        }
    }
}
