package io.stratum.dialect.postgres.tls;

import io.stratum.api.Api;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * What {@code tls_enabled} gives a PostgreSQL connection. The driver instantiates it by name (driver
 * property {@code sslfactory}) with the connection's properties, from which it reads
 * {@value #CA_FILE}, {@value #CERT_FILE}, {@value #KEY_FILE} and {@value #MODE}. Every socket it makes:
 * <ul>
 *   <li>offers TLS 1.3 and 1.2 only ({@link #PROTOCOLS}; the JDK's own {@code jdk.tls.disabledAlgorithms}
 *       also refuses 1.0 and 1.1, this holds even where that was loosened);</li>
 *   <li>verifies the server's certificate chain against the CA file, or the JVM's trusted CAs when none is
 *       set, and with {@code sslmode=verify-full} its host name (the JDK's HTTPS identity rules: DNS and IP
 *       subject alternative names) during the handshake, so a wrong certificate fails the handshake with a
 *       message saying which check failed; the driver checks the host name again after it;</li>
 *   <li>presents the client certificate and key when both files are set; the key is read in memory
 *       (PKCS#8, or PKCS#1 and SEC1 PEM converted in memory), never written anywhere.</li>
 * </ul>
 * The files are read again for every new connection, so a renewed certificate is used without a restart.
 */
@Api(Api.Status.INTERNAL)
public final class VerifyingSslFactory extends SSLSocketFactory {
    /** Driver properties this factory reads (the driver's own names for them). */
    public static final String CA_FILE = "sslrootcert";
    public static final String CERT_FILE = "sslcert";
    public static final String KEY_FILE = "sslkey";
    public static final String MODE = "sslmode";
    /** The protocol versions offered: TLS 1.2 is the minimum. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLSocketFactory delegate;
    private final boolean checkHostname;

    /** Called by the driver with the connection's properties. */
    public VerifyingSslFactory(Properties info) {
        this.checkHostname = !"verify-ca".equals(info.getProperty(MODE));
        this.delegate = TlsMaterial.context(path(info, CA_FILE), path(info, CERT_FILE), path(info, KEY_FILE))
                .getSocketFactory();
    }

    private static Path path(Properties info, String name) {
        String value = info.getProperty(name);
        return value == null || value.isEmpty() ? null : Path.of(value);
    }

    private Socket configured(Socket socket) {
        if (socket instanceof SSLSocket) {
            SSLSocket tls = (SSLSocket) socket;
            SSLParameters parameters = tls.getSSLParameters();
            String[] offered = Arrays.stream(PROTOCOLS)
                    .filter(p -> Arrays.asList(tls.getSupportedProtocols()).contains(p)).toArray(String[]::new);
            parameters.setProtocols(offered);
            parameters.setEndpointIdentificationAlgorithm(checkHostname ? "HTTPS" : null);
            tls.setSSLParameters(parameters);
        }
        return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return configured(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return configured(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return configured(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return configured(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return configured(delegate.createSocket(address, port, localAddress, localPort));
    }
}
