package io.stratum.cli.internal;

import io.stratum.api.spi.DialectProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeSet;
import picocli.CommandLine.IVersionProvider;

/** {@code stratum --version}: the build, the dialects installed in this deployment, and the JVM. */
final class VersionProvider implements IVersionProvider {

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return properties.getProperty("version", "unknown");
    }

    /** Dialects whose modules are on the module path, e.g. {@code postgresql (stratum-dialect-postgres)}. */
    static String dialects() {
        TreeSet<String> names = new TreeSet<>();
        try {
            ServiceLoader.load(DialectProvider.class, VersionProvider.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get)
                    .forEach(provider -> names.add(provider.dialect().id() + " (" + provider.dialect().artifactId() + ")"));
        } catch (java.util.ServiceConfigurationError e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "stratum " + version(),
            "Dialects installed: " + dialects(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
