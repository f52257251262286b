package org.mcx.desktop.common;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ClientBuilder;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs in on /acmc with shared-protocol's client and subscribes to every event: the connect window's and the demo's one path. */
public final class SessionOpener {
    private static final Logger log = LoggerFactory.getLogger(SessionOpener.class);

    private final Executor ui;
    private ReconnectPolicy reconnect = ReconnectPolicy.defaults();
    private Long replayFrom;

    public SessionOpener(Executor ui) {
        this.ui = ui;
    }

    /** Tests shorten the backoff so a restart is noticed quickly. */
    public SessionOpener reconnect(ReconnectPolicy policy) {
        this.reconnect = policy;
        return this;
    }

    /**
     * Replays the whole event history into the feed on log-in: for the demo's young systems, whose
     * story so far is short and worth seeing; a production system's could be long.
     */
    public SessionOpener replayHistory() {
        this.replayFrom = 0L;
        return this;
    }

    /**
     * Connects and logs in; completes with a live session, or fails with the client's error (the
     * client is then closed). Blocks nothing: call it from a background task anyway, since
     * building the TLS context may read files.
     */
    public CompletableFuture<ConsoleSession> open(URI server, String user, String password, SSLContext trust,
                                                  String label) {
        return open(java.util.List.of(server), user, password, trust, label);
    }

    /**
     * The same for a system served by several nodes: the console logs in on the first that answers
     * and, when its node is lost, goes on on the next without losing an event.
     */
    public CompletableFuture<ConsoleSession> open(java.util.List<URI> servers, String user, String password, SSLContext trust,
                                                  String label) {
        AtomicReference<ConsoleSession> session = new AtomicReference<>();
        ClientBuilder builder = ProtocolClient.builder(servers, Endpoint.ACMC)
                .authenticator(Authenticator.login(user, password))
                .name("acmc-" + label)
                .reconnect(reconnect)
                .onEvent(e -> {
                    ConsoleSession s = session.get();
                    if (s != null) {
                        s.eventArrived(e);
                    }
                })
                .onState(st -> {
                    ConsoleSession s = session.get();
                    if (s != null) {
                        s.linkChanged(st);
                    }
                });
        if (trust != null) {
            builder.sslContext(trust);
        }
        ProtocolClient client = builder.build();
        session.set(new ConsoleSession(client, ui, label));
        return client.connect()
                .thenCompose(ok -> session.get().subscribeAll(replayFrom))
                .thenApply(ok -> {
                    log.info("console logged in to {} as {}", client.uri(), user);
                    session.get().linkChanged(client.status());
                    return session.get();
                })
                .whenComplete((s, error) -> {
                    if (error != null) {
                        client.close();
                    }
                });
    }
}
