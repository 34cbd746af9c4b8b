package io.stratum.migrations.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.Dialect;
import io.stratum.api.MigrationException;
import io.stratum.migrations.RevisionScripts;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScriptCatalogTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyBundledRevisionHasAnUpAndADownScript(Dialect dialect) {
        RevisionScripts bundled = RevisionScripts.bundled();
        List<String> ups = bundled.fileNames(dialect);
        assertThat(ups).isNotEmpty().allMatch(name -> RevisionScripts.FILE_NAME.matcher(name).matches());
        for (String up : ups) {
            assertThat(bundled.down(dialect, up)).as("down script of %s/%s", dialect.id(), up).isPresent();
            assertThat(bundled.down(dialect, up).orElseThrow()).isNotBlank();
        }
        // No down script without its up script (a renamed revision would leave one behind).
        assertThat(BundledScripts.upFileNames(dialect)).containsExactlyInAnyOrderElementsOf(ups);
        assertThat(BundledScripts.downFileNames(dialect)).containsExactlyInAnyOrderElementsOf(ups);
        ScriptCatalog catalog = ScriptCatalog.of(bundled, dialect);
        assertThat(catalog.ids()).isSortedAccordingTo(Versions.ORDER).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
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
                .with(Dialect.SQLITE, "V1__a.sql", "CREATE TABLE a (x INT)", "DROP TABLE a")
                .with(Dialect.SQLITE, "V2__b.sql", "CREATE TABLE b (x INT)", "DROP TABLE b"), Dialect.SQLITE);
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
                .with(Dialect.POSTGRESQL, "V10__ten.sql", "SELECT 10", "SELECT 10")
                .with(Dialect.POSTGRESQL, "V2__two.sql", "SELECT 2", "SELECT 2")
                .with(Dialect.POSTGRESQL, "V2_1__two_one.sql", "SELECT 21", null);
        assertThat(scripts.fileNames(Dialect.POSTGRESQL)).containsExactly("V2__two.sql", "V2_1__two_one.sql", "V10__ten.sql");
        ScriptCatalog catalog = ScriptCatalog.of(scripts, Dialect.POSTGRESQL);
        assertThat(catalog.ids()).containsExactly("2", "2.1", "10");
        assertThat(catalog.revisions().get(1).description()).isEqualTo("two one");
        assertThatThrownBy(() -> catalog.down(catalog.scripts().get(1)))
                .hasMessageContaining("has no down script").hasMessageContaining("Nothing was changed");
        assertThatThrownBy(() -> ScriptCatalog.of(scripts, Dialect.SQLITE)).hasMessageContaining("No migration scripts");
    }

    @Test
    void twoScriptsOfOneVersionAreRefused() {
        RevisionScripts scripts = RevisionScripts.empty()
                .with(Dialect.SQLITE, "V2__a.sql", "SELECT 1", "SELECT 1")
                .with(Dialect.SQLITE, "V2_0__b.sql", "SELECT 1", "SELECT 1");
        assertThatThrownBy(() -> ScriptCatalog.of(scripts, Dialect.SQLITE)).hasMessageContaining("version");
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(Versions.compare("2", "10")).isNegative();
        assertThat(Versions.compare("2.0", "2")).isZero();
        assertThat(Versions.compare("2.1", "2")).isPositive();
        assertThat(Versions.compare("x", "9999")).isPositive();
    }
}
