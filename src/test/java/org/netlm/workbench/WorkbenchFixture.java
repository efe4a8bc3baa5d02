package org.netlm.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A workbench on a free loopback port for the tests: a copy of the bundled rules in a temporary folder (so that
 * tests can break and mend it), the example scenarios, a small slice of the reference cohort, and an HTTP client.
 */
final class WorkbenchFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Patients of the reference cohort the impact tests compare on. */
    static final int COHORT_SIZE = 300;

    final Path dir;
    final Path rules;
    final WorkbenchServer server;

    record Response(int status, JsonNode json, String body, HttpResponse<String> raw) {
    }

    WorkbenchFixture(Path dir) throws IOException {
        this.dir = dir;
        this.rules = dir.resolve("rules");
        copy(Path.of("rules"), rules);
        Path cohort = dir.resolve("cohort.ndjson");
        try (Stream<String> lines = Files.lines(Path.of("examples/cohort/cohort.ndjson"))) {
            Files.write(cohort, lines.limit(COHORT_SIZE).toList());
        }
        server = WorkbenchServer.start(new WorkbenchServer.Config(rules, "127.0.0.1", 0,
            List.of(Path.of("src/test/resources/scenarios/examples")), List.of(cohort), null, Duration.ofMillis(200), 2));
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    String url(String path) {
        return server.url() + (path.startsWith("/") ? path.substring(1) : path);
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofMinutes(2)).GET().build());
    }

    Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofMinutes(5))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(body), StandardCharsets.UTF_8)).build());
    }

    Response put(String path, String text) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofMinutes(5))
            .header("Content-Type", "text/plain; charset=utf-8").PUT(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build());
    }

    static String json(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                json = JSON.readTree(r.body());
            }
            return new Response(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The example patient ex-04 (progressive G2 pancreatic NET, diffuse liver disease), as a JSON tree. */
    static ObjectNode example04() throws IOException {
        return (ObjectNode) JSON.readTree(Path.of("examples/progressive-pancreatic-g2.json").toFile());
    }

    /** The rule file (relative path) with the most occurrences of {@code text}, for edits that change something. */
    String ruleFileContaining(String text) throws IOException {
        String best = null;
        int most = 0;
        try (Stream<Path> walk = Files.walk(rules)) {
            for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".drl")).sorted()::iterator) {
                int n = Files.readString(p).split(Pattern.quote(text), -1).length - 1;
                if (n > most) {
                    most = n;
                    best = rules.relativize(p).toString().replace('\\', '/');
                }
            }
        }
        if (best == null) {
            throw new AssertionError("no rule file contains " + text);
        }
        return best;
    }

    /** Waits until the rule folder's state is {@code state} and its digest differs from {@code notDigest}. */
    JsonNode awaitRules(String state, String notDigest, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode rules = get("/api/rules").json();
        while (System.nanoTime() < end) {
            rules = get("/api/rules").json();
            if (rules.path("state").asText().equals(state) && !rules.path("digest").asText().equals(notDigest)) {
                return rules;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("rules did not become " + state + " in " + timeout + ": " + rules);
    }

    @Override
    public void close() {
        server.stop();
    }
}
