package org.mcx.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a self-signed certificate on first start when TLS is needed and none is configured. The
 * JDK's own keytool makes it, so no crypto library is added for a one-off.
 */
public final class SelfSignedCertificate {
    private static final Logger log = LoggerFactory.getLogger(SelfSignedCertificate.class);
    public static final String ALIAS = "mcx";

    private SelfSignedCertificate() {
    }

    /** The keystore under {@code dataDir/tls}, created if missing; its password is in a file beside it. */
    public static Path ensure(Path dataDir, String hostName) throws IOException, InterruptedException {
        Path dir = dataDir.resolve("tls");
        Path keystore = dir.resolve("server.p12");
        Path passwordFile = dir.resolve("server.p12.password");
        if (Files.exists(keystore) && Files.exists(passwordFile)) {
            return keystore;
        }
        Files.createDirectories(dir);
        String password = randomPassword();
        Files.writeString(passwordFile, password);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
                "-dname", "CN=" + hostName + ", O=MCX Open Access", "-ext", "SAN=dns:" + hostName + ",dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass:env", "MCX_KEYSTORE_PASSWORD"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("MCX_KEYSTORE_PASSWORD", password);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            Files.deleteIfExists(keystore);
            throw new IOException("keytool could not make a certificate: " + output.strip());
        }
        log.info("made a self-signed TLS certificate in {}", keystore);
        return keystore;
    }

    public static String password(Path keystore) throws IOException {
        return Files.readString(keystore.resolveSibling(keystore.getFileName() + ".password")).strip();
    }

    /** SHA-256 fingerprint of the keystore's certificate, as colon-separated hex. */
    public static String fingerprint(Path keystore, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password.toCharArray());
        }
        String alias = ks.aliases().nextElement();
        Certificate cert = ks.getCertificate(alias);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /** 256 random bits for the keystore's password (TLS material depends on nothing of identity). */
    private static String randomPassword() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
