package org.mcx.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.wire.MessageType;

class AuthenticatorTest {
    private static final RemoteException EXPIRED = new RemoteException(ErrorCode.UNAUTHENTICATED, "expired", null);

    @Test
    void loginThenResumeAndGiveUpOnExpiryByDefault() {
        LoginAuthenticator auth = Authenticator.login("admin", "pw-1");
        assertThat(auth.next().type()).isEqualTo(MessageType.AUTH_LOGIN);

        auth.accepted(ScriptedServer.session());

        assertThat(auth.next().type()).isEqualTo(MessageType.AUTH_RESUME);
        assertThat(((Auth.Resume) auth.next().body()).sessionToken()).isEqualTo(ScriptedServer.TOKEN);
        assertThat(auth.retryAfter(EXPIRED)).isFalse();
    }

    @Test
    void reloginOnExpiryLogsInAgainOnce() {
        LoginAuthenticator auth = Authenticator.login("admin", "pw-1").reloginOnExpiry(true);
        auth.accepted(ScriptedServer.session());

        assertThat(auth.retryAfter(new RemoteException(ErrorCode.FORBIDDEN, "no", null))).isFalse();
        assertThat(auth.retryAfter(EXPIRED)).isTrue();
        assertThat(auth.next().body()).isEqualTo(new Auth.Login("admin", "pw-1"));
        // The login itself refused: no session left to replace, so no loop.
        assertThat(auth.retryAfter(EXPIRED)).isFalse();
    }

    @Test
    void secretsStayOutOfToString() {
        assertThat(Authenticator.login("admin", "pw-secret").next().toString()).doesNotContain("pw-secret");
        assertThat(Authenticator.application("app", "s3cr3t").next().toString()).doesNotContain("s3cr3t");
        assertThat(Authenticator.resume("tok-123").next().toString()).doesNotContain("tok-123");
        assertThat(Authenticator.partner("sys-b", "shared").next().type()).isEqualTo(MessageType.AUTH_PARTNER);
        assertThat(Authenticator.node("sas-1", "n").next().type()).isEqualTo(MessageType.AUTH_NODE);
        assertThatThrownBy(() -> Authenticator.resume("tok").reloginOnExpiry(true)).isInstanceOf(IllegalStateException.class);
    }
}
