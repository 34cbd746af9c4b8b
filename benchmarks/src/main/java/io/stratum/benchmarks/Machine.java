package io.stratum.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/** What the figures were measured on. */
final class Machine {
    private Machine() {
    }

    static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }

    static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format("%.0f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String java() {
        return System.getProperty("java.vm.name") + " " + Runtime.version();
    }

    static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    static String postgres() {
        Properties credentials = new Properties();
        credentials.setProperty("user", BenchDatabase.Server.USER);
        credentials.setProperty("password", BenchDatabase.Server.PASSWORD);
        return query(BenchDatabase.Server.ADMIN_URL, credentials, "SHOW server_version");
    }

    static String sqlite() {
        return query("jdbc:sqlite::memory:", new Properties(), "SELECT sqlite_version()");
    }

    private static String query(String url, Properties properties, String sql) {
        try (Connection connection = DriverManager.getConnection(url, properties);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
