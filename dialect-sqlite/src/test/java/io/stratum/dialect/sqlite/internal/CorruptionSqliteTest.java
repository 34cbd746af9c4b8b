package io.stratum.dialect.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Which SQLite errors mean a damaged file: SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), extended codes included. */
class CorruptionSqliteTest {
    private final SqliteDialect dialect = new SqliteDialect();

    @ParameterizedTest
    @EnumSource(SQLiteErrorCode.class)
    void onlyCorruptAndNotADatabaseCodesAreDamage(SQLiteErrorCode code) {
        boolean damage = (code.code & 0xff) == 11 || (code.code & 0xff) == 26;
        assertThat(dialect.isCorruption(new SQLiteException(code.message, code))).as(code.name()).isEqualTo(damage);
    }

    @ParameterizedTest
    @EnumSource(value = SQLiteErrorCode.class, names = {"SQLITE_CORRUPT", "SQLITE_NOTADB"})
    void aWrappedDriverMessageIsRecognisedToo(SQLiteErrorCode code) {
        SQLiteException driver = new SQLiteException("[" + code.name() + "] " + code.message, code);
        assertThat(dialect.isCorruption(new SQLException(driver.getMessage(), null, 0, driver))).isTrue();
        assertThat(dialect.isCorruption(new SQLException("[SQLITE_BUSY] The database file is locked"))).isFalse();
    }
}
