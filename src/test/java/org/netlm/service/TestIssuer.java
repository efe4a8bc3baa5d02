package org.netlm.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

/** A CDS client for tests: its own key pair (RSA or EC), a JWK Set file with the public key, signed tokens. */
final class TestIssuer {
    final String iss;
    final JWK key;
    final Path jwksFile;

    private TestIssuer(String iss, JWK key, Path jwksFile) {
        this.iss = iss;
        this.key = key;
        this.jwksFile = jwksFile;
    }

    static TestIssuer rsa(String iss, Path dir) throws JOSEException, IOException {
        RSAKey k = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        return write(iss, k, dir);
    }

    static TestIssuer ec(String iss, Path dir) throws JOSEException, IOException {
        ECKey k = new ECKeyGenerator(Curve.P_384).keyID(UUID.randomUUID().toString()).generate();
        return write(iss, k, dir);
    }

    private static TestIssuer write(String iss, JWK k, Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "jwks", ".json");
        Files.writeString(file, new JWKSet(k.toPublicJWK()).toString());
        return new TestIssuer(iss, k, file);
    }

    ServiceConfig.Issuer config() {
        return new ServiceConfig.Issuer(iss, jwksFile.toString(), null);
    }

    /** A valid token for {@code aud}: iat now, exp in 5 minutes, a fresh jti; {@code edit} may change any claim. */
    String token(String aud, Consumer<JWTClaimsSet.Builder> edit) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(iss).audience(aud).issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
        edit.accept(claims);
        return sign(claims.build(), key);
    }

    String token(String aud) throws JOSEException {
        return token(aud, c -> { });
    }

    /** Signs with {@code signingKey} under this issuer's key id (a wrong key gives a bad signature). */
    String sign(JWTClaimsSet claims, JWK signingKey) throws JOSEException {
        boolean rsa = signingKey instanceof RSAKey;
        JWSHeader header = new JWSHeader.Builder(rsa ? JWSAlgorithm.RS384 : JWSAlgorithm.ES384)
            .type(JOSEObjectType.JWT).keyID(key.getKeyID()).build();
        JWSSigner signer = rsa ? new RSASSASigner((RSAKey) signingKey) : new ECDSASigner((ECKey) signingKey);
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
