package org.mcx.backend.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.Sql;
import org.mcx.protocol.token.UserTokenFormat;

/** The registry's user-token signing key: made on first start, kept in the database (and its backups). */
public final class TokenSigner {
    private static final String KEY_ID = "user-tokens";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private TokenSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    static TokenSigner loadOrCreate(Database db) {
        return db.write(tx -> {
            tx.excludeOtherNodes(); // nodes starting together make one key, not one each
            Optional<String[]> row = Sql.queryOne(tx.connection(),
                    "SELECT private_key, public_key FROM signing_keys WHERE key_id = ?",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, KEY_ID);
            if (row.isPresent()) {
                return decode(row.get()[0], row.get()[1]);
            }
            KeyPair pair = generate();
            Base64.Encoder b64 = Base64.getEncoder();
            Sql.update(tx.connection(), "INSERT INTO signing_keys (key_id, algorithm, private_key, public_key, created_at)"
                            + " VALUES (?, ?, ?, ?, ?)", KEY_ID, "Ed25519", b64.encodeToString(pair.getPrivate().getEncoded()),
                    b64.encodeToString(pair.getPublic().getEncoded()), Instant.now());
            return new TokenSigner(pair.getPrivate(), pair.getPublic());
        }).join();
    }

    String sign(UserTokenFormat.Claims claims) {
        String unsigned = UserTokenFormat.unsigned(claims);
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(privateKey);
            ed.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(ed.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a user token", e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as service access servers receive it: X.509, base64. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    private static TokenSigner decode(String privateB64, String publicB64) {
        try {
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            Base64.Decoder b64 = Base64.getDecoder();
            return new TokenSigner(kf.generatePrivate(new PKCS8EncodedKeySpec(b64.decode(privateB64))),
                    kf.generatePublic(new X509EncodedKeySpec(b64.decode(publicB64))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored token signing key is unreadable", e);
        }
    }
}
