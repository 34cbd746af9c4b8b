package io.stratum.migrations.internal;

import io.stratum.api.MigrationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the scripts shipped in this module: up scripts in {@code db/migration/<family>/}, down scripts
 * of the same file name in {@code db/downgrade/<family>/} (the family is a dialect's {@code schemaFamily()}); from the jar or an exploded directory.
 */
public final class BundledScripts {
    private BundledScripts() {
    }

    public static List<String> upFileNames(String family) {
        return listResources("db/migration/" + family + "/");
    }

    public static List<String> downFileNames(String family) {
        return listResources("db/downgrade/" + family + "/");
    }

    public static String up(String family, String fileName) {
        return read("db/migration/" + family + "/" + fileName)
                .orElseThrow(() -> new MigrationException("Migration script db/migration/" + family + "/" + fileName
                        + " is missing from the stratum-migrations jar."));
    }

    public static Optional<String> down(String family, String fileName) {
        return read("db/downgrade/" + family + "/" + fileName);
    }

    private static Optional<String> read(String resource) {
        try (InputStream in = BundledScripts.class.getModule().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File names directly in a resource folder of this module, whether it is a jar or a directory. */
    private static List<String> listResources(String folder) {
        Module module = BundledScripts.class.getModule();
        try {
            if (module.isNamed() && module.getLayer() != null) {
                Optional<ResolvedModule> resolved = module.getLayer().configuration().findModule(module.getName());
                if (resolved.isPresent()) {
                    try (ModuleReader reader = resolved.get().reference().open(); Stream<String> names = reader.list()) {
                        return names.filter(n -> n.startsWith(folder) && n.indexOf('/', folder.length()) < 0
                                        && n.length() > folder.length())
                                .map(n -> n.substring(folder.length()))
                                .sorted()
                                .collect(Collectors.toList());
                    }
                }
            }
            // Class path fallback: the folder as a directory next to this class.
            var url = BundledScripts.class.getClassLoader().getResource(folder);
            if (url != null && "file".equals(url.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
                }
            }
            if (url != null && "jar".equals(url.getProtocol())) {
                java.net.JarURLConnection connection = (java.net.JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (java.util.jar.JarFile jar = connection.getJarFile()) {
                    return jar.stream().map(java.util.jar.JarEntry::getName)
                            .filter(n -> n.startsWith(folder) && n.indexOf('/', folder.length()) < 0 && n.length() > folder.length())
                            .map(n -> n.substring(folder.length()))
                            .sorted()
                            .collect(Collectors.toList());
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
