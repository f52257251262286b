package org.mcx.protocol.client;

import java.util.Objects;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.wire.MessageType;

/**
 * Produces the first message of every connection. The client calls it on its dispatcher thread
 * only; an instance belongs to one client, since it may remember what the server answered (the
 * session token of {@code auth.login}).
 */
public interface Authenticator {

    /** An authentication message; the body's {@code toString} masks the secret. */
    record Request(MessageType type, Auth.Message body) {
        public Request {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(body, "body");
            if (!type.isAuthentication()) {
                throw new IllegalArgumentException(type.wireName() + " is not an authentication message");
            }
        }
    }

    /** The message that authenticates the next connection; may be called more than once. */
    Request next();

    /** The server accepted {@link #next()}; {@code response} is its answer (e.g. {@link Auth.Session}). */
    default void accepted(Body response) {
    }

    /**
     * The server refused the credentials on a reconnect. Return true to open a new connection at
     * once and authenticate with whatever {@link #next()} returns now; false to give up, which puts
     * the client in {@link LinkState#AUTH_FAILED}.
     */
    default boolean retryAfter(RemoteException refusal) {
        return false;
    }

    /**
     * {@code auth.login} on /acmc. Reconnects resume the session with {@code auth.resume}; if the
     * session has expired the client stops, unless {@link LoginAuthenticator#reloginOnExpiry} allows
     * logging in again with the remembered password.
     */
    static LoginAuthenticator login(String username, String password) {
        return new LoginAuthenticator(new Auth.Login(username, password));
    }

    /** {@code auth.resume} on /acmc with a session token obtained earlier. */
    static LoginAuthenticator resume(String sessionToken) {
        return new LoginAuthenticator(new Auth.Resume(sessionToken));
    }

    /** {@code auth.application} on /csc14. */
    static Authenticator application(String applicationId, String secret) {
        return fixed(new Request(MessageType.AUTH_APPLICATION, new Auth.ApplicationLogin(applicationId, secret)));
    }

    /** {@code auth.node} on /csc15 and /registration. */
    static Authenticator node(String nodeId, String secret) {
        return fixed(new Request(MessageType.AUTH_NODE, new Auth.NodeLogin(nodeId, secret)));
    }

    /** {@code auth.partner} on /acms. */
    static Authenticator partner(String systemId, String secret) {
        return fixed(new Request(MessageType.AUTH_PARTNER, new Auth.PartnerLogin(systemId, secret)));
    }

    private static Authenticator fixed(Request request) {
        return () -> request;
    }
}
