package org.netlm.testing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.netlm.fhir.FhirPatientMapper;
import org.netlm.model.PatientCase;
import org.netlm.model.PrimarySite;
import org.netlm.model.PriorTherapy;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;

/**
 * Test fixture: a {@link PatientCase} written out as the FHIR R4 Bundle an EHR with a tumour-board capture step would
 * send (mCODE-style Condition with ICD-10-CM code and ICD-O-3 morphology, LOINC and project Observations,
 * MedicationStatements and Procedures with the therapy-outcome extension), built with HAPI's model classes. Every
 * therapy that has no built-in code uses a local code of {@link #SITE_MAPPING} (src/test/resources/fhir/test-site-map.json).
 */
public final class FhirBundles {
    public static final LocalDate AS_OF = LocalDate.of(2026, 10, 12);
    public static final String SITE_MAPPING = "/fhir/test-site-map.json";

    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String ICDO3 = "http://terminology.hl7.org/CodeSystem/icd-o-3";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String ATC = "http://www.whocc.no/atc";
    static final String NETLM_OBS = "http://netlm.org/fhir/CodeSystem/netlm-observation";
    static final String NETLM_VALUE = "http://netlm.org/fhir/CodeSystem/netlm-value";
    static final String LOCAL = "http://test.site.example.org/codes";

    private static final Map<PrimarySite, String> SITE_CODES = new EnumMap<>(Map.of(
        PrimarySite.PANCREAS, "C25.9", PrimarySite.SMALL_INTESTINE, "C17.9", PrimarySite.APPENDIX, "C18.1",
        PrimarySite.COLON, "C18.7", PrimarySite.RECTUM, "C20", PrimarySite.STOMACH, "C16.9",
        PrimarySite.DUODENUM, "C17.0", PrimarySite.UNKNOWN, "C80.1"));
    /** Built-in ATC codes; other therapies have a local code. */
    private static final Map<Therapy, String> ATC_CODES = new EnumMap<>(Map.of(
        Therapy.SOMATOSTATIN_ANALOGUE, "H01CB02", Therapy.EVEROLIMUS, "L01EG02", Therapy.SUNITINIB, "L01EX01",
        Therapy.CABOZANTINIB, "L01EX07", Therapy.PRRT, "V10XX04", Therapy.CHEMOTHERAPY, "L01BC06",
        Therapy.PLATINUM_ETOPOSIDE, "L01XA01"));

    private FhirBundles() {
    }

    /** The Bundle as FHIR JSON text (HAPI's encoder). */
    public static String json(PatientCase p) {
        return FhirPatientMapper.newParser().encodeResourceToString(bundle(p));
    }

