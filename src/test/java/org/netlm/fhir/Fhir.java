package org.netlm.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Small FHIR JSON fixtures for the mapping-rule tests: a Bundle of patient {@code p1} (timestamp 2026-10-12) plus
 * resources written as compact JSON snippets, so that each test shows exactly the element it is about.
 */
final class Fhir {
    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String ICDO3 = "http://terminology.hl7.org/CodeSystem/icd-o-3";
    static final String OBS = "http://netlm.org/fhir/CodeSystem/netlm-observation";
    static final String VAL = "http://netlm.org/fhir/CodeSystem/netlm-value";
    static final String ATC = "http://www.whocc.no/atc";
    static final String CPT = "http://www.ama-assn.org/go/cpt";
    static final String AS_OF = "2026-10-12";
    static final ObjectMapper JSON = new ObjectMapper();

    private Fhir() {
    }

    /** A NEN Condition: pancreas, well differentiated (the two required fields). */
    static String nen() {
        return "{'resourceType':'Condition','id':'nen','subject':{'reference':'Patient/p1'},'recordedDate':'2026-01-05',"
            + "'code':{'coding':[{'system':'" + ICD10 + "','code':'C7A.098'}]},"
            + "'bodySite':[{'coding':[{'system':'" + SNOMED + "','code':'15776009'}]}]}";
    }

    /** An Observation of {@code p1}, status final, with the given code, date and value member (e.g. {@code 'valueInteger':1}). */
    static String obs(String id, String system, String code, String date, String value) {
        return "{'resourceType':'Observation','id':'" + id + "','status':'final','subject':{'reference':'Patient/p1'},"
            + "'code':{'coding':[{'system':'" + system + "','code':'" + code + "'}]}"
            + (date == null ? "" : ",'effectiveDateTime':'" + date + "'") + (value == null ? "" : "," + value) + "}";
    }

    static String quantity(Object value, String ucum) {
        return "'valueQuantity':{'value':" + value + ",'system':'http://unitsofmeasure.org','code':'" + ucum + "'}";
    }

    static String concept(String system, String code) {
        return "'valueCodeableConcept':{'coding':[{'system':'" + system + "','code':'" + code + "'}]}";
    }

    /** A Bundle with Patient p1 (born 1960-05-01) and the resources, timestamp {@link #AS_OF}. */
    static String bundle(String... resources) {
        return bundleWithPatient("{'resourceType':'Patient','id':'p1','birthDate':'1960-05-01'}", resources);
    }

    static String bundleWithPatient(String patient, String... resources) {
        ObjectNode b = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "collection").put("timestamp", AS_OF + "T10:00:00Z");
        ArrayNode entries = b.putArray("entry");
        if (patient != null) {
            add(entries, patient);
        }
        for (String r : resources) {
            add(entries, r);
        }
        return b.toString();
    }

    private static void add(ArrayNode entries, String resource) {
        JsonNode r = parse(resource);
        ObjectNode e = entries.addObject();
        if (r.has("id")) {
            e.put("fullUrl", "https://ehr.test/fhir/" + r.get("resourceType").asText() + "/" + r.get("id").asText());
        }
        e.set("resource", r);
    }

    static JsonNode parse(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
