package org.netlm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.netlm.model.Therapy;

/**
 * Which {@link Therapy} a coded draft order is, from the project's code tables ({@code fhir-codes.json}, loaded
 * as it is, {@code verified: true} entries only): drugs from {@code priorTherapies.medicationCodes}, resections of
 * the primary from {@code primaryStatus.procedureCodes} ({@link Therapy#PRIMARY_TUMOR_RESECTION}), and the site's
 * procedure codes of the service configuration (TACE, ablation, liver resection have no built-in code). Codes
 * match as fhir-mapping.md 2.6 says: equal systems, equal codes or (entry {@code match: prefix}) a code that starts
 * with the entry's; an exact entry beats a prefix, a longer prefix a shorter one. Immutable.
 */
final class TherapyCodes {
    /** Where the FHIR room keeps its copy of the shared code tables. */
    static final String RESOURCE = "/org/netlm/fhir/fhir-codes.json";
    /** The project's own Observation code system (tumour-board statements). */
    static final String PROJECT_OBSERVATION_SYSTEM = "http://netlm.org/fhir/CodeSystem/netlm-observation";

    private record Entry(String system, String code, boolean prefix, Therapy therapy) {
    }

    private final List<Entry> medications;
    private final List<Entry> procedures;
    private final List<String> projectObservationCodes;

    private TherapyCodes(List<Entry> medications, List<Entry> procedures, List<String> projectObservationCodes) {
        this.medications = List.copyOf(medications);
        this.procedures = List.copyOf(procedures);
        this.projectObservationCodes = List.copyOf(projectObservationCodes);
    }

    /** The built-in tables plus the site's procedure codes. */
    static TherapyCodes load(ObjectMapper mapper, List<ServiceConfig.ProcedureCode> siteProcedures) {
        JsonNode root;
        try (InputStream in = TherapyCodes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("code tables missing from the class path: " + RESOURCE);
            }
            root = mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        JsonNode fields = root.path("fields");
        List<Entry> meds = new ArrayList<>();
        for (JsonNode e : fields.path("priorTherapies").path("medicationCodes")) {
            if (e.path("verified").asBoolean(false)) {
                meds.add(entry(e, Therapy.valueOf(e.path("value").asText())));
            }
        }
        List<Entry> procs = new ArrayList<>();
        for (JsonNode e : fields.path("primaryStatus").path("procedureCodes")) {
            if (e.path("verified").asBoolean(false)) {
                procs.add(entry(e, Therapy.PRIMARY_TUMOR_RESECTION));
            }
        }
        for (ServiceConfig.ProcedureCode p : siteProcedures) {
            procs.add(new Entry(p.system(), p.code(), false, p.therapy()));
        }
        Set<String> project = new TreeSet<>();
        fields.forEach(f -> f.path("observationCodes").forEach(o -> {
            if (o.path("verified").asBoolean(false) && PROJECT_OBSERVATION_SYSTEM.equals(o.path("system").asText())) {
                project.add(o.path("code").asText());
            }
        }));
        return new TherapyCodes(meds, procs, new ArrayList<>(project));
    }

    private static Entry entry(JsonNode e, Therapy therapy) {
        return new Entry(e.path("system").asText(), e.path("code").asText(), "prefix".equals(e.path("match").asText()), therapy);
    }

    /** The therapy a drug coding names, if any. */
    Optional<Therapy> medication(String system, String code) {
        return match(medications, system, code);
    }

    /** The therapy a procedure coding names, if any. */
    Optional<Therapy> procedure(String system, String code) {
        return match(procedures, system, code);
    }

    /** The codes of the project's tumour-board Observations (fetched besides the prefetch, fhir-mapping.md §7). */
    List<String> projectObservationCodes() {
        return projectObservationCodes;
    }

    private static Optional<Therapy> match(List<Entry> table, String system, String code) {
        if (system == null || code == null) {
            return Optional.empty();
        }
        Entry best = null;
        for (Entry e : table) {
            if (!e.system().equals(system)) {
                continue;
            }
            if (!e.prefix() && e.code().equals(code)) {
                return Optional.of(e.therapy());
            }
            if (e.prefix() && code.startsWith(e.code()) && (best == null || e.code().length() > best.code().length())) {
                best = e;
            }
        }
        return Optional.ofNullable(best).map(Entry::therapy);
    }
}
