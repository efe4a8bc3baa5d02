package org.netlm.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netlm.engine.NetlmEngine;

/** Browsers get CORS headers only for the configured origins; a preflight needs no token. */
class CorsTest {
    @Test
    void onlyConfiguredOriginsAreAllowed() throws Exception {
        ServiceConfig config = new ServiceConfig(null, null, null, List.of("https://ehr-web.example.org"), null, null, null, null,
            null, null, null, null, null, null, null, null, null);
        try (CdsHooksServer server = CdsHooksServer.start(NetlmEngine.withDefaultRules(), new ScenarioPatients(Map.of()), config, 0,
            CdsHooksServer.Auth.JWT)) {
            ServiceHttp.Response allowed = preflight(server, "https://ehr-web.example.org");
            assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://ehr-web.example.org");
            ServiceHttp.Response other = preflight(server, "https://evil.example.org");
            assertThat(other.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    private static ServiceHttp.Response preflight(CdsHooksServer server, String origin) throws Exception {
        return ServiceHttp.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/cds-services/netlm-liver-metastases"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "authorization, content-type").build());
    }
}
