package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each module descriptor is a contract: what a module exports, opens, requires, provides and uses is
 * compared with a checked-in description ({@code module-descriptors/<module>.txt}). A change to a
 * descriptor — an internal package exported by mistake, a service no longer provided — fails here and
 * must be made on purpose, by updating the description.
 */
class ModuleDescriptorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"io.stratum.api", "io.stratum.orm", "io.stratum.queries", "io.stratum.dialect.postgres",
        "io.stratum.dialect.sqlite", "io.stratum.migrations"})
    void descriptorMatchesItsCheckedInDescription(String moduleName) throws IOException {
        ModuleDescriptor descriptor = ModuleLayer.boot().findModule(moduleName)
                .orElseThrow(() -> new AssertionError(moduleName + " is not on the module path"))
                .getDescriptor();
        assertThat(describe(descriptor)).as("descriptor of " + moduleName + " (update "
                + "integration-tests/src/test/resources/module-descriptors/" + moduleName + ".txt if intended)")
                .isEqualTo(expected(moduleName));
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.stratum.api", "io.stratum.orm", "io.stratum.queries", "io.stratum.dialect.postgres",
        "io.stratum.dialect.sqlite", "io.stratum.migrations"})
    void noInternalPackageIsExportedToEveryone(String moduleName) {
        ModuleDescriptor descriptor = ModuleLayer.boot().findModule(moduleName).orElseThrow().getDescriptor();
        assertThat(descriptor.exports()).filteredOn(export -> !export.isQualified())
                .extracting(ModuleDescriptor.Exports::source)
                .noneMatch(name -> name.contains(".internal"));
    }

    /**
     * stratum-micrometer is a test-scope dependency of this suite, so it runs from the class path; its
     * descriptor is read from where its classes are.
     */
    @org.junit.jupiter.api.Test
    void micrometerDescriptorMatchesItsCheckedInDescription() throws Exception {
        java.nio.file.Path location = java.nio.file.Path.of(io.stratum.micrometer.StratumMetrics.class
                .getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor = java.lang.module.ModuleFinder.of(location).find("io.stratum.micrometer")
                .orElseThrow(() -> new AssertionError("no module io.stratum.micrometer at " + location)).descriptor();
        assertThat(describe(descriptor)).as("descriptor of io.stratum.micrometer (update "
                + "integration-tests/src/test/resources/module-descriptors/io.stratum.micrometer.txt if intended)")
                .isEqualTo(expected("io.stratum.micrometer"));
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .noneMatch(name -> name.contains(".internal"));
    }

    static String describe(ModuleDescriptor descriptor) {
        List<String> lines = new ArrayList<>();
        descriptor.exports().forEach(e -> lines.add("exports " + e.source()
                + (e.isQualified() ? " to " + String.join(",", new java.util.TreeSet<>(e.targets())) : "")));
        descriptor.opens().forEach(o -> lines.add("opens " + o.source()
                + (o.isQualified() ? " to " + String.join(",", new java.util.TreeSet<>(o.targets())) : "")));
        descriptor.requires().stream()
                .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.MANDATED))
                .forEach(r -> lines.add("requires " + r.modifiers().stream()
                        .map(m -> m.toString().toLowerCase(java.util.Locale.ROOT) + " ").sorted()
                        .collect(Collectors.joining()) + r.name()));
        descriptor.provides().forEach(p -> lines.add("provides " + p.service() + " with "
                + String.join(",", p.providers())));
        descriptor.uses().forEach(u -> lines.add("uses " + u));
        return lines.stream().sorted().collect(Collectors.joining("\n")) + "\n";
    }

    private static String expected(String moduleName) throws IOException {
        try (InputStream in = ModuleDescriptorsTest.class.getResourceAsStream(
                "/module-descriptors/" + moduleName + ".txt")) {
            assertThat(in).as("checked-in description of " + moduleName).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