    /** The Bundle of {@code p}, timestamp {@link #AS_OF}. */
    public static Bundle bundle(PatientCase p) {
        Builder b = new Builder(p.getId());
        Patient patient = new Patient();
        patient.setId(p.getId());
        if (p.getAge() != null) {
            patient.setBirthDateElement(new DateType(AS_OF.minusYears(p.getAge()).minusMonths(3).toString()));
        }
        b.add(patient);
        if (p.getPrimarySite() != null || p.getDifferentiation() != null) {
            Condition c = new Condition();
            c.setId("nen");
            c.setSubject(b.subject());
            c.setVerificationStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null)));
            c.setRecordedDateElement(new DateTimeType(AS_OF.minusYears(2).toString()));
            if (p.getPrimarySite() != null) {
                c.setCode(new CodeableConcept(new Coding(ICD10, SITE_CODES.get(p.getPrimarySite()), null)));
            }
            if (p.getDifferentiation() != null) {
                String morph = switch (p.getDifferentiation()) {
                    case WELL -> "8240/3";
                    case POOR -> "8246/3";
                };
                c.addExtension(new Extension("http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior",
                    new CodeableConcept(new Coding(ICDO3, morph, null))));
            }
            b.add(c);
        }
        b.obs("ecog", LOINC, "89247-1", p.getEcog() == null ? null : new IntegerType(p.getEcog()));
        b.obs("primary-status", NETLM_OBS, "primary-status", p.getPrimaryStatus() == null ? null
            : answer(NETLM_VALUE, p.getPrimaryStatus().name().toLowerCase().replace('_', '-')));
        b.obs("primary-resectable", NETLM_OBS, "primary-resectable", bool(p.getPrimaryResectable()));
        b.obs("ki67", LOINC, "29593-1", quantity(p.getKi67Percent(), "%"));
        b.obs("mitoses", NETLM_OBS, "mitotic-count", quantity(p.getMitosesPer2mm2(), "/(2.mm2)"));
        b.obs("grade", NETLM_OBS, "who-grade", p.getGrade() == null ? null : answer(NETLM_VALUE, p.getGrade().name().toLowerCase()));
        b.obs("functional", NETLM_OBS, "functional-syndrome", bool(p.getFunctional()));
        b.obs("liver-type", NETLM_OBS, "liver-metastasis-type", p.getLiverMetastasisType() == null ? null
            : answer(NETLM_VALUE, p.getLiverMetastasisType().name().toLowerCase().replace('_', '-')));
        b.obs("lesions", NETLM_OBS, "liver-lesion-count", p.getLiverLesionCount() == null ? null : new IntegerType(p.getLiverLesionCount()));
        b.obs("largest", NETLM_OBS, "largest-liver-lesion", quantity(p.getLargestLesionCm(), "cm"));
        b.obs("bilobar", NETLM_OBS, "liver-bilobar", bool(p.getBilobar()));
        b.obs("burden", NETLM_OBS, "liver-tumor-burden", quantity(p.getLiverTumorBurdenPercent(), "%"));
        b.obs("extrahepatic", NETLM_OBS, "extrahepatic-disease", bool(p.getExtrahepaticDisease()));
        b.obs("extrahepatic-resectable", NETLM_OBS, "extrahepatic-resectable", bool(p.getExtrahepaticResectable()));
        b.obs("resectable", NETLM_OBS, "liver-resectable", bool(p.getResectable()));
        b.obs("flr", NETLM_OBS, "future-liver-remnant", quantity(p.getFutureLiverRemnantPercent(), "%"));
        b.obs("child-pugh", NETLM_OBS, "child-pugh-class", p.getChildPugh() == null ? null
            : answer(NETLM_VALUE, "child-pugh-" + p.getChildPugh().name().toLowerCase()));
        b.obs("pvt", NETLM_OBS, "portal-vein-thrombosis", bool(p.getPortalVeinThrombosis()));
        b.obs("bea", NETLM_OBS, "biliary-enteric-anastomosis", bool(p.getBiliaryEntericAnastomosis()));
        b.obs("sstr", NETLM_OBS, "sstr-status", p.getSstrStatus() == null ? null : answer(SNOMED, switch (p.getSstrStatus()) {
            case POSITIVE -> "10828004";
            case NEGATIVE -> "260385009";
            case UNKNOWN -> "261665006";
        }));
        b.obs("disease-status", LOINC, "97509-4", p.getDiseaseStatus() == null ? null : answer(SNOMED, switch (p.getDiseaseStatus()) {
            case PROGRESSIVE -> "271299001";
            case STABLE -> "359746009";
            case UNKNOWN -> "709137006";
        }));
        b.obs("symptoms", NETLM_OBS, "tumor-symptoms", bool(p.getSymptomatic()));
        b.obs("crcl", LOINC, "2164-2", quantity(p.getCreatinineClearanceMlMin(), "mL/min"));
        List<PriorTherapy> prior = p.getPriorTherapies() == null ? List.of() : p.getPriorTherapies();
        for (int i = 0; i < prior.size(); i++) {
            b.therapy(i, prior.get(i));
        }
        return b.bundle;
    }

    /**
     * What the mapping makes of {@code p}'s prior therapies: one entry per therapy, the outcome of its latest record that
     * states one ({@code UNKNOWN} when none does), in the order of {@link Therapy}; an empty list absent. Everything else maps back unchanged.
     */
    public static PatientCase expectedAfterMapping(PatientCase p) {
        if (p.getPriorTherapies() == null) {
            return p;
        }
        Map<Therapy, TherapyOutcome> grouped = new EnumMap<>(Therapy.class);
        for (PriorTherapy t : p.getPriorTherapies()) {
            TherapyOutcome was = grouped.get(t.getTherapy());
            grouped.put(t.getTherapy(), t.getOutcome() == TherapyOutcome.UNKNOWN && was != null ? was : t.getOutcome());
        }
        List<PriorTherapy> out = new ArrayList<>();
        grouped.forEach((t, o) -> out.add(new PriorTherapy(t, o)));
        return p.toBuilder().priorTherapies(out.isEmpty() ? null : out).build();
    }

    private static Type bool(Boolean b) {
        return b == null ? null : new BooleanType(b);
    }

    private static CodeableConcept answer(String system, String code) {
        return new CodeableConcept(new Coding(system, code, null));
    }

    private static Quantity quantity(Double value, String unit) {
        if (value == null) {
            return null;
        }
        Quantity q = new Quantity();
        q.setValue(BigDecimal.valueOf(value));
        q.setSystem(UCUM);
        q.setCode(unit);
        q.setUnit(unit);
        return q;
    }

    private static final class Builder {
        final Bundle bundle = new Bundle();
        final String patientId;

        Builder(String patientId) {
            this.patientId = patientId;
            bundle.setType(Bundle.BundleType.COLLECTION);
            bundle.setTimestampElement(new InstantType(AS_OF + "T09:00:00Z"));
        }

        Reference subject() {
            return new Reference("Patient/" + patientId);
        }

        void add(Resource r) {
            bundle.addEntry().setFullUrl("urn:uuid:" + UUID.nameUUIDFromBytes((patientId + "/" + r.fhirType() + "/" + r.getIdElement().getIdPart()).getBytes(StandardCharsets.UTF_8)))
                .setResource(r);
        }

        void obs(String id, String system, String code, Type value) {
            if (value == null) {
                return;
            }
            Observation o = new Observation();
            o.setId(id);
            o.setStatus(Observation.ObservationStatus.FINAL);
            o.setCode(new CodeableConcept(new Coding(system, code, null)));
            o.setSubject(subject());
            o.setEffective(new DateTimeType(AS_OF.minusMonths(1).toString()));
            o.setValue(value);
            add(o);
        }

        /** Record i of a therapy: given 3 years before the as-of date plus i months, each lasting two weeks. */
        void therapy(int i, PriorTherapy t) {
            LocalDate start = AS_OF.minusYears(3).plusMonths(i);
            Period period = new Period().setStartElement(new DateTimeType(start.toString()))
                .setEndElement(new DateTimeType(start.plusWeeks(2).toString()));
            Extension outcome = t.getOutcome() == TherapyOutcome.UNKNOWN ? null
                : new Extension("http://netlm.org/fhir/StructureDefinition/therapy-outcome",
                    answer(NETLM_VALUE, t.getOutcome().name().toLowerCase()));
            String atc = ATC_CODES.get(t.getTherapy());
            if (atc != null || t.getTherapy() == Therapy.SURUFATINIB) {
                MedicationStatement m = new MedicationStatement();
                m.setId("therapy-" + i);
                m.setStatus(MedicationStatement.MedicationStatementStatus.COMPLETED);
                m.setSubject(subject());
                m.setMedication(atc != null ? answer(ATC, atc) : answer(LOCAL, "DRUG-" + t.getTherapy().name()));
                m.setEffective(period);
                if (outcome != null) {
                    m.addExtension(outcome);
                }
                add(m);
            } else {
                Procedure p = new Procedure();
                p.setId("therapy-" + i);
                p.setStatus(Procedure.ProcedureStatus.COMPLETED);
                p.setSubject(subject());
                p.setCode(answer(LOCAL, "PROC-" + t.getTherapy().name()));
                p.setPerformed(period);
                if (outcome != null) {
                    p.addExtension(outcome);
                }
                add(p);
            }
        }
    }
}
