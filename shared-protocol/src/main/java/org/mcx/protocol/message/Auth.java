package org.mcx.protocol.message;

import java.time.Instant;
import java.util.List;
import org.mcx.protocol.Check;
import org.mcx.protocol.Role;

/** The first message on every connection, and {@code auth.user} on /csc14. */
public final class Auth {
    private Auth() {
    }

    public sealed interface Message extends Body {
    }

    public record Login(String username, String password) implements Message {
        public Login {
            Check.id(username, "username");
            Check.secret(password, "password", 1024);
        }

        @Override
        public String toString() {
            return "Login[username=" + username + ", password=***]";
        }
    }

    public record Resume(String sessionToken) implements Message {
        public Resume {
            Check.secret(sessionToken, "sessionToken", 256);
        }

        @Override
        public String toString() {
            return "Resume[sessionToken=***]";
        }
    }

    public record UserInfo(String mcServiceId, String displayName, List<Role> roles) {
    }

    public record Session(String sessionToken, Instant expiresAt, UserInfo user) implements Message {
        @Override
        public String toString() {
            return "Session[user=" + user + ", expiresAt=" + expiresAt + "]";
        }
    }

    public record ApplicationLogin(String applicationId, String secret) implements Message {
        public ApplicationLogin {
            Check.id(applicationId, "applicationId");
            Check.secret(secret, "secret", 256);
        }

        @Override
        public String toString() {
            return "ApplicationLogin[applicationId=" + applicationId + ", secret=***]";
        }
    }

    public record ApplicationSession(String applicationId, String name) implements Message {
    }

    public record NodeLogin(String nodeId, String secret) implements Message {
        public NodeLogin {
            Check.id(nodeId, "nodeId");
            Check.secret(secret, "secret", 256);
        }

        @Override
        public String toString() {
            return "NodeLogin[nodeId=" + nodeId + ", secret=***]";
        }
    }

    public record NodeSession(String nodeId) implements Message {
    }

    public record PartnerLogin(String systemId, String secret) implements Message {
        public PartnerLogin {
            Check.id(systemId, "systemId");
            Check.secret(secret, "secret", 256);
        }

        @Override
        public String toString() {
            return "PartnerLogin[systemId=" + systemId + ", secret=***]";
        }
    }

    public record PartnerSession(String systemId) implements Message {
    }

    /** {@code auth.user}: the MC service user an application acts for (R-5.18.2-004). */
    public record UserLogin(String mcServiceId, String password) implements Message {
        public UserLogin {
            Check.id(mcServiceId, "mcServiceId");
            Check.secret(password, "password", 1024);
        }

        @Override
        public String toString() {
            return "UserLogin[mcServiceId=" + mcServiceId + ", password=***]";
        }
    }

    public record UserToken(String userToken, Instant expiresAt) implements Message {
        @Override
        public String toString() {
            return "UserToken[expiresAt=" + expiresAt + "]";
        }
    }
}
