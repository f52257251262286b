package org.mcx.backend.tls;

import java.nio.file.Path;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** TLS for this system's listeners (WebSocket and service access server), from one PKCS12 keystore. */
public final class ServerTls {
    private ServerTls() {
    }

    public static SslContextFactory.Server fromKeystore(Path keystore, String password) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toString());
        ssl.setKeyStorePassword(password);
        ssl.setKeyStoreType("PKCS12");
        return ssl;
    }
}
