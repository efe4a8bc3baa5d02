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
import java.util.concurrent.atomic.AtomicLong;
import org.netlm.engine.NetlmEngine;
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

    public CdsHooksService(NetlmEngine engine, PatientMapping patients, ServiceConfig config, ObjectMapper mapper, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.patients = Objects.requireNonNull(patients, "patients");
        this.mapper = mapper;
        this.codes = TherapyCodes.load(mapper, config.orderProcedureCodes());
        this.prefetch = new PrefetchAssembler(mapper,
            new FhirClient(mapper, Duration.ofMillis(config.fhirTimeoutMillis()), config.maxFhirResponseBytes()), config, codes, clock);
        this.cards = new CardRenderer(mapper, knowledgeVersion(engine));
        this.discovery = buildDiscovery();
    }

    /**
     * The knowledge version shown in the start line and on every card. The one place to switch to
     * {@code engine.knowledgeVersion()} when that accessor lands (branch v2-engine).
     */
    public static String knowledgeVersion(NetlmEngine engine) {
        return engine.rulesetVersion();
    }

    public String knowledgeVersion() {
        return knowledgeVersion(engine);
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
        Evaluated e = evaluate(request);
        if (e.assessment() == null) {
            cards.notAssessed(e.mapped().notMapped(), e.mapped().problems(), e.notes(), out);
        } else {
            cards.patientView(e.assessment(), e.mapped().notMapped(), e.notes(), out);
        }
        attachReport(response, e);
        return response;
    }

    private ObjectNode orderSign(HookRequest request) {
        ObjectNode response = mapper.createObjectNode();
        ArrayNode out = response.putArray("cards");
        Map<String, Therapy> ordered = orderedTherapies(request.context());
        if (ordered.isEmpty()) {
            return response; // nothing this knowledge base speaks about: no card, no assessment
        }
        Evaluated e = evaluate(request);
        attachReport(response, e);
        if (e.assessment() == null) {
            cards.notAssessed(e.mapped().notMapped(), e.mapped().problems(), e.notes(), out);
            return response;
        }
        for (Map.Entry<String, Therapy> o : ordered.entrySet()) {
            Optional<Recommendation> r = e.assessment().recommendation(o.getValue());
            if (r.isPresent() && (r.get().strength() == Strength.NOT_RECOMMENDED || r.get().strength() == Strength.CONTRAINDICATED)) {
                cards.orderWarning(e.assessment(), r.get(), o.getKey(), out);
            }
        }
        return response;
    }

    /** The mapping report travels with the cards (fhir-mapping.md §7), as a response extension. */
    private static void attachReport(ObjectNode response, Evaluated e) {
        if (e.mapped().report() != null) {
            response.putObject("extension").set(MAPPING_EXTENSION, e.mapped().report());
        }
    }

    private record Evaluated(PatientMapping.Mapped mapped, Assessment assessment, List<String> notes) {
    }

    private Evaluated evaluate(HookRequest request) {
        PrefetchAssembler.Assembled bundle = prefetch.assemble(request);
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
        for (JsonNode f : list) {
            ("accepted".equals(f.path("outcome").asText()) ? feedbackAccepted : feedbackOverridden).incrementAndGet();
        }
        LOG.debug("feedback on {}: {} entries", serviceId, list.size());
    }

    /** Feedback counts so far: accepted, overridden. */
    public long[] feedbackCounts() {
        return new long[] {feedbackAccepted.get(), feedbackOverridden.get()};
    }
}
