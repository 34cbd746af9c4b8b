package io.stratum.dialect.postgres.tls;

import io.stratum.api.Api;
import io.stratum.api.ConfigurationException;
import io.stratum.api.SettingKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Reads the TLS files of the settings and builds the {@link SSLContext} of a connection. Every problem is
 * a {@link ConfigurationException} naming the setting and the path. Key material stays in memory: a
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}) key is re-wrapped as
 * PKCS#8 in a byte array, and the arrays are cleared after use.
 */
@Api(Api.Status.INTERNAL)
public final class TlsMaterial {
    /** Larger than any certificate chain or key file: a larger file is the wrong file. */
    private static final long MAX_FILE_BYTES = 1 << 20;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s:,\\-]*?)-----END \\1-----");
    /** DER of AlgorithmIdentifier rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** DER of the OID id-ecPublicKey (1.2.840.10045.2.1). */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private TlsMaterial() {
    }

    /**
     * Checks the files as the first connection will read them (exist, regular files, readable, parse; the
     * key belongs to the certificate), so that open fails at once with the setting to fix.
     */
    public static void check(Path caFile, Path certFile, Path keyFile) {
        context(caFile, certFile, keyFile);
    }

    /** The context of one connection: trust from {@code caFile} (null: the JVM's CAs), client key when both files are set. */
    static SSLContext context(Path caFile, Path certFile, Path keyFile) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            String trustSource;
            if (caFile != null) {
                List<X509Certificate> authorities = certificates(caFile, SettingKey.TLS_CA_FILE);
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                for (int i = 0; i < authorities.size(); i++) {
                    store.setCertificateEntry("ca-" + i, authorities.get(i));
                }
                trust.init(store);
                trustSource = "the CA certificates of " + SettingKey.TLS_CA_FILE.settingName() + " " + caFile;
            } else {
                trust.init((KeyStore) null);
                trustSource = "the JVM's trusted CAs (" + SettingKey.TLS_CA_FILE.settingName() + " is unset)";
            }
            X509ExtendedTrustManager verifier = null;
            for (TrustManager manager : trust.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager) {
                    verifier = (X509ExtendedTrustManager) manager;
                }
            }
            if (verifier == null) {
                throw new IllegalStateException("The JVM offers no X.509 trust manager");
            }
            KeyManager[] keys = null;
            if (certFile != null && keyFile != null) {
                keys = clientKeys(certFile, keyFile);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {new ExplainingTrustManager(verifier, trustSource)}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("Cannot set up TLS from the settings "
                    + SettingKey.TLS_CA_FILE.settingName() + ", " + SettingKey.TLS_CERT_FILE.settingName() + ", "
                    + SettingKey.TLS_KEY_FILE.settingName() + ": " + e.getMessage(), e);
        }
    }

    private static KeyManager[] clientKeys(Path certFile, Path keyFile) throws GeneralSecurityException, IOException {
        List<X509Certificate> chain = certificates(certFile, SettingKey.TLS_CERT_FILE);
        PrivateKey key = privateKey(keyFile);
        if (!belongTogether(key, chain.get(0))) {
            throw new ConfigurationException(where(SettingKey.TLS_KEY_FILE, keyFile) + " is not the private key of the "
                    + "certificate in " + SettingKey.TLS_CERT_FILE.settingName() + " " + certFile.toAbsolutePath() + " (" + chain.get(0)
                    .getSubjectX500Principal().getName() + "). Set the key that belongs to that certificate.");
        }
        char[] password = new char[16];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory.getKeyManagers();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Signs with the key and verifies with the certificate: a key of another certificate fails here, not in the handshake. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA"
                : key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : key.getAlgorithm();
        try {
            byte[] probe = "stratum".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static List<X509Certificate> certificates(Path file, SettingKey setting) {
        byte[] bytes = read(file, setting);
        try {
            Collection<? extends java.security.cert.Certificate> read =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
            List<X509Certificate> certificates = new ArrayList<>();
            for (java.security.cert.Certificate certificate : read) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate found");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new ConfigurationException(where(setting, file) + " holds no readable certificate (expected PEM "
                    + "blocks '-----BEGIN CERTIFICATE-----'): " + e.getMessage() + ".");
        }
    }

    /** The private key: PKCS#8 PEM or DER; PKCS#1 RSA and SEC1 EC PEM converted to PKCS#8 in memory. */
    static PrivateKey privateKey(Path file) {
        byte[] bytes = read(file, SettingKey.TLS_KEY_FILE);
        byte[] der = null;
        try {
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || text.contains("Proc-Type: 4,ENCRYPTED")) {
                throw new ConfigurationException(where(SettingKey.TLS_KEY_FILE, file) + " is encrypted; Stratum reads "
                        + "unencrypted keys (keep the file private: chmod 600). Write an unencrypted copy with: "
                        + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out <new file>");
            }
            Matcher pem = PEM.matcher(text);
            String type = null;
            while (pem.find()) {
                if (pem.group(1).endsWith("PRIVATE KEY")) {
                    type = pem.group(1);
                    der = Base64.getMimeDecoder().decode(pem.group(2).replaceAll("[^A-Za-z0-9+/=]", ""));
                    break;
                }
            }
            if (type == null && !text.contains("-----BEGIN")) {
                type = "PRIVATE KEY";
                der = bytes.clone();
            }
            if (type == null) {
                throw unreadable(file, "it holds no '-----BEGIN ... PRIVATE KEY-----' block");
            }
            byte[] pkcs8 = type.equals("RSA PRIVATE KEY") ? sequence(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM,
                    tlv(0x04, der))
                    : type.equals("EC PRIVATE KEY") ? sequence(new byte[] {0x02, 0x01, 0x00},
                    sequence(EC_PUBLIC_KEY, curveOf(der, file)), tlv(0x04, der))
                    : type.equals("PRIVATE KEY") ? der : null;
            if (pkcs8 == null) {
                throw unreadable(file, "its key type '" + type + "' is not one Stratum reads");
            }
            try {
                for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                    } catch (GeneralSecurityException | IllegalArgumentException notThisAlgorithm) {
                        // try the next one
                    }
                }
                throw unreadable(file, "no RSA, EC or EdDSA key could be read from it");
            } finally {
                if (pkcs8 != der) {
                    Arrays.fill(pkcs8, (byte) 0);
                }
            }
        } catch (IllegalArgumentException e) {
            throw unreadable(file, e.getMessage());
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (der != null) {
                Arrays.fill(der, (byte) 0);
            }
        }
    }

    private static ConfigurationException unreadable(Path file, String why) {
        return new ConfigurationException(where(SettingKey.TLS_KEY_FILE, file) + " holds no private key Stratum can "
                + "read (" + why + "). It reads PKCS#8 ('BEGIN PRIVATE KEY'), PKCS#1 ('BEGIN RSA PRIVATE KEY') and "
                + "SEC1 ('BEGIN EC PRIVATE KEY') PEM, unencrypted; convert it with: openssl pkcs8 -topk8 -nocrypt -in "
                + file + " -out <new file>");
    }

    /** The named curve OID (a whole TLV) in a SEC1 ECPrivateKey's [0] parameters. */
    private static byte[] curveOf(byte[] sec1, Path file) {
        int[] outer = header(sec1, 0);
        int position = outer[0];
        int end = position + outer[1];
        while (position < end) {
            int tag = sec1[position] & 0xff;
            int[] element = header(sec1, position);
            if (tag == 0xa0) {
                return Arrays.copyOfRange(sec1, element[0], element[0] + element[1]);
            }
            position = element[0] + element[1];
        }
        throw unreadable(file, "its EC key names no curve");
    }

    /** {content offset, content length} of the DER element at {@code offset}. */
    private static int[] header(byte[] der, int offset) {
        int length = der[offset + 1] & 0xff;
        int position = offset + 2;
        if (length > 0x80) {
            int bytes = length & 0x7f;
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[position++] & 0xff);
            }
        }
        if (position + length > der.length) {
            throw new IllegalArgumentException("the key's DER encoding is truncated");
        }
        return new int[] {position, length};
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        byte[] bytes = content.toByteArray();
        byte[] result = tlv(0x30, bytes);
        Arrays.fill(bytes, (byte) 0);
        return result;
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** The file's bytes, or the configuration error naming setting and path. */
    static byte[] read(Path file, SettingKey setting) {
        if (!Files.exists(file)) {
            throw new ConfigurationException(where(setting, file) + " does not exist. Set the path of the file.");
        }
        if (Files.isDirectory(file)) {
            throw new ConfigurationException(where(setting, file) + " is a folder, not a file. Set the path of the file.");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(where(setting, file) + " is not a regular file. Set the path of the file.");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigurationException(where(setting, file) + " is not readable by this process's user ("
                    + System.getProperty("user.name") + "). Give it read access (for a key: that user only, chmod 600).");
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigurationException(where(setting, file) + " has " + Files.size(file) + " bytes, more than "
                        + "a certificate or key file holds. Check the path.");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationException(where(setting, file) + " cannot be read (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ").");
        }
    }

    static String where(SettingKey setting, Path file) {
        return "Setting " + setting.settingName() + " (" + setting.environmentVariable() + "): file " + file.toAbsolutePath();
    }

    /**
     * The JDK's verification with messages that say which check failed: the chain against the CAs, then
     * (with {@code sslmode=verify-full}, set on the socket) the host name.
     */
    private static final class ExplainingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final String trustSource;

        ExplainingTrustManager(X509ExtendedTrustManager delegate, String trustSource) {
            this.delegate = delegate;
            this.trustSource = trustSource;
        }

        private void checkChain(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                delegate.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                X509Certificate server = chain[0];
                throw new CertificateException("the server's certificate (" + server.getSubjectX500Principal().getName()
                        + ", issued by " + server.getIssuerX500Principal().getName() + ") is not signed by "
                        + trustSource, e);
            }
        }

        private CertificateException wrongHost(X509Certificate[] chain, String host, CertificateException cause) {
            List<String> names = new ArrayList<>();
            try {
                Collection<List<?>> alternatives = chain[0].getSubjectAlternativeNames();
                if (alternatives != null) {
                    for (List<?> name : alternatives) {
                        names.add(String.valueOf(name.get(1)));
                    }
                }
            } catch (CertificateException ignored) {
                // the names are only for the message
            }
            return new CertificateException("the server's certificate is for " + (names.isEmpty()
                    ? chain[0].getSubjectX500Principal().getName() : String.join(", ", names)) + ", not for the host "
                    + "connected to (" + host + "): connect by a name it holds, or set "
                    + SettingKey.TLS_CHECK_HOSTNAME.settingName() + "=false to verify the CA only", cause);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkChain(chain, authType);
            try {
                delegate.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                boolean hostChecked = socket instanceof SSLSocket
                        && "HTTPS".equals(((SSLSocket) socket).getSSLParameters().getEndpointIdentificationAlgorithm());
                if (!hostChecked) {
                    throw e;
                }
                SSLSocket tls = (SSLSocket) socket;
                String host = tls.getHandshakeSession() != null ? tls.getHandshakeSession().getPeerHost()
                        : String.valueOf(tls.getInetAddress());
                throw wrongHost(chain, host, e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkChain(chain, authType);
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            checkChain(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
