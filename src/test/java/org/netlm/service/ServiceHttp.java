package org.netlm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** A CDS client over real HTTP for the tests: JSON bodies, optional bearer token. */
final class ServiceHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, JsonNode json, String body, HttpResponse<String> raw) {
    }

    private ServiceHttp() {
    }

    static Response get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    static Response post(String url, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    static Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json = null;
        try {
            json = r.body().isEmpty() ? null : JSON.readTree(r.body());
        } catch (IOException notJson) {
            // left null: the test says what it expected
        }
        return new Response(r.statusCode(), json, r.body(), r);
    }

    /** A patient-view request whose prefetch carries a Patient with {@code patientId} and every other key empty. */
    static ObjectNode patientView(String patientId) {
        ObjectNode req = hook("patient-view", patientId);
        ObjectNode prefetch = req.putObject("prefetch");
        prefetch.putObject("patient").put("resourceType", "Patient").put("id", patientId);
        PrefetchAssembler.TEMPLATES.keySet().stream().filter(k -> !k.equals("patient")).forEach(k -> prefetch.set(k, emptySearchset()));
        return req;
    }

    /** Where a resource of a Bundle goes in the prefetch (the template that reads it). */
    static final Map<String, String> KEY_OF_TYPE = Map.of("Condition", "conditions",
        "Observation", "observations", "MedicationRequest", "medicationRequests", "MedicationStatement", "medicationStatements",
        "Procedure", "procedures", "DiagnosticReport", "reports", "OperationOutcome", "medicationStatements");

    /**
     * A call of {@code hook} for the Bundle's patient whose prefetch holds the Bundle's resources under the keys that
     * read them (every other key an empty searchset); a resource no template reads goes to {@code elsewhere} (e.g. a
     * stub FHIR server).
     */
    static ObjectNode fromBundle(String hook, JsonNode bundle, Consumer<JsonNode> elsewhere) {
        String patientId = null;
        for (JsonNode e : bundle.path("entry")) {
            if ("Patient".equals(e.at("/resource/resourceType").asText())) {
                patientId = e.at("/resource/id").asText();
            }
        }
        ObjectNode req = hook(hook, patientId);
        ObjectNode prefetch = req.putObject("prefetch");
        PrefetchAssembler.TEMPLATES.keySet().forEach(k -> prefetch.set(k, emptySearchset()));
        for (JsonNode e : bundle.path("entry")) {
            JsonNode r = e.path("resource");
            String type = r.path("resourceType").asText();
            if (type.equals("Patient")) {
                prefetch.set("patient", r);
            } else if (KEY_OF_TYPE.containsKey(type)) {
                ObjectNode entry = ((ObjectNode) prefetch.get(KEY_OF_TYPE.get(type))).withArray("entry").addObject();
                if (e.has("fullUrl")) {
                    entry.set("fullUrl", e.get("fullUrl"));
                }
                entry.set("resource", r);
            } else {
                elsewhere.accept(r);
            }
        }
        return req;
    }

    static ObjectNode hook(String hook, String patientId) {
        ObjectNode req = JSON.createObjectNode();
        req.put("hook", hook);
        req.put("hookInstance", UUID.randomUUID().toString());
        req.putObject("context").put("userId", "Practitioner/p1").put("patientId", patientId);
        return req;
    }

    static ObjectNode emptySearchset() {
        ObjectNode b = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        b.putArray("entry");
        return b;
    }

    /** An order-sign request for {@code patientId} with draft MedicationRequests of the given ATC codes. */
    static ObjectNode orderSign(String patientId, String... atcCodes) {
        ObjectNode req = patientView(patientId);
        req.put("hook", "order-sign");
        ObjectNode draft = req.withObjectProperty("context").putObject("draftOrders");
        draft.put("resourceType", "Bundle").put("type", "collection");
        ArrayNode entries = draft.putArray("entry");
        int n = 0;
        for (String code : atcCodes) {
            ObjectNode mr = entries.addObject().putObject("resource");
            mr.put("resourceType", "MedicationRequest").put("id", "draft-" + n++).put("status", "draft").put("intent", "order");
            mr.putObject("subject").put("reference", "Patient/" + patientId);
            mr.putObject("medicationCodeableConcept").putArray("coding").addObject()
                .put("system", "http://www.whocc.no/atc").put("code", code);
        }
        return req;
    }
}
