package org.netlm.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netlm.validation.Violation;

/**
 * Checks the bearer JWT a CDS client sends with every call (CDS Hooks 2.0, "Trusting CDS Clients"): signed
 * (RS256/384/512, ES256/384/512; never {@code none} or a shared secret) by a key of the JWK Set configured for
 * its {@code iss}, which must be in the allow-list; {@code aud} names the called endpoint; {@code exp},
 * {@code iat} and {@code jti} present; {@code exp} not passed and the lifetime bounded; a {@code jti} accepted
 * once within its lifetime. The {@code jku} header is ignored: keys come only from the configuration.
 */
final class TokenVerifier {
    /** The algorithms CDS Hooks clients sign with (ES384 and RS384 required by the specification). */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
        JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final Map<String, DefaultJWTProcessor<SecurityContext>> processors = new HashMap<>();
    private final ReplayGuard replay;
    private final long maxLifetimeSeconds;
    private final long skewSeconds;
    private final Clock clock;

    TokenVerifier(ServiceConfig config, Clock clock) throws IOException {
        this.clock = clock;
        this.maxLifetimeSeconds = config.maxTokenLifetimeSeconds();
        this.skewSeconds = config.clockSkewSeconds();
        this.replay = new ReplayGuard(config.replayCacheSize());
        for (ServiceConfig.Issuer issuer : config.issuers()) {
            processors.put(issuer.iss(), processor(issuer, (int) skewSeconds));
        }
    }

    private static DefaultJWTProcessor<SecurityContext> processor(ServiceConfig.Issuer issuer, int skew) throws IOException {
        JWKSource<SecurityContext> keys;
        if (issuer.jwksFile() != null) {
            try {
                keys = new ImmutableJWKSet<>(JWKSet.load(new File(issuer.jwksFile())));
            } catch (ParseException e) {
                throw new IOException("JWK Set of issuer " + issuer.iss() + " (" + issuer.jwksFile() + "): " + e.getMessage(), e);
            }
        } else {
            try {
                keys = JWKSourceBuilder.create(URI.create(issuer.jwksUrl()).toURL()).retrying(true).build();
            } catch (MalformedURLException e) {
                throw new IOException("jwksUrl of issuer " + issuer.iss() + ": " + e.getMessage(), e);
            }
        }
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(null,
            new JWTClaimsSet.Builder().issuer(issuer.iss()).build(), Set.of("iss", "aud", "exp", "iat", "jti"), null);
        claims.setMaxClockSkew(skew);
        p.setJWTClaimsSetVerifier(claims);
        return p;
    }

    int issuerCount() {
        return processors.size();
    }

    /**
     * The verified claims of {@code authorization} (the header value) for a call of {@code audience}.
     *
     * @throws AuthException with the reason to answer with (401; 503 when the replay memory is full)
     */
    JWTClaimsSet verify(String authorization, String audience) throws AuthException {
        if (authorization == null || authorization.isBlank()) {
            throw new AuthException("no Authorization header: a CDS client must send a signed JWT as a Bearer token");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthException("the Authorization header is not a Bearer token");
        }
        SignedJWT jwt;
        String issuer;
        try {
            jwt = SignedJWT.parse(authorization.substring(7).trim());
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException | RuntimeException e) {
            throw new AuthException("the bearer token is not a signed JWT");
        }
        DefaultJWTProcessor<SecurityContext> p = issuer == null ? null : processors.get(issuer);
        if (p == null) {
            throw new AuthException("issuer not trusted: " + (issuer == null ? "(no iss)" : printable(issuer)));
        }
        JWTClaimsSet claims;
        try {
            claims = p.process(jwt, null);
        } catch (BadJWTException e) {
            throw new AuthException("token claims rejected: " + e.getMessage());
        } catch (BadJOSEException e) {
            throw new AuthException("token signature or algorithm rejected: " + e.getMessage());
        } catch (JOSEException e) {
            throw new AuthException("token could not be verified");
        }
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(audience)) {
            throw new AuthException("token audience " + aud + " does not name this endpoint " + audience);
        }
        Instant now = clock.instant();
        Instant exp = claims.getExpirationTime().toInstant();
        Instant iat = claims.getIssueTime().toInstant();
        if (iat.isAfter(now.plusSeconds(skewSeconds))) {
            throw new AuthException("token issued in the future (iat)");
        }
        if (exp.getEpochSecond() - iat.getEpochSecond() > maxLifetimeSeconds) {
            throw new AuthException("token lifetime exp - iat exceeds " + maxLifetimeSeconds + " s");
        }
        switch (replay.use(issuer, claims.getJWTID(), exp.plusSeconds(skewSeconds), now)) {
            case REPLAYED -> throw new AuthException("token replayed: its jti was already used");
            case FULL -> throw new AuthException(503, "too many live tokens to remember: try again shortly");
            default -> {
                return claims;
            }
        }
    }

    private static String printable(String s) {
        String t = Violation.printable(s);
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }
}
