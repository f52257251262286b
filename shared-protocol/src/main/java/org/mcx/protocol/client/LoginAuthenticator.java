package org.mcx.protocol.client;

import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.wire.MessageType;

/**
 * A console user's session on /acmc: logs in once, then resumes the session on every reconnect so
 * the password is not sent again. The password is kept after the first login only if
 * {@link #reloginOnExpiry(boolean)} asked for it.
 */
public final class LoginAuthenticator implements Authenticator {
    private final String username;
    private String password;
    private String sessionToken;
    private boolean reloginOnExpiry;

    LoginAuthenticator(Auth.Login login) {
        this.username = login.username();
        this.password = login.password();
    }

    LoginAuthenticator(Auth.Resume resume) {
        this.username = null;
        this.sessionToken = resume.sessionToken();
    }

    /**
     * Whether an expired or revoked session may be replaced by logging in again with the password
     * given to {@link Authenticator#login}. Off by default: the client then stops in
     * {@link LinkState#AUTH_FAILED} and the user logs in again.
     */
    public synchronized LoginAuthenticator reloginOnExpiry(boolean enabled) {
        if (enabled && username == null) {
            throw new IllegalStateException("a resume-only authenticator has no password to log in with");
        }
        this.reloginOnExpiry = enabled;
        return this;
    }

    @Override
    public synchronized Request next() {
        if (sessionToken != null) {
            return new Request(MessageType.AUTH_RESUME, new Auth.Resume(sessionToken));
        }
        if (password == null) {
            throw new IllegalStateException("no session to resume and no password to log in with");
        }
        return new Request(MessageType.AUTH_LOGIN, new Auth.Login(username, password));
    }

    @Override
    public synchronized void accepted(Body response) {
        if (response instanceof Auth.Session session && session.sessionToken() != null) {
            sessionToken = session.sessionToken();
            if (!reloginOnExpiry) {
                password = null;
            }
        }
    }

    @Override
    public synchronized boolean retryAfter(RemoteException refusal) {
        if (sessionToken == null || refusal.code() != ErrorCode.UNAUTHENTICATED || !reloginOnExpiry || password == null) {
            return false;
        }
        sessionToken = null;
        return true;
    }

    @Override
    public String toString() {
        return "LoginAuthenticator[username=" + username + ", reloginOnExpiry=" + reloginOnExpiry + "]";
    }
}
