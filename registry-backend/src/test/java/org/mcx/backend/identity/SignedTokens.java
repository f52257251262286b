package org.mcx.backend.identity;

import java.time.Instant;
import org.mcx.protocol.token.UserTokenFormat;

/** User tokens signed with a registry's real key but with claims a test chooses (expired ones, say). */
public final class SignedTokens {
    private SignedTokens() {
    }

    public static String sign(TokenSigner signer, String applicationId, String mcServiceId, Instant issuedAt,
                              Instant expiresAt) {
        return signer.sign(new UserTokenFormat.Claims(applicationId, mcServiceId, issuedAt, expiresAt));
    }
}
