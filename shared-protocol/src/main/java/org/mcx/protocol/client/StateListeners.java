package org.mcx.protocol.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The current {@link LinkStatus} and who is told when it changes (on the dispatcher thread). */
final class StateListeners {
    private static final Logger log = LoggerFactory.getLogger(ProtocolClient.class);
    static final int NORMAL_CLOSURE = 1000;

    private final String name;
    private final List<Consumer<LinkStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile LinkStatus current = LinkStatus.of(LinkState.CLOSED, "not connected yet");

    StateListeners(String name, List<Consumer<LinkStatus>> initialListeners) {
        this.name = name;
        this.listeners.addAll(initialListeners);
    }

    LinkStatus current() {
        return current;
    }

    void add(Consumer<LinkStatus> listener) {
        listeners.add(listener);
    }

    void remove(Consumer<LinkStatus> listener) {
        listeners.remove(listener);
    }

    void publish(LinkStatus status) {
        current = status;
        switch (status.state()) {
            case CONNECTING, AUTHENTICATING -> log.debug("{}: {}", name, status);
            case CONNECTED -> log.info("{}: {}", name, status);
            case CLOSED -> {
                if (status.closeCode() == NORMAL_CLOSURE) {
                    log.info("{}: {}", name, status);
                } else {
                    log.warn("{}: {}", name, status);
                }
            }
            case RECONNECTING, AUTH_FAILED -> log.warn("{}: {}", name, status);
        }
        for (Consumer<LinkStatus> listener : listeners) {
            try {
                listener.accept(status);
            } catch (RuntimeException e) {
                log.error("{}: state listener failed on {}", name, status.state(), e);
            }
        }
    }
}
