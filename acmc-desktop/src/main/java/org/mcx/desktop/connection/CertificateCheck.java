package org.mcx.desktop.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.mcx.protocol.client.PinnedCertificate;

/**
 * Why a {@code wss://} connection failed: a TLS failure does not always reach the WebSocket
 * client's close reason (it may look like a plain lost connection), so the console asks the
 * server directly whether it presents a certificate this JVM does not trust.
 */
final class CertificateCheck {
    private CertificateCheck() {
    }

    /**
     * The fingerprint of the server's certificate if the JVM's trust refuses it; empty if the JVM
     * trusts it. Blocking network work: call it from a background task.
     *
     * @throws IOException when the server cannot be reached at all
     */
    static Optional<String> untrusted(URI server, Duration timeout) throws IOException {
        String fingerprint = PinnedCertificate.presentedBy(server, timeout);
        int port = server.getPort() > 0 ? server.getPort() : 443;
        try (SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(server.getHost(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.startHandshake();
            return Optional.empty();
        } catch (SSLException refused) {
            return Optional.of(fingerprint);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("TLS is not available", e);
        }
    }
}
