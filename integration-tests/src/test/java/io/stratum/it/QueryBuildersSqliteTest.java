package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.query.QueryHelpers;
import io.stratum.api.query.SqlFragment;
import org.junit.jupiter.api.Test;

class QueryBuildersSqliteTest extends QueryBuildersContract {

    /** Past the unrolled depth SQLite fails the statement, naming the limit, rather than answer wrongly. */
    @Test
    void containmentDeeperThanTheLimitFailsNamingIt() {
        SqlFragment predicate = deepContainment(QueryHelpers.MAX_JSON_DEPTH + 1);
        assertThatThrownBy(() -> nativeMatches(predicate))
                .hasStackTraceContaining("JSON nested deeper than " + QueryHelpers.MAX_JSON_DEPTH + " levels")
                .hasStackTraceContaining("QueryHelpers.MAX_JSON_DEPTH");
    }

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    boolean usesJsonStrings() {
        return true;
    }
}
