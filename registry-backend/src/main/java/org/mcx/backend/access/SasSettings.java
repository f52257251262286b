package org.mcx.backend.access;

/**
 * The service access server a backend starts in its own process ({@code --sas-port}).
 *
 * @param port    0 for none
 * @param io      how its event loops reach the kernel
 * @param threads its event loops (0: one per core)
 */
public record SasSettings(int port, Transport io, int threads) {
    public static SasSettings none() {
        return new SasSettings(0, Transport.AUTO, 0);
    }

    public boolean enabled() {
        return port > 0;
    }

    public SasSettings withPort(int newPort) {
        return new SasSettings(newPort, io, threads);
    }

    public SasSettings withIo(Transport newIo, int newThreads) {
        return new SasSettings(port, newIo, newThreads);
    }
}
