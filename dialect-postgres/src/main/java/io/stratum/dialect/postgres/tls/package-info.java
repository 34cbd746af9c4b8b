/**
 * The TLS socket factory the PostgreSQL driver instantiates by name ({@code sslfactory}), exported to
 * the driver only ({@link io.stratum.api.Api.Status#INTERNAL}): it verifies the server's certificate
 * against {@code tls_ca_file} (or the JVM's trusted CAs) and its host name, offers TLS 1.3 and 1.2 only,
 * and presents the client certificate of {@code tls_cert_file}/{@code tls_key_file}, read in memory.
 */
package io.stratum.dialect.postgres.tls;
