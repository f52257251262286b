package org.mcx.desktop.common;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.LinkState;
import org.mcx.protocol.client.LinkStatus;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.wire.MessageType;

/**
 * One logged-in console: the protocol client, who is logged in, the link's state as a property and
 * the event stream, all delivered on the UI executor. After a reconnect, {@link #onResynced}
 * listeners reload what they show, so nothing stays stale even for soft state (service leases)
 * that events alone would not restore.
 */
public final class ConsoleSession implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConsoleSession.class);
    static final int LOGOUT_WAIT_SECONDS = 3;
    private final ProtocolClient client;
    private final Executor ui;
    private final String systemLabel;
    private final ObjectProperty<LinkStatus> link = new SimpleObjectProperty<>();
    private final List<Consumer<Common.Event>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> resyncListeners = new CopyOnWriteArrayList<>();
    private volatile boolean wasDown;
    /** Events that arrived before the window was ready to show them (read and written on the UI thread). */
    private final List<Common.Event> held = new java.util.ArrayList<>();
    private boolean delivering;

    ConsoleSession(ProtocolClient client, Executor ui, String systemLabel) {
        this.client = client;
        this.ui = ui;
        this.systemLabel = systemLabel;
        this.link.set(client.status());
    }

    /** Wired as the client's state listener; runs on the client's thread, hops to the UI. */
    void linkChanged(LinkStatus status) {
        if (status.state() == LinkState.RECONNECTING || status.state() == LinkState.CLOSED) {
            wasDown = true;
        }
        boolean resynced = status.state() == LinkState.CONNECTED && wasDown;
        if (resynced) {
            wasDown = false;
        }
        ui.execute(() -> {
            link.set(status);
            if (resynced) {
                resyncListeners.forEach(Runnable::run);
            }
        });
    }

    /** Wired as the client's event listener. Held until {@link #deliverEvents()}, so none is lost before the window listens. */
    void eventArrived(Common.Event event) {
        ui.execute(() -> {
            synchronized (held) { // one UI thread in the console; tests wire a direct executor
                if (!delivering) {
                    held.add(event);
                    return;
                }
            }
            eventListeners.forEach(l -> l.accept(event));
        });
    }

    /**
     * From now on events go to the listeners, starting with those that arrived since the log-in (a
     * replayed history arrives right after it). The console window calls it once it listens; on the UI thread.
     */
    public void deliverEvents() {
        List<Common.Event> backlog;
        synchronized (held) {
            if (delivering) {
                return;
            }
            delivering = true;
            backlog = List.copyOf(held);
            held.clear();
        }
        backlog.forEach(e -> eventListeners.forEach(l -> l.accept(e)));
    }

    public <R extends Body> CompletableFuture<R> request(MessageType type, Body body) {
        return client.request(type, body);
    }

    /**
     * Follows every event from now on, or after {@code sinceSeq} when given (the server replays what
     * a reconnect missed either way).
     */
    public CompletableFuture<Void> subscribeAll(Long sinceSeq) {
        return client.subscribe(List.of(""), sinceSeq).thenApply(ok -> null);
    }

    public void onEvent(Consumer<Common.Event> listener) {
        eventListeners.add(Objects.requireNonNull(listener));
    }

    public void onResynced(Runnable listener) {
        resyncListeners.add(Objects.requireNonNull(listener));
    }

    public ReadOnlyObjectProperty<LinkStatus> linkProperty() {
        return link;
    }

    public Auth.UserInfo user() {
        return client.session().map(Auth.Session::user)
                .orElse(new Auth.UserInfo("?", "?", List.of()));
    }

    /** Whether the user's roles allow {@code type}; the UI hides or disables what they do not (the server enforces it). */
    public boolean may(MessageType type) {
        Role needed = type.role();
        return needed == null || user().roles().stream().anyMatch(r -> r.grants(needed));
    }

    /** A short name of the system this console is logged in to (e.g. "primary"), for titles. */
    public String systemLabel() {
        return systemLabel;
    }

    public String serverAddress() {
        return client.uri().toString();
    }

    /**
     * Ends the session for good: its token is revoked on the server ({@code auth.logout}), so it
     * resumes nowhere, then the link closes. Waits up to {@value #LOGOUT_WAIT_SECONDS} s; never call it
     * on the FX thread. Unreachable server: the link closes and the token lapses at its expiry.
     */
    @Override
    public void close() {
        try {
            client.logout().get(LOGOUT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            log.info("not logged out on the server ({}); the session lapses when it expires", e.getCause().getMessage());
        } catch (TimeoutException e) {
            log.info("the server did not confirm the log-out within {} s; closing anyway", LOGOUT_WAIT_SECONDS);
            client.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
        }
    }
}
