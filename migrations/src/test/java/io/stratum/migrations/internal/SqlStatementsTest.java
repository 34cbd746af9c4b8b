package io.stratum.migrations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        assertThat(SqlStatements.split("""
                -- a comment; with a semicolon
                DROP TABLE a;  /* block; comment */
                INSERT INTO b VALUES ('x;y', "q;""z");
                CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END $body$ LANGUAGE plpgsql;
                SELECT 1""")).containsExactly(
                "DROP TABLE a",
                "INSERT INTO b VALUES ('x;y', \"q;\"\"z\")",
                "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END $body$ LANGUAGE plpgsql",
                "SELECT 1");
    }

    @Test
    void keepsATriggerBodyWhole() {
        assertThat(SqlStatements.split("""
                CREATE TRIGGER t AFTER INSERT ON a BEGIN
                  UPDATE b SET n = CASE WHEN n > 1 THEN 0 ELSE n END;
                  DELETE FROM c;
                END;
                DROP INDEX ix;""")).hasSize(2)
                .last().isEqualTo("DROP INDEX ix");
    }

    @Test
    void ignoresEmptyStatementsAndCommentOnlyScripts() {
        assertThat(SqlStatements.split("-- nothing\n;;\n  ;")).isEmpty();
    }
}
