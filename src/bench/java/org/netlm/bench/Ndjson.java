package org.netlm.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.netlm.model.PatientCase;
import org.netlm.model.PriorTherapy;

/**
 * Benchmark input and output: a patient as one line of the interface's patient JSON (absent fields left out), and
 * an assessment as one line with the fields of interface.md's assessment JSON (a stand-in for the CLI's writer).
 */
public final class Ndjson {
    private static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Ndjson() {
    }

    private static final com.fasterxml.jackson.databind.ObjectWriter WRITER = MAPPER.writer();

    /** The assessment's interface fields (patientId, rulesetVersion, findings, recommendations, warnings, firedRules). */
    public static String output(org.netlm.model.Assessment a) throws java.io.IOException {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("patientId", a.patientId());
        m.put("rulesetVersion", a.rulesetVersion());
        m.put("findings", a.findings());
        m.put("recommendations", a.recommendations());
        m.put("warnings", a.warnings());
        m.put("firedRules", a.firedRules());
        return WRITER.writeValueAsString(m);
    }

    public static String line(PatientCase p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", p.getId());
        put(o, "age", p.getAge());
        put(o, "ecog", p.getEcog());
        put(o, "primarySite", p.getPrimarySite());
        put(o, "primaryStatus", p.getPrimaryStatus());
        put(o, "primaryResectable", p.getPrimaryResectable());
        put(o, "differentiation", p.getDifferentiation());
        put(o, "ki67Percent", p.getKi67Percent());
        put(o, "mitosesPer2mm2", p.getMitosesPer2mm2());
        put(o, "grade", p.getGrade());
        put(o, "functional", p.getFunctional());
        put(o, "liverMetastasisType", p.getLiverMetastasisType());
        put(o, "liverLesionCount", p.getLiverLesionCount());
        put(o, "largestLesionCm", p.getLargestLesionCm());
        put(o, "bilobar", p.getBilobar());
        put(o, "liverTumorBurdenPercent", p.getLiverTumorBurdenPercent());
        put(o, "extrahepaticDisease", p.getExtrahepaticDisease());
        put(o, "resectable", p.getResectable());
        put(o, "futureLiverRemnantPercent", p.getFutureLiverRemnantPercent());
        put(o, "childPugh", p.getChildPugh());
        put(o, "portalVeinThrombosis", p.getPortalVeinThrombosis());
        put(o, "biliaryEntericAnastomosis", p.getBiliaryEntericAnastomosis());
        put(o, "sstrStatus", p.getSstrStatus());
        put(o, "diseaseStatus", p.getDiseaseStatus());
        put(o, "symptomatic", p.getSymptomatic());
        put(o, "creatinineClearanceMlMin", p.getCreatinineClearanceMlMin());
        if (p.getPriorTherapies() != null && !p.getPriorTherapies().isEmpty()) {
            ArrayNode a = o.putArray("priorTherapies");
            for (PriorTherapy t : p.getPriorTherapies()) {
                a.addObject().put("therapy", t.getTherapy().name()).put("outcome", t.getOutcome().name());
            }
        }
        return o.toString();
    }

    private static void put(ObjectNode o, String field, Object value) {
        if (value != null) {
            o.set(field, MAPPER.valueToTree(value instanceof Enum<?> e ? e.name() : value));
        }
    }
}
