package org.mcx.desktop.connection;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javax.net.ssl.SSLContext;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.ErrorText;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.SessionOpener;
import org.mcx.desktop.common.Tasks;
import org.mcx.protocol.client.PinnedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connect window's state: server, user name and password; what failed, in plain words and with
 * the failing field named; and, for a {@code wss://} server whose certificate is not trusted, the
 * fingerprint a person may choose to trust once.
 */
public final class ConnectViewModel {
    private static final Logger log = LoggerFactory.getLogger(ConnectViewModel.class);
    public enum Field { SERVER, USER, PASSWORD }

    private final Tasks tasks;
    private final SessionOpener opener;
    private final ConnectionPrefs prefs;
    private final I18n i18n;
    private final ErrorText errors;
    private final StringProperty server = new SimpleStringProperty();
    private final StringProperty user = new SimpleStringProperty("admin");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty();
    private final ObjectProperty<Field> errorField = new SimpleObjectProperty<>();
    private final StringProperty untrustedFingerprint = new SimpleStringProperty();
    private String trustedFingerprint;

    public ConnectViewModel(Tasks tasks, SessionOpener opener, ConnectionPrefs prefs, I18n i18n) {
        this.tasks = tasks;
        this.opener = opener;
        this.prefs = prefs;
        this.i18n = i18n;
        this.errors = new ErrorText(i18n);
        server.set(prefs.server());
    }

    /** Checks the form, then logs in off the UI thread; {@code onConnected} gets the live session. */
    public CompletableFuture<ConsoleSession> connect(Consumer<ConsoleSession> onConnected) {
        error.set(null);
        errorField.set(null);
        untrustedFingerprint.set(null);
        java.util.List<URI> nodes = validate();
        if (nodes == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(error.get()));
        }
        URI uri = nodes.get(0);
        busy.set(true);
        String fingerprint = uri.getScheme().equals("wss") ? trustedFingerprint : null;
        return tasks.call("log in to " + uri, () -> {
            SSLContext trust = fingerprint == null ? null : PinnedCertificate.trusting(fingerprint);
            return opener.open(nodes, user.get().trim(), password.get(), trust, uri.getAuthority());
        }).onSuccess(session -> {
            busy.set(false);
            prefs.rememberServer(server.get().trim());
            password.set("");
            onConnected.accept(session);
        }).onError(failure -> {
            busy.set(false);
            error.set(errors.describe(failure));
            boolean refused = failure instanceof org.mcx.protocol.client.RemoteException;
            if (uri.getScheme().equals("wss") && fingerprint == null && !refused) {
                askAboutCertificate(uri);
            }
        }).start();
    }

    /** The person compared the fingerprint and trusts it for this run only. */
    public CompletableFuture<ConsoleSession> trustAndConnect(String fingerprint, Consumer<ConsoleSession> onConnected) {
        trustedFingerprint = fingerprint;
        return connect(onConnected);
    }

    /** A wss:// connection failed: if the server's certificate is what the JVM refuses, offer its fingerprint. */
    private void askAboutCertificate(URI uri) {
        // Runs on the task helper's background thread: this is network work.
        tasks.call("check the certificate of " + uri, () -> {
            try {
                return CompletableFuture.completedFuture(CertificateCheck.untrusted(uri, Duration.ofSeconds(5)));
            } catch (java.io.IOException e) {
                return CompletableFuture.<java.util.Optional<String>>failedFuture(e);
            }
        }).onSuccess(untrusted -> untrusted.ifPresent(fp -> {
            error.set(i18n.get("error.certificate"));
            untrustedFingerprint.set(fp);
        })).onError(f -> {
            if (speaksPlainText(f)) {
                // The server answered, but not with TLS: it is a plain ws:// listener.
                error.set(i18n.get("connect.error.notTls", uri.getAuthority()));
                errorField.set(Field.SERVER);
            } else {
                log.debug("{} could not be checked: {}", uri, f.toString());
            }
        }).start();
    }

    /** A TLS handshake answered with something that is not TLS (a plain HTTP/WebSocket server). */
    static boolean speaksPlainText(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage();
            if (c instanceof javax.net.ssl.SSLException && (m.contains("plaintext") || m.contains("Unsupported or unrecognized SSL message"))) {
                return true;
            }
        }
        return false;
    }

    /** The server's address, or its nodes' separated by commas (all ws:// or all wss://); null after a failure. */
    private java.util.List<URI> validate() {
        String text = server.get() == null ? "" : server.get().trim();
        java.util.List<URI> nodes = new java.util.ArrayList<>();
        for (String url : text.split(",", -1)) {
            URI uri = null;
            try {
                uri = URI.create(url.trim());
            } catch (IllegalArgumentException e) {
                // reported below, naming the field
            }
            if (uri == null || uri.getHost() == null || !("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme()))
                    || !nodes.isEmpty() && !nodes.get(0).getScheme().equals(uri.getScheme())) {
                return fail(Field.SERVER, i18n.get("connect.error.server"));
            }
            nodes.add(uri);
        }
        if (user.get() == null || user.get().isBlank()) {
            return fail(Field.USER, i18n.get("connect.error.user"));
        }
        if (password.get() == null || password.get().isEmpty()) {
            return fail(Field.PASSWORD, i18n.get("connect.error.password"));
        }
        return nodes;
    }

    private <T> T fail(Field field, String message) {
        errorField.set(field);
        error.set(message);
        return null;
    }

    public StringProperty serverProperty() {
        return server;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ObjectProperty<Field> errorFieldProperty() {
        return errorField;
    }

    public StringProperty untrustedFingerprintProperty() {
        return untrustedFingerprint;
    }
}
