package io.stratum.migrations.internal;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Hands Flyway the up scripts of one catalogue instead of letting it scan the module path, so the
 * engine runs exactly the revisions it was given (bundled or supplied by a test). File names are the
 * relative paths, as Flyway's own scan of {@code classpath:db/migration/<dialect>} records them, so
 * history rows and checksums are the same either way.
 */
final class ScriptResources implements ResourceProvider {
    private final Map<String, LoadableResource> resources = new LinkedHashMap<>();

    ScriptResources(ScriptCatalog catalog) {
        String folder = "db/migration/" + catalog.dialect().schemaFamily() + "/";
        for (ScriptCatalog.Script script : catalog.scripts()) {
            resources.put(script.fileName(), new Script(folder, script.fileName(), catalog.up(script)));
        }
    }

    @Override
    public LoadableResource getResource(String name) {
        LoadableResource resource = resources.get(name);
        if (resource == null) {
            int slash = name.lastIndexOf('/');
            resource = resources.get(name.substring(slash + 1));
        }
        return resource;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> matching = new ArrayList<>();
        for (Map.Entry<String, LoadableResource> entry : resources.entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                continue;
            }
            for (String suffix : suffixes) {
                if (entry.getKey().endsWith(suffix)) {
                    matching.add(entry.getValue());
                    break;
                }
            }
        }
        return matching;
    }

    private static final class Script extends LoadableResource {
        private final String folder;
        private final String fileName;
        private final String text;

        Script(String folder, String fileName, String text) {
            this.folder = folder;
            this.fileName = fileName;
            this.text = text;
        }

        @Override
        public Reader read() {
            return new StringReader(text);
        }

        @Override
        public String getAbsolutePath() {
            return folder + fileName;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return folder + fileName;
        }

        @Override
        public String getFilename() {
            return fileName;
        }

        @Override
        public String getRelativePath() {
            return fileName;
        }
    }
}
