package org.netlm.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A FHIR server for tests on a free loopback port: answers GETs under {@code /fhir} from a map of
 * "path?query" to JSON, records each request's target and Authorization header, 404 otherwise.
 */
final class StubFhirServer implements AutoCloseable {
    record Seen(String target, String authorization) {
    }

    final Map<String, JsonNode> answers = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Javalin app;

    StubFhirServer() {
        app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = "127.0.0.1";
            c.routes.get("/fhir/*", ctx -> {
                String target = ctx.path().substring("/fhir/".length()) + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                seen.add(new Seen(target, ctx.header("Authorization")));
                JsonNode answer = answers.get(URLDecoder.decode(target, StandardCharsets.UTF_8));
                if (answer == null) {
                    ctx.status(404).result("{\"resourceType\":\"OperationOutcome\"}");
                } else {
                    ctx.contentType("application/fhir+json").result(answer.toString());
                }
            });
        }).start(0);
    }

    String base() {
        return "http://127.0.0.1:" + app.port() + "/fhir";
    }

    @Override
    public void close() {
        app.stop();
    }
}
