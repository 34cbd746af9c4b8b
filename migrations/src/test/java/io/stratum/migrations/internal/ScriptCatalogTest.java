package io.stratum.migrations.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.Dialect;
import io.stratum.api.MigrationException;
import io.stratum.migrations.RevisionScripts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScriptCatalogTest {
    /** The two dialects Stratum ships, as their modules describe them (they are not on this module's test path). */
    static final Dialect POSTGRESQL = Dialect.builder("postgresql").displayName("PostgreSQL")
            .urlPrefixes("jdbc:postgresql:").artifactId("stratum-dialect-postgres").maxQueryParameters(32_767).build();
    static final Dialect SQLITE = Dialect.builder("sqlite").displayName("SQLite")
            .urlPrefixes("jdbc:sqlite:").artifactId("stratum-dialect-sqlite").maxQueryParameters(999).build();

    static Stream<Dialect> dialects() {
        return Stream.of(POSTGRESQL, SQLITE);
    }


    @ParameterizedTest
    @MethodSource("dialects")
    void everyBundledRevisionHasAnUpAndADownScript(Dialect dialect) {
        RevisionScripts bundled = RevisionScripts.bundled();
        List<String> ups = bundled.fileNames(dialect);
        assertThat(ups).isNotEmpty().allMatch(name -> RevisionScripts.FILE_NAME.matcher(name).matches());
        for (String up : ups) {
            assertThat(bundled.down(dialect, up)).as("down script of %s/%s", dialect.id(), up).isPresent();
            assertThat(bundled.down(dialect, up).orElseThrow()).isNotBlank();
        }
        // No down script without its up script (a renamed revision would leave one behind).
        assertThat(BundledScripts.upFileNames(dialect.schemaFamily())).containsExactlyInAnyOrderElementsOf(ups);
        assertThat(BundledScripts.downFileNames(dialect.schemaFamily())).containsExactlyInAnyOrderElementsOf(ups);
        ScriptCatalog catalog = ScriptCatalog.of(bundled, dialect);
        assertThat(catalog.ids()).isSortedAccordingTo(Versions.ORDER).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void everyBundledDownScriptSplitsIntoStatements(Dialect dialect) {
        RevisionScripts bundled = RevisionScripts.bundled();
        for (String up : bundled.fileNames(dialect)) {
            assertThat(SqlStatements.split(bundled.down(dialect, up).orElseThrow())).as(up).isNotEmpty()
                    .allMatch(statement -> !statement.isBlank() && !statement.endsWith(";"));
        }
    }

    @Test
    void unknownRevisionsAreRefusedNamingTheKnownOnes() {
        ScriptCatalog catalog = ScriptCatalog.of(RevisionScripts.empty()
                .with(SQLITE, "V1__a.sql", "CREATE TABLE a (x INT)", "DROP TABLE a")
                .with(SQLITE, "V2__b.sql", "CREATE TABLE b (x INT)", "DROP TABLE b"), SQLITE);
        assertThat(catalog.resolveUpgradeTarget(null)).isEqualTo("2");
        assertThat(catalog.resolveUpgradeTarget("head")).isEqualTo("2");
        assertThat(catalog.resolveUpgradeTarget(" 1 ")).isEqualTo("1");
        assertThatThrownBy(() -> catalog.resolveUpgradeTarget("7"))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("Unknown revision '7'").hasMessageContaining("1, 2");
        assertThatThrownBy(() -> catalog.resolveKnown("x", "downgrade")).hasMessageContaining("'base', '-N'");
    }

    @Test
    void revisionsSortByVersionNumberNotByName() {
        RevisionScripts scripts = RevisionScripts.empty()
                .with(POSTGRESQL, "V10__ten.sql", "SELECT 10", "SELECT 10")
                .with(POSTGRESQL, "V2__two.sql", "SELECT 2", "SELECT 2")
                .with(POSTGRESQL, "V2_1__two_one.sql", "SELECT 21", null);
        assertThat(scripts.fileNames(POSTGRESQL)).containsExactly("V2__two.sql", "V2_1__two_one.sql", "V10__ten.sql");
        ScriptCatalog catalog = ScriptCatalog.of(scripts, POSTGRESQL);
        assertThat(catalog.ids()).containsExactly("2", "2.1", "10");
        assertThat(catalog.revisions().get(1).description()).isEqualTo("two one");
        assertThatThrownBy(() -> catalog.down(catalog.scripts().get(1)))
                .hasMessageContaining("has no down script").hasMessageContaining("Nothing was changed");
        assertThatThrownBy(() -> ScriptCatalog.of(scripts, SQLITE)).hasMessageContaining("No migration scripts");
    }

    @Test
    void twoScriptsOfOneVersionAreRefused() {
        RevisionScripts scripts = RevisionScripts.empty()
                .with(SQLITE, "V2__a.sql", "SELECT 1", "SELECT 1")
                .with(SQLITE, "V2_0__b.sql", "SELECT 1", "SELECT 1");
        assertThatThrownBy(() -> ScriptCatalog.of(scripts, SQLITE)).hasMessageContaining("version");
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(Versions.compare("2", "10")).isNegative();
        assertThat(Versions.compare("2.0", "2")).isZero();
        assertThat(Versions.compare("2.1", "2")).isPositive();
        assertThat(Versions.compare("x", "9999")).isPositive();
    }
}
