package org.netlm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.netlm.http.ApiError;

/**
 * Builds the one {@code collection} Bundle the mapper reads from a hook request (fhir-mapping.md §7): the
 * prefetch's Patient and every searchset entry, what a missing key names fetched from {@code fhirServer}, every
 * {@code Bundle.link[next]} followed, the Medications that {@code medicationReference}s name and the BodyStructures
 * that tumour-size Observations focus on, and the project's tumour-board observations. Without {@code patient} or {@code conditions} (neither prefetched nor fetchable):
 * HTTP 412. The bearer token is sent only to the client's FHIR server (same origin), never logged.
 */
final class PrefetchAssembler {
    /** The prefetch templates of the patient-view service (fhir-mapping.md §7), in this order. */
    static final Map<String, String> TEMPLATES = templates();
    /** Keys without which the patient cannot be read at all (CDS Hooks: 412). */
    static final Set<String> REQUIRED = Set.of("patient", "conditions");
    /** A FHIR id (R4 {@code id} datatype). */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private static Map<String, String> templates() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("patient", "Patient/{{context.patientId}}");
        t.put("conditions", "Condition?patient={{context.patientId}}&category=problem-list-item,encounter-diagnosis");
        t.put("observations", "Observation?patient={{context.patientId}}&code=http://loinc.org|29593-1,http://loinc.org|89247-1,"
            + "http://loinc.org|97509-4,http://loinc.org|2164-2,http://loinc.org|35591-7,http://loinc.org|21889-1,"
            + "http://loinc.org|31206-6,http://loinc.org|98153-0,http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl|C18000");
        t.put("medicationRequests", "MedicationRequest?patient={{context.patientId}}&intent=order,plan");
        t.put("medicationStatements", "MedicationStatement?patient={{context.patientId}}");
        t.put("procedures", "Procedure?patient={{context.patientId}}&status=completed");
        t.put("reports", "DiagnosticReport?patient={{context.patientId}}&category=http://loinc.org|LP7839-6,http://loinc.org|LP29684-5");
        return Collections.unmodifiableMap(t);
    }

    /**
     * The assembled bundle and what could not be read completely.
     *
     * @param bundle     the collection Bundle
     * @param incomplete warnings for the card, e.g. {@code PREFETCH_INCOMPLETE (observations): …}
     */
    record Assembled(ObjectNode bundle, List<String> incomplete) {
    }

    private final ObjectMapper mapper;
    private final FhirClient fhir;
    private final int maxPages;
    private final String tumourBoardServer;
    private final List<String> projectCodes;
    private final Clock clock;

    PrefetchAssembler(ObjectMapper mapper, FhirClient fhir, ServiceConfig config, TherapyCodes codes, Clock clock) {
        this.mapper = mapper;
        this.fhir = fhir;
        this.maxPages = config.maxFhirPages();
        this.tumourBoardServer = config.tumourBoardFhirServer();
        this.projectCodes = codes.projectObservationCodes();
        this.clock = clock;
    }

    /** The request's patient id, checked to be a FHIR id (it is put into URLs). */
    static String patientId(HookRequest request) {
        String id = request.context().path("patientId").asText(null);
        if (id == null || !FHIR_ID.matcher(id).matches()) {
            throw new ApiError(400, "MALFORMED_REQUEST", "context.patientId must be a FHIR resource id",
                List.of(new ApiError.Problem("context.patientId", id == null ? "missing" : "not a FHIR id"))).failure();
        }
        return id;
    }

    Assembled assemble(HookRequest request) {
        String patientId = patientId(request);
        ObjectNode bundle = mapper.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        bundle.put("timestamp", OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        ArrayNode entries = bundle.putArray("entry");
        List<String> incomplete = new ArrayList<>();
        List<ApiError.Problem> missingRequired = new ArrayList<>();
        JsonNode prefetch = request.prefetch();
        for (Map.Entry<String, String> t : TEMPLATES.entrySet()) {
            String key = t.getKey();
            JsonNode value = prefetch == null ? null : prefetch.get(key);
            if (value == null) { // key absent: the client did not prefetch it
                if (request.fhirServer() == null) {
                    if (REQUIRED.contains(key)) {
                        missingRequired.add(new ApiError.Problem("prefetch." + key, "missing, and no fhirServer to read it from"));
                    } else {
                        incomplete.add("PREFETCH_INCOMPLETE (" + key + "): not prefetched and no fhirServer to read it from");
                    }
                    continue;
                }
                String query = t.getValue().replace("{{context.patientId}}", patientId);
                try {
                    value = fhir.get(resolve(request.fhirServer(), query), request.accessToken());
                } catch (FhirClient.FetchException e) {
                    if (REQUIRED.contains(key)) {
                        missingRequired.add(new ApiError.Problem("prefetch." + key, "missing, and the FHIR server read failed: " + e.getMessage()));
                    } else {
                        incomplete.add("PREFETCH_INCOMPLETE (" + key + "): " + e.getMessage());
                    }
                    continue;
                }
            }
            if (value.isNull()) {
                continue; // the client says: nothing there
            }
            if (!value.isObject() || !value.has("resourceType")) {
                throw new ApiError(400, "MALFORMED_REQUEST", "prefetch." + key + " is not a FHIR resource",
                    List.of(new ApiError.Problem("prefetch." + key, "not a FHIR resource"))).failure();
            }
            addAll(request, key, value, entries, incomplete);
        }
        if (!missingRequired.isEmpty()) {
            throw new ApiError(412, "PREFETCH_REQUIRED", "The service needs the patient and the conditions: prefetch them or give fhirServer access.",
                missingRequired).failure();
        }
        addReferenced(request, entries, incomplete);
        addProjectObservations(request, patientId, entries, incomplete);
        return new Assembled(bundle, incomplete);
    }

    /** A resource, or every entry of a searchset Bundle and its next pages. */
    private void addAll(HookRequest request, String key, JsonNode value, ArrayNode entries, List<String> incomplete) {
        if (!"Bundle".equals(value.path("resourceType").asText())) {
            entries.addObject().set("resource", value);
            return;
        }
        JsonNode page = value;
        for (int pages = 1; ; pages++) {
            for (JsonNode e : page.path("entry")) {
                if (e.has("resource")) {
                    ObjectNode copy = entries.addObject();
                    if (e.hasNonNull("fullUrl")) {
                        copy.set("fullUrl", e.get("fullUrl"));
                    }
                    copy.set("resource", e.get("resource"));
                }
            }
            String next = nextLink(page);
            if (next == null) {
                return;
            }
            if (pages >= maxPages) {
                incomplete.add("PREFETCH_INCOMPLETE (" + key + "): more than " + maxPages + " pages");
                return;
            }
            if (request.fhirServer() == null || !sameOrigin(request.fhirServer(), next)) {
                incomplete.add("PREFETCH_INCOMPLETE (" + key + "): further pages not read (no fhirServer, or a link to another server)");
                return;
            }
            try {
                page = fhir.get(URI.create(next.replace("|", "%7C")), request.accessToken());
            } catch (FhirClient.FetchException | IllegalArgumentException e) {
                incomplete.add("PREFETCH_INCOMPLETE (" + key + "): " + e.getMessage());
                return;
            }
        }
    }

    /**
     * The resources that entries name but the prefetch cannot carry: the Medication of a {@code medicationReference}
     * (fhir-mapping.md §7) and the BodyStructure of a tumour-size Observation's {@code focus} (§3, largestLesionCm).
     */
    private void addReferenced(HookRequest request, ArrayNode entries, List<String> incomplete) {
        Set<String> present = new HashSet<>();
        for (JsonNode e : entries) {
            JsonNode r = e.path("resource");
            if (r.hasNonNull("id")) {
                present.add(r.path("resourceType").asText() + "/" + r.get("id").asText());
            }
        }
        List<String> wanted = new ArrayList<>();
        for (JsonNode e : entries) {
            JsonNode r = e.path("resource");
            want(r.path("medicationReference").path("reference").asText(""), "Medication/", present, wanted);
            r.path("focus").forEach(f -> want(f.path("reference").asText(""), "BodyStructure/", present, wanted));
        }
        if (wanted.isEmpty()) {
            return;
        }
        if (request.fhirServer() == null) {
            incomplete.add("PREFETCH_INCOMPLETE (referenced resources): " + wanted.size() + " not readable without fhirServer");
            return;
        }
        for (String ref : wanted) {
            try {
                entries.addObject().set("resource", fhir.get(resolve(request.fhirServer(), ref), request.accessToken()));
            } catch (FhirClient.FetchException e) {
                incomplete.add("PREFETCH_INCOMPLETE (referenced resources): " + ref + ": " + e.getMessage());
            }
        }
    }

    private static void want(String ref, String type, Set<String> present, List<String> wanted) {
        if (ref.startsWith(type) && !present.contains(ref) && !wanted.contains(ref)
            && FHIR_ID.matcher(ref.substring(type.length())).matches()) {
            wanted.add(ref);
        }
    }

    /** The tumour-board form's observations (project codes), from its configured server or the client's. */
    private void addProjectObservations(HookRequest request, String patientId, ArrayNode entries, List<String> incomplete) {
        String server = tumourBoardServer != null ? tumourBoardServer : request.fhirServer();
        if (server == null || projectCodes.isEmpty()) {
            return;
        }
        String token = tumourBoardServer != null ? null : request.accessToken();
        StringBuilder q = new StringBuilder("Observation?patient=").append(patientId).append("&code=");
        for (int i = 0; i < projectCodes.size(); i++) {
            q.append(i == 0 ? "" : ",").append(TherapyCodes.PROJECT_OBSERVATION_SYSTEM).append('|').append(projectCodes.get(i));
        }
        JsonNode first;
        try {
            first = fhir.get(resolve(server, q.toString()), token);
        } catch (FhirClient.FetchException e) {
            incomplete.add("PREFETCH_INCOMPLETE (tumour-board observations): " + e.getMessage());
            return;
        }
        HookRequest pager = tumourBoardServer != null ? request.withFhirServer(tumourBoardServer, null) : request;
        addAll(pager, "tumour-board observations", first, entries, incomplete);
    }

    private static String nextLink(JsonNode bundle) {
        for (JsonNode l : bundle.path("link")) {
            if ("next".equals(l.path("relation").asText())) {
                return l.path("url").asText(null);
            }
        }
        return null;
    }

    static URI resolve(String base, String relative) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(b + "/" + relative.replace("|", "%7C"));
    }

    private static boolean sameOrigin(String base, String url) {
        try {
            URI a = URI.create(base);
            URI b = URI.create(url);
            return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
