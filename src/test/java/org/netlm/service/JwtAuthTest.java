package org.netlm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netlm.service.ServiceHttp.JSON;
import static org.netlm.service.ServiceHttp.get;
import static org.netlm.service.ServiceHttp.post;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.engine.NetlmEngine;

/** The service's authentication over real HTTP: what a CDS client must send, and every way to get it wrong. */
class JwtAuthTest {
    @TempDir
    static Path dir;
    static CdsHooksServer server;
    static TestIssuer rsa;
    static TestIssuer ec;
    static TestIssuer stranger;

    @BeforeAll
    static void start() throws Exception {
        rsa = TestIssuer.rsa("https://ehr.example.org", dir);
        ec = TestIssuer.ec("https://ec-ehr.example.org", dir);
        stranger = TestIssuer.rsa("https://stranger.example.org", dir);
        ServiceConfig config = ServiceConfig.defaults().withIssuers(List.of(rsa.config(), ec.config()));
        server = CdsHooksServer.start(NetlmEngine.withDefaultRules(), new ScenarioPatients(Map.of()), config, 0, CdsHooksServer.Auth.JWT);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static String discovery() {
        return server.baseUrl() + "/cds-services";
    }

    static ServiceHttp.Response discover(String token) throws Exception {
        return get(discovery(), token);
    }

    static void assertRefused(ServiceHttp.Response r, String reasonPart) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(r.json().at("/error/problems/0/reason").asText()).contains(reasonPart);
        assertThat(r.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void rsaAndEcSignedTokensOfTrustedIssuersAreAccepted() throws Exception {
        assertThat(discover(rsa.token(discovery())).status()).isEqualTo(200);
        assertThat(discover(ec.token(discovery())).status()).isEqualTo(200);
    }

    @Test
    void noTokenIsRefused() throws Exception {
        assertRefused(discover(null), "no Authorization header");
    }

    @Test
    void aTokenThatIsNotAJwtIsRefused() throws Exception {
        assertRefused(discover("not-a-jwt"), "not a signed JWT");
    }

    @Test
    void anIssuerNotInTheAllowListIsRefused() throws Exception {
        assertRefused(discover(stranger.token(discovery())), "issuer not trusted");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        assertRefused(discover(rsa.token("https://other-service.example.org/cds-services")), "audience");
    }

    @Test
    void aTokenForAnotherEndpointOfThisServiceIsRefused() throws Exception {
        String path = "/cds-services/netlm-liver-metastases";
        ServiceHttp.Response r = post(server.baseUrl() + path, JSON.writeValueAsString(ServiceHttp.patientView("x")),
            rsa.token(server.baseUrl() + "/cds-services/netlm-therapy-check"));
        assertRefused(r, "audience");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        assertRefused(discover(rsa.token(discovery(), c -> c.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(120))))),
            "Expired");
    }

    @Test
    void aTokenWithoutJtiIsRefused() throws Exception {
        assertRefused(discover(rsa.token(discovery(), c -> c.jwtID(null))), "jti");
    }

    @Test
    void aTokenValidForTooLongIsRefused() throws Exception {
        assertRefused(discover(rsa.token(discovery(), c -> c.expirationTime(Date.from(Instant.now().plusSeconds(86_400))))), "lifetime");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID(rsa.key.getKeyID()).generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(rsa.iss).audience(discovery()).issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(120))).jwtID(UUID.randomUUID().toString()).build();
        assertRefused(discover(rsa.sign(claims, other)), "signature");
    }

    @Test
    void unsignedAndSharedSecretTokensAreRefused() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(rsa.iss).audience(discovery()).issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(120))).jwtID(UUID.randomUUID().toString()).build();
        assertRefused(discover(new PlainJWT(claims).serialize()), "not a signed JWT");
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        hmac.sign(new MACSigner(new byte[32]));
        assertRefused(discover(hmac.serialize()), "rejected");
    }

    @Test
    void aReplayedTokenIsRefused() throws Exception {
        String token = rsa.token(discovery());
        assertThat(discover(token).status()).isEqualTo(200);
        assertRefused(discover(token), "replayed");
    }

    @Test
    void theErrorNeverEchoesTheToken() throws Exception {
        String token = stranger.token(discovery());
        assertThat(discover(token).body()).doesNotContain(token);
    }
}
