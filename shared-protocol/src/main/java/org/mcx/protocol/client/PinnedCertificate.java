package org.mcx.protocol.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust in one certificate, named by its SHA-256 fingerprint: how a console trusts a backend's
 * self-signed certificate after a person compared the fingerprint the backend printed. The pin
 * replaces both the CA check and the host-name check, since it names the exact certificate.
 */
public final class PinnedCertificate {
    private PinnedCertificate() {
    }

    /** An SSL context that accepts only the certificate with this fingerprint (hex, colons optional). */
    public static SSLContext trusting(String sha256Fingerprint) {
        String wanted = normalise(sha256Fingerprint);
        return context(new PinningTrustManager(leaf -> {
            if (!fingerprint(leaf).equals(wanted)) {
                throw new CertificateException("the server's certificate is not the trusted one");
            }
        }));
    }

    /**
     * The fingerprint of the certificate a {@code wss://} server presents, read without trusting it,
     * so it can be shown to a person before they decide.
     */
    public static String presentedBy(URI server, Duration timeout) throws IOException {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        SSLContext ctx = context(new PinningTrustManager(seen::set));
        int port = server.getPort() > 0 ? server.getPort() : 443;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(server.getHost(), port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(plain, server.getHost(), port, false)) {
                tls.startHandshake();
            }
        }
        if (seen.get() == null) {
            throw new IOException("the server presented no certificate");
        }
        return fingerprint(seen.get());
    }

    /** SHA-256 over the DER encoding, as upper-case hex pairs joined by colons. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    static String normalise(String fingerprint) {
        String hex = fingerprint.replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException("a SHA-256 fingerprint has 64 hex digits");
        }
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }

    private static SSLContext context(TrustManager trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trust}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    @FunctionalInterface
    private interface LeafCheck {
        void check(X509Certificate leaf) throws CertificateException;
    }

    /** Extended, so that the JDK does not add a host-name check on top of the pin. */
    private static final class PinningTrustManager extends X509ExtendedTrustManager {
        private final LeafCheck check;

        PinningTrustManager(LeafCheck check) {
            this.check = check;
        }

        private void verify(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no certificate presented");
            }
            check.check(chain[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            verify(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            verify(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            verify(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
