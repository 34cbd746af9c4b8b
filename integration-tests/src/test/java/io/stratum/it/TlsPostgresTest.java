package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Stratum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code tls_*} against a private cluster that accepts TLS only ({@code hostssl} lines alone in pg_hba),
 * with a CA and certificates made by {@code openssl} for this run: the server's certificate names
 * {@code localhost} only, so connecting to 127.0.0.1 is a host name mismatch. A second, unrelated CA is
 * the "wrong CA". User {@code certuser} logs in by client certificate alone ({@code cert}, which is
 * {@code clientcert=verify-full}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsPostgresTest {
    private PrivateCluster cluster;
    private Path certificates;

    @BeforeAll
    void startTlsOnlyCluster() throws IOException {
        certificates = Files.createTempDirectory("stratum-tls-");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=Stratum Test CA");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.crt",
                "-days", "2", "-subj", "/CN=Some Other CA");
        signed("server", "/CN=localhost", "subjectAltName=DNS:localhost");
        signed("client", "/CN=certuser", null);
        signed("stranger", "/CN=certuser", null);
        // The older PKCS#1 form of the client key ("BEGIN RSA PRIVATE KEY"), which the driver cannot read.
        openssl("rsa", "-in", "client.key", "-traditional", "-out", "client-pkcs1.key");
        openssl("pkcs8", "-topk8", "-in", "client.key", "-passout", "pass:secret", "-out", "client-encrypted.key");
        // An EC client key in SEC1 form ("BEGIN EC PRIVATE KEY") with its certificate.
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "client-ec.key");
        openssl("req", "-new", "-key", "client-ec.key", "-out", "client-ec.csr", "-subj", "/CN=certuser");
        openssl("x509", "-req", "-in", "client-ec.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client-ec.crt", "-days", "2");
        assertThat(Files.readString(file("client.key"))).contains("BEGIN PRIVATE KEY");
        assertThat(Files.readString(file("client-pkcs1.key"))).contains("BEGIN RSA PRIVATE KEY");
        assertThat(Files.readString(file("client-ec.key"))).contains("BEGIN EC PRIVATE KEY");

        cluster = PrivateCluster.create();
        try {
            cluster.dataFile("server.crt", Files.readAllBytes(file("server.crt")));
            cluster.dataFile("server.key", Files.readAllBytes(file("server.key")));
            cluster.dataFile("ca.crt", Files.readAllBytes(file("ca.crt")));
            cluster.conf("ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'",
                    "ssl_ca_file = 'ca.crt'", "ssl_min_protocol_version = 'TLSv1.2'");
            cluster.hba("hostssl all certuser 127.0.0.1/32 cert", "hostssl all postgres 127.0.0.1/32 trust");
            cluster.start();
            cluster.sql("CREATE ROLE certuser LOGIN");
            cluster.sql("CREATE DATABASE app OWNER certuser");
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    @AfterAll
    void removeCluster() throws IOException {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            try (Stream<Path> paths = Files.walk(certificates)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private DatabaseSettings.Builder tls(String host) {
        return DatabaseSettings.builder().url(cluster.url(host, "app")).user(PrivateCluster.USER).password("not-sent-secret")
                .migrateOnStart(false).connectionTimeout(Duration.ofSeconds(5)).tlsEnabled(true)
                .tlsCaFile(file("ca.crt"));
    }

    /** The connection's TLS version from the server's view, or a failure. */
    private static String tlsVersion(DatabaseSettings settings) throws Exception {
        try (DatabaseInterface db = Stratum.open(settings)) {
            db.checkConnectable();
            try (Connection connection = db.engine().dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT ssl, version, current_user FROM pg_stat_ssl "
                         + "WHERE pid = pg_backend_pid()")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBoolean(1)).as("the server sees TLS").isTrue();
                return row.getString(2) + " " + row.getString(3);
            }
        }
    }

    @Test
    void connectsWithTheCaFileAndAHostTheCertificateNames() throws Exception {
        assertThat(tlsVersion(tls("localhost").build())).matches("TLSv1\\.[23] postgres");
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefusedInOneLine() {
        DatabaseSettings settings = tls("localhost").tlsCaFile(file("other-ca.crt")).build();
        try (DatabaseInterface db = Stratum.open(settings)) {
            assertThat(db.isDbConnectable()).isFalse();
            assertThatThrownBy(db::checkConnectable).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("TLS connection to " + cluster.url("localhost", "app") + " refused")
                    .hasMessageContaining("is not signed by the CA certificates of tls_ca_file " + file("other-ca.crt"))
                    .hasMessageContaining("CN=localhost")
                    .hasMessageNotContaining("not-sent-secret")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void withoutACaFileOnlyTheJvmsTrustedCasCount() {
        DatabaseSettings settings = tls("localhost").tlsCaFile(null).build();
        try (DatabaseInterface db = Stratum.open(settings)) {
            assertThatThrownBy(db::checkConnectable).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("is not signed by the JVM's trusted CAs");
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedUnlessHostnameCheckingIsOff() throws Exception {
        try (DatabaseInterface db = Stratum.open(tls("127.0.0.1").build())) {
            assertThatThrownBy(db::checkConnectable).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("the server's certificate is for localhost, not for the host connected to "
                            + "(127.0.0.1)")
                    .hasMessageContaining("tls_check_hostname=false");
        }
        // verify-ca: the chain is still checked, the name not.
        assertThat(tlsVersion(tls("127.0.0.1").tlsCheckHostname(false).build())).startsWith("TLSv1.");
        try (DatabaseInterface db = Stratum.open(tls("127.0.0.1").tlsCheckHostname(false)
                .tlsCaFile(file("other-ca.crt")).build())) {
            assertThatThrownBy(db::checkConnectable).hasMessageContaining("is not signed by the CA certificates");
        }
    }

    @Test
    void clientCertificateAuthenticationWithPkcs8Pkcs1AndEcKeys() throws Exception {
        for (String[] pair : List.of(new String[] {"client.crt", "client.key"},
                new String[] {"client.crt", "client-pkcs1.key"}, new String[] {"client-ec.crt", "client-ec.key"})) {
            DatabaseSettings settings = tls("localhost").user("certuser").password(null)
                    .tlsCertFile(file(pair[0])).tlsKeyFile(file(pair[1])).build();
            assertThat(tlsVersion(settings)).as(pair[1]).endsWith(" certuser");
        }
        // Without the certificate the server refuses the login: a configuration error, not "unreachable".
        try (DatabaseInterface db = Stratum.open(tls("localhost").user("certuser").build())) {
            assertThatThrownBy(db::checkConnectable).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("refused the login of user certuser");
        }
    }

    @Test
    void tlsFilesMissingUnreadableOrWrongFailAtOpenNamingSettingAndPath() {
        Path missing = certificates.resolve("nowhere.crt");
        assertThatThrownBy(() -> Stratum.open(tls("localhost").tlsCaFile(missing).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Setting tls_ca_file (STRATUM_DATABASE_TLS_CA_FILE): file " + missing + " does not exist. "
                        + "Set the path of the file.");
        assertThatThrownBy(() -> Stratum.open(tls("localhost").tlsCaFile(certificates).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tls_ca_file (STRATUM_DATABASE_TLS_CA_FILE): file " + certificates + " is a folder");
        assertThatThrownBy(() -> Stratum.open(tls("localhost").tlsCaFile(Path.of("/dev/null")).build()))
                .hasMessage("Setting tls_ca_file (STRATUM_DATABASE_TLS_CA_FILE): file /dev/null is not a regular file. "
                        + "Set the path of the file.");
        assertThatThrownBy(() -> Stratum.open(tls("localhost").tlsCaFile(file("ca.key")).build()))
                .hasMessageContaining("tls_ca_file").hasMessageContaining("holds no readable certificate");
        assertThatThrownBy(() -> Stratum.open(tls("localhost").user("certuser").tlsCertFile(file("client.crt"))
                .tlsKeyFile(certificates.resolve("client.missing")).build()))
                .hasMessageContaining("Setting tls_key_file (STRATUM_DATABASE_TLS_KEY_FILE): file "
                        + certificates.resolve("client.missing") + " does not exist");
        assertThatThrownBy(() -> Stratum.open(tls("localhost").user("certuser").tlsCertFile(file("client.crt"))
                .tlsKeyFile(file("stranger.key")).build()))
                .hasMessageContaining("is not the private key of the certificate in tls_cert_file");
        assertThatThrownBy(() -> Stratum.open(tls("localhost").user("certuser").tlsCertFile(file("client.crt"))
                .tlsKeyFile(file("client-encrypted.key")).build()))
                .hasMessageContaining("is encrypted")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + file("client-encrypted.key"));
        assertThatThrownBy(() -> Stratum.open(tls("localhost").tlsCertFile(file("client.crt")).build()))
                .hasMessageContaining("STRATUM_DATABASE_TLS_CERT_FILE is set but STRATUM_DATABASE_TLS_KEY_FILE is not");
        assertThatThrownBy(() -> Stratum.open(tls("localhost").tlsEnabled(false).build()))
                .hasMessageContaining("STRATUM_DATABASE_TLS_CA_FILE is set but STRATUM_DATABASE_TLS_ENABLED is not");
        assertThatThrownBy(() -> Stratum.open(tls("localhost").url(cluster.url("localhost", "app") + "?sslmode=prefer")
                .build()))
                .hasMessageContaining("has the parameter sslmode, which the driver would apply instead of "
                        + "STRATUM_DATABASE_TLS_ENABLED");
    }

    @Test
    void theCliChecksOverTlsAndReportsAWrongCaInOneLine() throws IOException {
        Path home = Files.createTempDirectory(certificates, "home");
        Map<String, String> environment = Map.of("STRATUM_HOME", home.toString(),
                "STRATUM_DATABASE_URL", cluster.url("localhost", "app"), "STRATUM_DATABASE_USER", "certuser",
                "STRATUM_DATABASE_TLS_ENABLED", "true", "STRATUM_DATABASE_TLS_CA_FILE", file("ca.crt").toString(),
                "STRATUM_DATABASE_TLS_CERT_FILE", file("client.crt").toString(),
                "STRATUM_DATABASE_TLS_KEY_FILE", file("client-pkcs1.key").toString());
        CliRun upgrade = cli(environment, "database", "upgrade", "-y");
        assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
        CliRun check = cli(environment, "database", "check");
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("is up to date at revision");

        Map<String, String> wrongCa = new java.util.HashMap<>(environment);
        wrongCa.put("STRATUM_DATABASE_TLS_CA_FILE", file("other-ca.crt").toString());
        CliRun refused = cli(wrongCa, "database", "check");
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(6);
        assertThat(refused.output().strip().lines()).as(refused.output()).hasSize(1);
        assertThat(refused.output()).startsWith("Error: TLS connection to jdbc:postgresql://localhost:")
                .contains("is not signed by the CA certificates of tls_ca_file " + file("other-ca.crt"))
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    private record CliRun(int exitCode, String output) {
    }

    /** {@code stratum …} in a JVM of its own: this JVM's module path, the cli on the class path. */
    private static CliRun cli(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "--module-path", System.getProperty("jdk.module.path"), "--add-modules",
                "ALL-MODULE-PATH", "-cp", System.getProperty("java.class.path"), "io.stratum.cli.Stratum"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("STRATUM_"));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("stratum " + String.join(" ", args) + " did not end:\n" + output);
            }
            return new CliRun(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Path file(String name) {
        return certificates.resolve(name);
    }

    private void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(certificates.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("openssl failed: " + command + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A key and a certificate signed by the test CA; {@code extension} e.g. a subjectAltName line. */
    private void signed(String name, String subject, String extension) throws IOException {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        List<String> args = new ArrayList<>(List.of("x509", "-req", "-in", name + ".csr", "-CA",
                "stranger".equals(name) ? "other-ca.crt" : "ca.crt", "-CAkey",
                "stranger".equals(name) ? "other-ca.key" : "ca.key", "-CAcreateserial", "-out", name + ".crt",
                "-days", "2"));
        if (extension != null) {
            Files.writeString(file(name + ".ext"), extension + "\n");
            args.addAll(List.of("-extfile", name + ".ext"));
        }
        openssl(args.toArray(new String[0]));
    }
}
