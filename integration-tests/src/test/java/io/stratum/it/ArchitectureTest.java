package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.Api;
import io.stratum.api.spi.DialectProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries the layout promises, checked on the sources of the reactor (and on the module
 * descriptors the suite runs with): only dialect modules know a database; a dialect module provides
 * one service; the api's exported packages lean on nothing internal. A failure lists every finding.
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

    /** Library modules that must not know any database (benchmarks and the test suite compare dialects on purpose). */
    private static final List<String> DIALECT_FREE_MODULES = List.of("api", "orm-models", "queries", "migrations", "micrometer", "cli");

    /** The modules a deployment uses, whose exported packages are the public API. */
    private static final List<String> LIBRARY_MODULES = List.of("api", "orm-models", "queries", "dialect-postgres",
            "dialect-sqlite", "migrations", "micrometer", "cli");

    /** What only a dialect module may say: a dialect named in code, or one database's SQL. */
    private static final Map<String, Pattern> DIALECT_KNOWLEDGE = Map.of(
            "a shipped dialect by name", Pattern.compile("\\bDialect\\.(POSTGRESQL|SQLITE)\\b|\"(postgres|postgresql|sqlite)\""),
            "a switch over dialects", Pattern.compile("\\bcase\\s+(POSTGRES|SQLITE)\\w*\\b|switch\\s*\\(\\s*\\w*[dD]ialect\\b"),
            "a PostgreSQL advisory lock", Pattern.compile("pg_\\w*advisory"),
            "SQLite's write-lock transaction", Pattern.compile("BEGIN\\s+IMMEDIATE", Pattern.CASE_INSENSITIVE),
            "a row lock clause", Pattern.compile("FOR\\s+UPDATE", Pattern.CASE_INSENSITIVE));

    @Test
    void onlyDialectModulesKnowADatabase() {
        List<String> findings = new ArrayList<>();
        for (String module : DIALECT_FREE_MODULES) {
            for (Path source : javaSources(ROOT.resolve(module).resolve("src/main/java"))) {
                String code = withoutComments(read(source));
                String where = ROOT.relativize(source).toString().replace('\\', '/');
                DIALECT_KNOWLEDGE.forEach((what, pattern) -> {
                    Matcher matcher = pattern.matcher(code);
                    while (matcher.find()) {
                        findings.add(where + ":" + line(code, matcher.start()) + ": " + what + " ('" + matcher.group()
                                + "')");
                    }
                });
            }
        }
        assertThat(findings).as("Dialect knowledge outside the dialect modules; move it behind DialectProvider")
                .isEmpty();
    }

    @Test
    void eachDialectModuleProvidesExactlyOneService() throws IOException {
        List<Path> dialectModules;
        try (Stream<Path> dirs = Files.list(ROOT)) {
            dialectModules = dirs.filter(dir -> dir.getFileName().toString().startsWith("dialect-")
                    || dir.getFileName().toString().equals("test-dialect")).sorted().toList();
        }
        assertThat(dialectModules).hasSizeGreaterThanOrEqualTo(3);
        List<String> findings = new ArrayList<>();
        Pattern provides = Pattern.compile("\\bprovides\\s+([\\w.]+)\\s+with\\b");
        for (Path module : dialectModules) {
            String descriptor = withoutComments(read(module.resolve("src/main/java/module-info.java")));
            List<String> services = provides.matcher(descriptor).results().map(m -> m.group(1)).toList();
            if (!services.equals(List.of(DialectProvider.class.getName()))) {
                findings.add(module.getFileName() + "/module-info.java provides " + services);
            }
            Path registered = module.resolve("src/main/resources/META-INF/services");
            List<String> files;
            try (Stream<Path> list = Files.isDirectory(registered) ? Files.list(registered) : Stream.empty()) {
                files = list.map(file -> file.getFileName().toString()).sorted().toList();
            }
            if (!files.equals(List.of(DialectProvider.class.getName()))) {
                findings.add(module.getFileName() + " registers in META-INF/services " + files);
            }
        }
        // The same on the descriptors this suite runs with.
        List<ModuleDescriptor> running = ModuleLayer.boot().modules().stream().map(Module::getDescriptor)
                .filter(descriptor -> descriptor.name().startsWith("io.stratum.dialect.")).toList();
        assertThat(running).as("dialect modules on the module path").hasSizeGreaterThanOrEqualTo(2);
        for (ModuleDescriptor descriptor : running) {
            List<String> services = descriptor.provides().stream().map(ModuleDescriptor.Provides::service).toList();
            if (!services.equals(List.of(DialectProvider.class.getName()))) {
                findings.add("module " + descriptor.name() + " provides " + services);
            }
        }
        assertThat(findings).as("A dialect module provides DialectProvider and nothing else").isEmpty();
    }

    @Test
    void theApisExportedPackagesLeanOnNothingInternal() throws ClassNotFoundException {
        String descriptor = withoutComments(read(ROOT.resolve("api/src/main/java/module-info.java")));
        List<String> exported = Pattern.compile("\\bexports\\s+([\\w.]+)\\s*;").matcher(descriptor).results()
                .map(m -> m.group(1)).toList();
        assertThat(exported).contains("io.stratum.api", "io.stratum.api.spi").noneMatch(p -> p.contains(".internal"));
        List<String> findings = new ArrayList<>();
        Pattern internalImport = Pattern.compile("^import\\s+(static\\s+)?[\\w.]*\\.internal\\b[\\w.*]*;", Pattern.MULTILINE);
        for (String pkg : exported) {
            Path folder = ROOT.resolve("api/src/main/java").resolve(pkg.replace('.', '/'));
            for (Path source : javaSources(folder)) {
                if (!source.getParent().equals(folder)) {
                    continue;
                }
                String code = withoutComments(read(source));
                internalImport.matcher(code).results()
                        .forEach(m -> findings.add(ROOT.relativize(source) + " " + m.group().strip()));
                String name = source.getFileName().toString().replace(".java", "");
                if (!name.equals("package-info")) {
                    findings.addAll(internalTypesInSignatures(Class.forName(pkg + "." + name)));
                }
            }
        }
        assertThat(findings).as("Exported api packages importing or exposing an internal type").isEmpty();
    }

    @Test
    void everyExportedPackageSaysWhatItHoldsAndEveryPublicTypeItsStatus() {
        List<String> findings = new ArrayList<>();
        int checked = 0;
        for (String module : LIBRARY_MODULES) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            String descriptor = withoutComments(read(sources.resolve("module-info.java")));
            // Unqualified exports only: a package exported to named modules is not public API.
            for (String pkg : Pattern.compile("\\bexports\\s+([\\w.]+)\\s*;").matcher(descriptor).results()
                    .map(m -> m.group(1)).toList()) {
                Path folder = sources.resolve(pkg.replace('.', '/'));
                if (!Files.exists(folder.resolve("package-info.java"))) {
                    findings.add(module + ": package " + pkg + " has no package-info.java");
                }
                for (Path source : javaSources(folder)) {
                    String name = source.getFileName().toString().replace(".java", "");
                    if (!source.getParent().equals(folder) || name.equals("package-info")) {
                        continue;
                    }
                    String code = withoutComments(read(source));
                    Matcher declaration = Pattern.compile("^((?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*)public\\s+[\\w\\s-]*"
                            + "(?:class|interface|enum|record|@interface)\\s+" + name + "\\b", Pattern.MULTILINE).matcher(code);
                    if (!declaration.find()) {
                        continue;
                    }
                    checked++;
                    if (!declaration.group(1).contains("@Api(")) {
                        findings.add(module + ": " + pkg + "." + name + " has no @Api status");
                    }
                    Module running = ModuleLayer.boot().findModule(moduleName(descriptor)).orElse(null);
                    if (running != null) {
                        Class<?> type = Class.forName(running, pkg + "." + name);
                        if (type == null || type.getAnnotation(Api.class) == null) {
                            findings.add(module + ": " + pkg + "." + name + " carries no @Api at run time");
                        }
                    }
                }
            }
        }
        assertThat(checked).as("public types checked").isGreaterThan(100);
        assertThat(findings).as("Exported packages without package-info.java, public types without @Api").isEmpty();
    }

    @Test
    void dialectTestClassesAreNamedSubjectThenDialect() {
        List<String> misnamed = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                for (Path source : javaSources(module.resolve("src/test/java"))) {
                    String name = source.getFileName().toString().replace(".java", "");
                    // The CLI's process tests (…IT) keep their names: commands and other branches run them by name.
                    boolean namesADialect = name.contains("Postgres") || name.contains("Sqlite");
                    if (name.endsWith("Test") && namesADialect && !name.matches("\\w+(Postgres|Sqlite)Test")) {
                        misnamed.add(ROOT.relativize(source).toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(misnamed).as("Dialect test classes not named <Subject><Dialect>Test").isEmpty();
    }

    private static String moduleName(String descriptor) {
        Matcher name = Pattern.compile("\\bmodule\\s+([\\w.]+)").matcher(descriptor);
        return name.find() ? name.group(1) : "";
    }

    /** Public and protected members of a public type (and its nested public types) whose signature names an internal type. */
    private static List<String> internalTypesInSignatures(Class<?> type) {
        List<String> findings = new ArrayList<>();
        if (!Modifier.isPublic(type.getModifiers())) {
            return findings;
        }
        List<Type> named = new ArrayList<>();
        named.add(type.getGenericSuperclass());
        named.addAll(List.of(type.getGenericInterfaces()));
        if (type.isSealed()) {
            named.addAll(List.of(type.getPermittedSubclasses()));
        }
        check(findings, type.getName() + " (declaration)", named);
        for (Method method : type.getDeclaredMethods()) {
            if (exposed(method.getModifiers())) {
                List<Type> types = new ArrayList<>(List.of(method.getGenericParameterTypes()));
                types.add(method.getGenericReturnType());
                types.addAll(List.of(method.getGenericExceptionTypes()));
                check(findings, type.getName() + "." + method.getName(), types);
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (exposed(constructor.getModifiers())) {
                check(findings, type.getName() + " constructor", List.of(constructor.getGenericParameterTypes()));
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (exposed(field.getModifiers())) {
                check(findings, type.getName() + "." + field.getName(), List.of(field.getGenericType()));
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            findings.addAll(internalTypesInSignatures(nested));
        }
        return findings;
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(List<String> findings, String where, List<Type> types) {
        for (Type each : types) {
            if (each != null && each.getTypeName().matches(".*\\.internal\\..*")) {
                findings.add(where + " names " + each.getTypeName());
            }
        }
    }

    static List<Path> javaSources(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int line(String code, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Java source with its comments blanked (newlines kept, so line numbers hold); strings and text blocks stay. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, n);
                out.append(source, i, j);
                i = j;
            } else if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (int k = i; k < end; k++) {
                    out.append(source.charAt(k) == '\n' ? '\n' : ' ');
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
