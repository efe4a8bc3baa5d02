package org.netlm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.netlm.engine.NetlmEngine;
import java.time.format.DateTimeParseException;
import java.time.OffsetDateTime;
import java.time.Instant;
import org.netlm.io.PatientJson;
import org.netlm.audit.Feedback;
import org.netlm.audit.AuditUnavailableException;
import org.netlm.audit.AuditStore;
import org.netlm.audit.AuditEntry;
import org.netlm.audit.GroupCommit;
import org.netlm.http.ApiError;
import org.netlm.model.Assessment;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.validation.InvalidPatientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CDS Hooks 2.0 services, without HTTP: discovery, the {@code patient-view} service
 * {@value #PATIENT_VIEW_ID} (recommendations as cards) and the {@code order-sign} service {@value #ORDER_SIGN_ID}
 * (a draft order for a therapy the assessment does not offer gets a warning or critical card), and feedback.
 * Thread-safe: the engine, the mapper and the renderer are immutable.
 */
public final class CdsHooksService {
    public static final String PATIENT_VIEW_ID = "netlm-liver-metastases";
    public static final String ORDER_SIGN_ID = "netlm-therapy-check";
    /** Response extension carrying the FHIR mapping report (fhir-mapping.md §5). */
    public static final String MAPPING_EXTENSION = "org.netlm.mapping";
    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksService.class);
    private static final Set<String> ORDER_TYPES = Set.of("MedicationRequest", "ServiceRequest", "Procedure");

    private final NetlmEngine engine;
    private final PatientMapping patients;
    private final ObjectMapper mapper;
    private final PrefetchAssembler prefetch;
    private final TherapyCodes codes;
    private final CardRenderer cards;
    private final ObjectNode discovery;
    private final AtomicLong feedbackAccepted = new AtomicLong();
    private final AtomicLong feedbackOverridden = new AtomicLong();
    private final AuditStore audit;
    /** The calls' records, in transactions shared by the calls that finish at the same moment. */
    private final GroupCommit recorder;
    private final Semaphore computing = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

    public CdsHooksService(NetlmEngine engine, PatientMapping patients, ServiceConfig config, ObjectMapper mapper, Clock clock) {
        this(engine, patients, config, mapper, clock, null);
    }

    /**
     * A service that records every call that shows cards, and every feedback, in {@code audit} ({@code null}: no audit
     * trail). A call whose record cannot be written fails with 503 rather than show a card that was never recorded.
     */
    public CdsHooksService(NetlmEngine engine, PatientMapping patients, ServiceConfig config, ObjectMapper mapper, Clock clock,
                           AuditStore audit) {
        this.audit = audit;
        this.recorder = audit == null ? null : new GroupCommit(audit);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.patients = Objects.requireNonNull(patients, "patients");
        this.mapper = mapper;
        this.codes = TherapyCodes.load(mapper, config.orderProcedureCodes());
        this.prefetch = new PrefetchAssembler(mapper,
            new FhirClient(mapper, Duration.ofMillis(config.fhirTimeoutMillis()), config.maxFhirResponseBytes()), config, codes, clock);
        this.cards = new CardRenderer(mapper, engine.knowledgeVersion());
        this.discovery = buildDiscovery();
    }

    public String knowledgeVersion() {
        return engine.knowledgeVersion();
    }

    /** {@code GET /cds-services}. */
    public ObjectNode discovery() {
        return discovery;
    }

    private ObjectNode buildDiscovery() {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode services = root.putArray("services");
        describe(services, "patient-view", PATIENT_VIEW_ID, "NETLM: liver metastases of neuroendocrine tumours",
            "Tumour-board decision support for liver metastases of non-functional GEP neuroendocrine tumours: "
                + "recommended, possible and withheld therapies with the rationale and evidence. Not a prescription.");
        describe(services, "order-sign", ORDER_SIGN_ID, "NETLM: therapy order check for NET liver metastases",
            "Warns when a signed order (somatostatin analogue, everolimus, sunitinib, surufatinib, cabozantinib, "
                + "PRRT, chemotherapy, or a coded procedure) is not recommended or contraindicated for this patient.");
        return root;
    }

    /** One service of the discovery answer; both read the patient by the same prefetch templates. */
    private static void describe(ArrayNode services, String hook, String id, String title, String description) {
        ObjectNode s = services.addObject();
        s.put("hook", hook);
        s.put("title", title);
        s.put("description", description);
        s.put("id", id);
        ObjectNode templates = s.putObject("prefetch");
        PrefetchAssembler.TEMPLATES.forEach(templates::put);
        s.put("usageRequirements", "Needs FHIR read access to Patient, Condition, Observation, MedicationRequest, "
            + "MedicationStatement, Medication, Procedure, BodyStructure and DiagnosticReport of the patient.");
    }

    /** {@code POST /cds-services/{id}}: the response body ({@code {"cards": […]}}). */
    public ObjectNode call(String serviceId, JsonNode body) {
        return switch (serviceId) {
            case PATIENT_VIEW_ID -> patientView(HookRequest.parse(body, "patient-view"));
            case ORDER_SIGN_ID -> orderSign(HookRequest.parse(body, "order-sign"));
            default -> throw unknown(serviceId);
        };
    }

    static ApiError.Failure unknown(String serviceId) {
        return ApiError.of(404, "UNKNOWN_SERVICE", "No CDS service with this id; see GET /cds-services.").failure();
    }

    private ObjectNode patientView(HookRequest request) {
        ObjectNode response = mapper.createObjectNode();
        ArrayNode out = response.putArray("cards");
        PrefetchAssembler.Assembled bundle = prefetch.assemble(request); // may read the FHIR server: outside the gate
        Evaluated e = computing(() -> {
            Evaluated ev = evaluate(bundle);
            if (ev.assessment() == null) {
                cards.notAssessed(ev.mapped().notMapped(), ev.mapped().problems(), ev.notes(), out);
            } else {
                cards.patientView(ev.assessment(), ev.mapped().notMapped(), ev.notes(), out);
            }
            return ev;
        });
        attachReport(response, e);
        record(PATIENT_VIEW_ID, request, e, out, e.assessment() == null ? List.of() : e.assessment().recommendations());
        return response;
    }

    private ObjectNode orderSign(HookRequest request) {
        ObjectNode response = mapper.createObjectNode();
        ArrayNode out = response.putArray("cards");
        Map<String, Therapy> ordered = orderedTherapies(request.context());
        if (ordered.isEmpty()) {
            return response; // nothing this knowledge base speaks about: no card, no assessment
        }
        PrefetchAssembler.Assembled bundle = prefetch.assemble(request);
        Evaluated e = computing(() -> evaluate(bundle));
        attachReport(response, e);
        if (e.assessment() == null) {
            cards.notAssessed(e.mapped().notMapped(), e.mapped().problems(), e.notes(), out);
            record(ORDER_SIGN_ID, request, e, out, List.of());
            return response;
        }
        List<Recommendation> warned = new ArrayList<>();
        for (Map.Entry<String, Therapy> o : ordered.entrySet()) {
            Optional<Recommendation> r = e.assessment().recommendation(o.getValue());
            if (r.isPresent() && (r.get().strength() == Strength.NOT_RECOMMENDED || r.get().strength() == Strength.CONTRAINDICATED)) {
                cards.orderWarning(e.assessment(), r.get(), o.getKey(), out);
                warned.add(r.get());
            }
        }
        record(ORDER_SIGN_ID, request, e, out, warned);
        return response;
    }

    /**
     * Records the call in the audit store before the cards are answered: the assessment's recommendations, and each
     * card with the recommendation it is about ({@code about}, in card order: the cards of topic
     * {@code recommendation} or {@code order-check}). The calls finishing at the same moment share one transaction
     * ({@link GroupCommit}); each returns only when its own record is committed. A store that fails makes the call
     * fail with 503.
     */
    private void record(String serviceId, HookRequest request, Evaluated e, ArrayNode out, List<Recommendation> about) {
        if (audit == null || out.isEmpty()) {
            return;
        }
        AuditEntry.Builder entry = AuditEntry.builder().service(serviceId).hook(request.hook());
        if (e.assessment() != null) {
            entry.assessment(e.assessment()).knowledgeVersion(e.assessment().knowledgeVersion());
            if (audit.storesInput()) {
                entry.inputJson(PatientJson.toTree(e.mapped().patient()).toString());
            }
        } else {
            entry.patientId(request.context().path("patientId").asText("(unknown)")).rulesetVersion(engine.rulesetVersion())
                .knowledgeVersion(engine.knowledgeVersion());
        }
        int next = 0;
        for (JsonNode card : out) {
            String topic = card.path("source").path("topic").path("code").asText();
            Recommendation r = ("recommendation".equals(topic) || "order-check".equals(topic)) && next < about.size()
                ? about.get(next++) : null;
            entry.card(new AuditEntry.Card(card.path("uuid").asText(), card.path("indicator").asText(), card.path("summary").asText(),
                r == null ? null : r.therapy(), r == null ? null : r.strength(), r == null ? null : r.ruleId()));
        }
        try {
            recorder.record(entry.build());
        } catch (AuditUnavailableException ex) {
            LOG.warn("audit store unavailable; the call is refused (503): {}", ex.getMessage());
            throw ApiError.of(503, "AUDIT_UNAVAILABLE",
                "The audit trail cannot be written; no card is shown that was not recorded. Try again shortly.").failure();
        }
    }

    /** The mapping report travels with the cards (fhir-mapping.md §7), as a response extension. */
    private static void attachReport(ObjectNode response, Evaluated e) {
        if (e.mapped().report() != null) {
            response.putObject("extension").set(MAPPING_EXTENSION, e.mapped().report());
        }
    }

    private record Evaluated(PatientMapping.Mapped mapped, Assessment assessment, List<String> notes) {
    }

    /**
     * Runs CPU-bound work (mapping, assessment, cards) once one of {@link #computing}'s permits is free: as many
     * requests compute at once as there are cores, the others wait their turn in arrival order instead of sharing the
     * cores in time slices (fewer context switches, the engine's memory stays in the core's cache, and a request's
     * latency is its own work plus its place in the queue). Reading the FHIR server and writing the audit record happen
     * outside, so a slow server or disk does not hold a core's turn.
     */
    private <T> T computing(Supplier<T> work) {
        computing.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            computing.release();
        }
    }

    private Evaluated evaluate(PrefetchAssembler.Assembled bundle) {
        PatientMapping.Mapped mapped = patients.map(bundle.bundle());
        if (!mapped.assessable()) {
            return new Evaluated(mapped, null, bundle.incomplete());
        }
        try {
            return new Evaluated(mapped, engine.assess(mapped.patient()), bundle.incomplete());
        } catch (InvalidPatientException e) {
            List<String> problems = e.getViolations().stream().map(v -> v.describe()).toList();
            return new Evaluated(new PatientMapping.Mapped(null, mapped.notMapped(), problems, mapped.report()), null, bundle.incomplete());
        }
    }

    /**
     * The draft orders of an order-sign context ({@code context.draftOrders}, a Bundle) that name a therapy of the
     * knowledge base, by key ({@code MedicationRequest/id}), in order. A MedicationRequest's drug is its
     * {@code medicationCodeableConcept}, or the Medication its {@code medicationReference} names (contained or in
     * the draft bundle); a ServiceRequest's or Procedure's is its {@code code}.
     */
    Map<String, Therapy> orderedTherapies(JsonNode context) {
        JsonNode draft = context.get("draftOrders");
        if (draft == null || !"Bundle".equals(draft.path("resourceType").asText())) {
            throw new ApiError(400, "MALFORMED_REQUEST", "order-sign needs context.draftOrders, a FHIR Bundle.",
                List.of(new ApiError.Problem("context.draftOrders", draft == null ? "missing" : "not a Bundle"))).failure();
        }
        Map<String, JsonNode> medications = new LinkedHashMap<>();
        for (JsonNode e : draft.path("entry")) {
            JsonNode r = e.path("resource");
            if ("Medication".equals(r.path("resourceType").asText())) {
                medications.put("Medication/" + r.path("id").asText(), r);
            }
        }
        Map<String, Therapy> out = new LinkedHashMap<>();
        int n = 0;
        for (JsonNode e : draft.path("entry")) {
            JsonNode r = e.path("resource");
            String type = r.path("resourceType").asText();
            String key = type + "/" + r.path("id").asText("entry[" + n++ + "]");
            if (!ORDER_TYPES.contains(type)) {
                continue;
            }
            List<JsonNode> codings = new ArrayList<>();
            if ("MedicationRequest".equals(type)) {
                r.path("medicationCodeableConcept").path("coding").forEach(codings::add);
                String ref = r.path("medicationReference").path("reference").asText("");
                JsonNode med = ref.startsWith("#") ? contained(r, ref.substring(1)) : medications.get(ref);
                if (med != null) {
                    med.path("code").path("coding").forEach(codings::add);
                    med.path("ingredient").forEach(i -> i.path("itemCodeableConcept").path("coding").forEach(codings::add));
                }
            } else {
                r.path("code").path("coding").forEach(codings::add);
            }
            for (JsonNode c : codings) {
                String system = c.path("system").asText(null);
                String code = c.path("code").asText(null);
                Optional<Therapy> t = "MedicationRequest".equals(type) ? codes.medication(system, code) : codes.procedure(system, code);
                if (t.isPresent()) {
                    out.put(key, t.get());
                    break;
                }
            }
        }
        return out;
    }

    private static JsonNode contained(JsonNode resource, String id) {
        for (JsonNode c : resource.path("contained")) {
            if (id.equals(c.path("id").asText())) {
                return c;
            }
        }
        return null;
    }

    /** {@code POST /cds-services/{id}/feedback}: checked and counted (the audit store keeps it, when there is one). */
    public void feedback(String serviceId, JsonNode body) {
        if (!PATIENT_VIEW_ID.equals(serviceId) && !ORDER_SIGN_ID.equals(serviceId)) {
            throw unknown(serviceId);
        }
        List<ApiError.Problem> problems = new ArrayList<>();
        JsonNode list = body == null ? null : body.get("feedback");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ApiError(400, "MALFORMED_REQUEST", "Feedback must be {\"feedback\": [ … ]} with at least one entry.", List.of()).failure();
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode f = list.get(i);
            if (!f.path("card").isTextual()) {
                problems.add(new ApiError.Problem("feedback[" + i + "].card", "missing (the card's uuid)"));
            }
            String outcome = f.path("outcome").asText("");
            if (!outcome.equals("accepted") && !outcome.equals("overridden")) {
                problems.add(new ApiError.Problem("feedback[" + i + "].outcome", "must be accepted or overridden"));
            }
            if (!f.path("outcomeTimestamp").isTextual()) {
                problems.add(new ApiError.Problem("feedback[" + i + "].outcomeTimestamp", "missing"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiError(400, "MALFORMED_REQUEST", "The feedback is not valid.", problems).failure();
        }
        if (audit != null) {
            List<Feedback> decisions = new ArrayList<>();
            for (JsonNode f : list) {
                JsonNode reason = f.path("overrideReason").path("reason");
                decisions.add(new Feedback(f.path("card").asText(),
                    "accepted".equals(f.path("outcome").asText()) ? Feedback.Outcome.ACCEPTED : Feedback.Outcome.OVERRIDDEN,
                    text(reason, "code"), text(reason, "system"), text(reason, "display"),
                    text(f.path("overrideReason"), "userComment"), outcomeTime(f.path("outcomeTimestamp").asText())));
            }
            List<String> unknown;
            try {
                unknown = audit.recordFeedback(decisions);
            } catch (AuditUnavailableException ex) {
                LOG.warn("audit store unavailable; feedback refused (503): {}", ex.getMessage());
                throw ApiError.of(503, "AUDIT_UNAVAILABLE", "The feedback cannot be stored now. Try again shortly.").failure();
            }
            if (!unknown.isEmpty()) {
                throw new ApiError(404, "UNKNOWN_CARD", "No card with this uuid was shown by this service; nothing was stored.",
                    unknown.stream().map(u -> new ApiError.Problem("feedback.card", u)).toList()).failure();
            }
        }
        for (JsonNode f : list) {
            ("accepted".equals(f.path("outcome").asText()) ? feedbackAccepted : feedbackOverridden).incrementAndGet();
        }
        LOG.debug("feedback on {}: {} entries", serviceId, list.size());
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    /** A CDS Hooks outcomeTimestamp (ISO 8601 with an offset), or {@code null} when it cannot be read. */
    private static Instant outcomeTime(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Feedback counts so far: accepted, overridden. */
    public long[] feedbackCounts() {
        return new long[] {feedbackAccepted.get(), feedbackOverridden.get()};
    }
}
