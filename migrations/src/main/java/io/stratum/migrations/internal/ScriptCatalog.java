package io.stratum.migrations.internal;

import io.stratum.api.Dialect;
import io.stratum.api.MigrationException;
import io.stratum.api.Revision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The revisions shipped in this module: up and down scripts per dialect, paired by file name. */
final class ScriptCatalog {
    private static final Pattern SCRIPT = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

    private ScriptCatalog() {
    }

    record Script(Revision revision, String fileName) {
        int[] version() {
            return parseVersion(revision.id());
        }
    }

    static List<Script> scripts(Dialect dialect) {
        String folder = "db/migration/" + dialect.id() + "/";
        List<Script> scripts = new ArrayList<>();
        for (String name : listResources(folder)) {
            Matcher matcher = SCRIPT.matcher(name);
            if (matcher.matches()) {
                String id = matcher.group(1).replace('_', '.');
                scripts.add(new Script(new Revision(id, matcher.group(2).replace('_', ' ')), name));
            }
        }
        scripts.sort(Comparator.comparing(Script::version, ScriptCatalog::compareVersions));
        if (scripts.isEmpty()) {
            throw new MigrationException("No migration scripts found for dialect " + dialect.id() + " in " + folder
                    + ": the stratum-migrations jar is incomplete.");
        }
        return scripts;
    }

    static String upScript(Dialect dialect, Script script) {
        return read("db/migration/" + dialect.id() + "/" + script.fileName());
    }

    static String downScript(Dialect dialect, Script script) {
        return read("db/downgrade/" + dialect.id() + "/" + script.fileName());
    }

    static int[] parseVersion(String id) {
        String[] parts = id.split("\\.");
        int[] version = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            version[i] = Integer.parseInt(parts[i]);
        }
        return version;
    }

    static int compareVersions(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static String read(String resource) {
        try (InputStream in = ScriptCatalog.class.getModule().getResourceAsStream(resource)) {
            if (in == null) {
                throw new MigrationException("Migration script " + resource + " is missing from the stratum-migrations jar.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File names directly in a resource folder of this module, whether it is a jar or a directory. */
    private static List<String> listResources(String folder) {
        Module module = ScriptCatalog.class.getModule();
        try {
            if (module.isNamed() && module.getLayer() != null) {
                Optional<ResolvedModule> resolved = module.getLayer().configuration().findModule(module.getName());
                if (resolved.isPresent()) {
                    try (ModuleReader reader = resolved.get().reference().open(); Stream<String> names = reader.list()) {
                        return names.filter(n -> n.startsWith(folder) && n.indexOf('/', folder.length()) < 0
                                        && n.length() > folder.length())
                                .map(n -> n.substring(folder.length()))
                                .collect(Collectors.toList());
                    }
                }
            }
            // Class path fallback: the folder as a directory next to this class.
            var url = ScriptCatalog.class.getClassLoader().getResource(folder);
            if (url != null && "file".equals(url.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    return files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
                }
            }
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
