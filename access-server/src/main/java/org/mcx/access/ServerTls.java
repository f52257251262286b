package org.mcx.access;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.mcx.protocol.client.PinnedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS engine of the node's listener and of its upstream connections: OpenSSL (BoringSSL, from
 * netty-tcnative) where its native library loads, else the JDK's SSLEngine. With the JDK's a
 * handshake's P-256 arithmetic runs in Java on the event loop, milliseconds that every other
 * connection of that loop waits through, and its AES-GCM costs more per record; docs/benchmarks.md
 * (sas-vs-nginx, issue 15) has the profile and the A/B. {@code -Dio.netty.handler.ssl.noOpenSsl=true}
 * forces the JDK's engine; the key exchange groups follow {@code jdk.tls.namedGroups} with either.
 */
final class ServerTls {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private ServerTls() {
    }

    /** The engine this process uses, said once in the log (why OpenSSL is missing, when it is). */
    static SslProvider provider() {
        if (OpenSsl.isAvailable()) {
            log.info("TLS by {} (netty-tcnative)", OpenSsl.versionString());
            return SslProvider.OPENSSL;
        }
        Throwable why = OpenSsl.unavailabilityCause();
        log.info("TLS by the JDK's engine (OpenSSL not available: {})", why == null ? "unknown" : why.toString());
        return SslProvider.JDK;
    }

    /**
     * {@link #provider()} on a thread of its own. Netty's start of BoringSSL takes some 0.6 s of a
     * node's start; the event loops and the keystore need not wait for it (docs/benchmarks.md, issue 15).
     */
    static CompletableFuture<SslProvider> findProvider() {
        CompletableFuture<SslProvider> found = new CompletableFuture<>();
        Thread finder = new Thread(() -> {
            try {
                found.complete(provider());
            } catch (Throwable e) {
                found.completeExceptionally(e);
            }
        }, "mcx-sas-tls-engine");
        finder.setDaemon(true);
        finder.start();
        return found;
    }

    /** The listener's TLS context, and its certificate's SHA-256 fingerprint for operators to pin. */
    record Listener(SslContext context, String fingerprint) {
    }

    /** The key and chain a listener serves, read from its keystore, whatever the engine. */
    record Keys(KeyManagerFactory managers, String fingerprint) {
    }

    /**
     * Reads the PKCS12 keystore once: each read runs its key derivation (thousands of HMAC rounds),
     * and a second read for the fingerprint made the JIT compile it again just as the first
     * applications arrived.
     */
    static Keys readKeys(Path keystore, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password.toCharArray());
        }
        X509Certificate served = leaf(ks, keystore); // first: said in words, whatever the engine would say
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password.toCharArray());
        return new Keys(kmf, PinnedCertificate.fingerprint(served));
    }

    /** The listener's context from the keystore's key and chain; ALPN offers HTTP/2 first, then HTTP/1.1. */
    static Listener forServer(SslProvider provider, Keys keys) throws SSLException {
        // A client that does not speak HTTP/2 gets HTTP/1.1 (NO_ADVERTISE and ACCEPT: the pair both engines support).
        SslContext context = SslContextBuilder.forServer(keys.managers()).sslProvider(provider)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)).build();
        return new Listener(context, keys.fingerprint());
    }

    static Listener forServer(SslProvider provider, Path keystore, String password) throws Exception {
        return forServer(provider, readKeys(keystore, password));
    }

    /** The certificate of the keystore's first key entry: the one a single-certificate listener serves. */
    private static X509Certificate leaf(KeyStore ks, Path keystore) throws KeyStoreException {
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate certificate) {
                return certificate;
            }
        }
        throw new KeyStoreException(keystore + " holds no private key with an X.509 certificate");
    }

    /** Towards MC service servers that register an https location. */
    static SslContext forUpstreams(SslProvider provider) throws SSLException {
        return SslContextBuilder.forClient().sslProvider(provider).build();
    }
}
