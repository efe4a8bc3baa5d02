package org.netlm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.model.Therapy;

class ServiceConfigTest {
    @TempDir
    Path dir;

    @Test
    void yamlWithEveryMemberIsReadAndRelativeJwksFilesResolveBesideIt() throws Exception {
        Files.writeString(dir.resolve("ehr-jwks.json"), "{\"keys\":[]}");
        Path f = dir.resolve("service.yaml");
        Files.writeString(f, """
            host: 0.0.0.0
            baseUrl: https://cds.example.org
            issuers:
              - iss: https://ehr.example.org
                jwksFile: ehr-jwks.json
              - iss: https://other-ehr.example.org
                jwksUrl: https://other-ehr.example.org/.well-known/jwks.json
            corsOrigins: [https://sandbox.cds-hooks.org]
            maxRequestBytes: 1000000
            fhirTimeoutMillis: 2000
            orderProcedureCodes:
              - {system: "http://or.site.example.org/procedures", code: "TACE-01", therapy: TRANSARTERIAL_EMBOLIZATION}
            """);
        ServiceConfig c = ServiceConfig.load(f);
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.issuers()).hasSize(2);
        assertThat(c.issuers().get(0).jwksFile()).isEqualTo(dir.resolve("ehr-jwks.json").toAbsolutePath().toString());
        assertThat(c.corsOrigins()).containsExactly("https://sandbox.cds-hooks.org");
        assertThat(c.maxRequestBytes()).isEqualTo(1_000_000L);
        assertThat(c.orderProcedureCodes().get(0).therapy()).isEqualTo(Therapy.TRANSARTERIAL_EMBOLIZATION);
        assertThat(c.stopTimeoutMillis()).isEqualTo(10_000L); // default
    }

    @Test
    void jsonDefaultsAreSafe() throws Exception {
        Path f = dir.resolve("service.json");
        Files.writeString(f, "{}");
        ServiceConfig c = ServiceConfig.load(f);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.issuers()).isEmpty();
        assertThat(c.corsOrigins()).isEmpty();
        assertThat(c.maxRequestBytes()).isEqualTo(5_000_000L);
    }

    @Test
    void everyProblemIsListedAtOnce() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, """
            {"baseUrl": "cds.example.org", "issuers": [{"iss": "a", "jwksFile": "missing.json"}, {"iss": "a"}],
             "corsOrigins": ["*"], "maxRequestBytes": 0}
            """);
        assertThatThrownBy(() -> ServiceConfig.load(f)).isInstanceOfSatisfying(ServiceConfig.BadConfigException.class, e ->
            assertThat(e.problems()).hasSize(6).anySatisfy(p -> assertThat(p).startsWith("baseUrl:"))
                .anySatisfy(p -> assertThat(p).startsWith("issuers[0].jwksFile:"))
                .anySatisfy(p -> assertThat(p).startsWith("issuers[1].iss: a: listed twice"))
                .anySatisfy(p -> assertThat(p).startsWith("issuers[1]: give exactly one"))
                .anySatisfy(p -> assertThat(p).startsWith("corsOrigins[0]:"))
                .anySatisfy(p -> assertThat(p).startsWith("maxRequestBytes:")));
    }

    @Test
    void anUnknownMemberIsAnErrorNamingIt() throws Exception {
        Path f = dir.resolve("typo.yaml");
        Files.writeString(f, "issuer:\n  - iss: x\n");
        assertThatThrownBy(() -> ServiceConfig.load(f)).isInstanceOfSatisfying(ServiceConfig.BadConfigException.class, e ->
            assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).contains("issuer")));
    }
}
