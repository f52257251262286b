package org.mcx.backend;

import java.net.URI;
import org.mcx.access.Transport;

/**
 * The service access server a backend starts in its own process ({@code --sas-port}), and where
 * applications are told to reach the service access server — that one, or nodes of their own
 * elsewhere ({@code --sas-url}, e.g. in a DMZ).
 *
 * @param port      0 for none in this process
 * @param io        how its event loops reach the kernel
 * @param threads   its event loops (0: one per core)
 * @param publicUrl where applications reach the service access server; null: this process's, on {@code port}
 */
public record SasSettings(int port, Transport io, int threads, URI publicUrl) {
    public SasSettings {
        if (publicUrl != null) {
            String scheme = publicUrl.getScheme();
            if (!"https".equals(scheme) && !"http".equals(scheme) || publicUrl.getHost() == null) {
                throw new IllegalArgumentException("sas-url must be http(s)://host[:port], not " + publicUrl);
            }
        }
    }

    public static SasSettings none() {
        return new SasSettings(0, Transport.AUTO, 0, null);
    }

    public boolean enabled() {
        return port > 0;
    }

    public SasSettings withPort(int newPort) {
        return new SasSettings(newPort, io, threads, publicUrl);
    }

    public SasSettings withIo(Transport newIo, int newThreads) {
        return new SasSettings(port, newIo, newThreads, publicUrl);
    }

    public SasSettings withPublicUrl(URI url) {
        return new SasSettings(port, io, threads, url);
    }
}
