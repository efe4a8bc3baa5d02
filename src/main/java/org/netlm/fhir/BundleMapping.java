package org.netlm.fhir;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BodyStructure;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.netlm.io.PatientJson;
import org.netlm.model.PatientCase;
import org.netlm.model.PriorTherapy;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;
import org.netlm.validation.InvalidPatientException;
import org.netlm.validation.Violation;

/**
 * One run of the mapping of fhir-mapping.md §2-§5 over one Bundle: not thread-safe, used once. The steps run in the
 * order of §2; a resource ignored at a step keeps that step's reason and is not examined further.
 */
final class BundleMapping {
    static final String UCUM = "http://unitsofmeasure.org";
    static final String VER_STATUS = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    static final String CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    static final String MORPHOLOGY = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior";
    static final String CONDITION_RELATED = "http://hl7.org/fhir/StructureDefinition/condition-related";
    static final String RELATED_CONDITION = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-related-condition";
    static final String PROCEDURE_INTENT = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-procedure-intent";
    static final String THERAPY_OUTCOME = "http://netlm.org/fhir/StructureDefinition/therapy-outcome";
    static final String TERMINATION_REASON = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-treatment-termination-reason";

    /** Types read (2.4 step 3); Medication and BodyStructure only as reference targets. */
    private static final Set<String> READ = Set.of("Condition", "Observation", "MedicationStatement", "MedicationRequest",
        "MedicationAdministration", "Procedure", "DiagnosticReport");
    private static final Set<String> MEDICATION_RECORDS = Set.of("MedicationStatement", "MedicationRequest", "MedicationAdministration");
    private static final List<String> OUTCOME_ORDER = List.of("PROGRESSION", "INTOLERANCE", "STABLE", "RESPONSE");

    /** One Bundle entry. */
    static final class Entry {
        final int index;
        final Resource res;
        final String type;
        final String id;
        final String fullUrl;
        final String key;
        boolean ignored;
        boolean referenced;

        Entry(int index, Resource res, String fullUrl) {
            this.index = index;
            this.res = res;
            this.type = res.fhirType();
            String raw = res.getIdElement().getIdPart();
            this.id = raw == null || raw.isEmpty() || raw.startsWith("urn:") ? null : raw;
            this.fullUrl = fullUrl == null || fullUrl.isEmpty() ? null : fullUrl;
            this.key = id != null ? type + "/" + id : this.fullUrl != null ? this.fullUrl : type + "@entry[" + index + "]";
        }

        FhirTime lastUpdated() {
            return res.hasMeta() ? FhirTime.of(res.getMeta().getLastUpdatedElement()) : null;
        }
    }

    /** A usable value for a field (2.9). */
    static final class Cand {
        final String field;
        final Object value;
        final String kind;
        final FhirTime time;
        final Entry entry;
        final List<String> sources = new ArrayList<>();
        boolean problemList;
        FhirTime issued;
        boolean nenCondition;

        Cand(String field, Object value, String kind, FhirTime time, Entry entry) {
            this.field = field;
            this.value = value;
            this.kind = kind;
            this.time = time;
            this.entry = entry;
            sources.add(entry.key);
        }
    }

    /** How a value could not be read: an ignore reason. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;
        final String reason;

        Unusable(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }

    enum ConditionClass { NEN, SECONDARY, NEN_AND_SECONDARY, UNCONFIRMED_GEP, OTHER_CANCER, PLAIN }

    /** A prior-therapy record (§4). */
    record TherapyRecord(Entry entry, Therapy therapy, FhirTime start, FhirTime end, String statedOutcome) {
    }

    private final FhirCodes codes;
    private final String site;
    private final Bundle bundle;
    private final LocalDate asOf;
    private final String asOfFrom;
    private final FhirTime asOfTime;
    private final List<String> parserIssues;
    private final boolean malformedQuantity;

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byKey = new HashMap<>();
    private Entry patient;
    private String patientId;

    private final Map<String, List<Cand>> candidates = new LinkedHashMap<>();
    private final Map<String, MappingReport.FieldMapping> fields = new LinkedHashMap<>();
    private final Map<String, Object> mapped = new LinkedHashMap<>();
    private final List<MappingReport.Ignored> ignored = new ArrayList<>();
    private final List<MappingReport.UnknownCode> unknownCodes = new ArrayList<>();
    private final List<MappingReport.Warning> warnings = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private final Set<String> used = new HashSet<>();
    private final Set<String> violated = new HashSet<>();
    private final Map<Resource, ConditionClass> classes = new IdentityHashMap<>();
    private final List<Entry> procedures = new ArrayList<>();
    private final List<TherapyRecord> records = new ArrayList<>();
    private final List<Entry> unresolvedRecords = new ArrayList<>();
    private final List<Cand> diseaseStatusAll = new ArrayList<>();
    private final Map<String, List<String>> narrative = new LinkedHashMap<>();
    private final List<String> unclassifiedProcedures = new ArrayList<>();

    BundleMapping(FhirCodes codes, String site, Bundle bundle, LocalDate asOfArgument, List<String> parserIssues,
                  boolean malformedQuantity) {
        this.codes = codes;
        this.site = site;
        this.bundle = bundle;
        this.parserIssues = parserIssues;
        this.malformedQuantity = malformedQuantity;
        if (asOfArgument != null) {
            asOf = asOfArgument;
            asOfFrom = "ARGUMENT";
        } else {
            String ts = bundle.getTimestampElement().getValue() == null ? null : bundle.getTimestampElement().getValueAsString();
            LocalDate d = null;
            if (ts != null && ts.length() >= 10) {
                try {
                    d = LocalDate.parse(ts.substring(0, 10));
                } catch (DateTimeParseException e) {
                    d = null;
                }
            }
            asOf = d != null ? d : LocalDate.now(ZoneOffset.UTC);
            asOfFrom = d != null ? "BUNDLE_TIMESTAMP" : "CURRENT_DATE";
        }
        asOfTime = FhirTime.of(asOf);
    }

    // ------------------------------------------------------------------------------------------------ the run

    /** Runs every step; throws {@link FhirMappingException} with the report when anything is violated. */
    FhirMappingResult run() {
        readEntries();
        for (Entry e : entries) {
            if (e.ignored || e == patient) {
                continue;
            }
            if (screen(e)) {
                read(e);
            }
        }
        select();
        priorTherapies();
        age();
        if (!unclassifiedProcedures.isEmpty()) {
            warn("PROCEDURES_NOT_CLASSIFIED", null, unclassifiedProcedures, "completed procedures with no built-in or local code");
        }
        for (Entry e : entries) {
            if (!e.ignored && !e.referenced && ("Medication".equals(e.type) || "BodyStructure".equals(e.type))) {
                ignore(e, "NOT_REFERENCED", null);
            }
        }
        PatientCase patientCase = validate();
        MappingReport report = report();
        if (!violations.isEmpty()) {
            throw new FhirMappingException(patientId, violations, report);
        }
        return new FhirMappingResult(patientCase, report);
    }

    // ------------------------------------------------------------------------------------------ 2.2 entries

    private void readEntries() {
        List<Bundle.BundleEntryComponent> list = bundle.getEntry();
        Map<String, Entry> first = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Resource r = list.get(i).getResource();
            if (r == null) {
                continue;
            }
            Entry e = new Entry(i, r, list.get(i).getFullUrl());
            entries.add(e);
            if (e.id == null && e.fullUrl == null) {
                ignore(e, "OperationOutcome".equals(e.type) ? "OPERATION_OUTCOME" : "NO_ID", null);
                continue;
            }
            Entry was = first.get(e.key);
            if (was == null) {
                first.put(e.key, e);
            } else if (FhirTime.compareInstants(e.lastUpdated(), was.lastUpdated()) > 0) {
                ignore(was, "DUPLICATE", null);
                first.put(e.key, e);
            } else {
                ignore(e, "DUPLICATE", null);
            }
        }
        byKey.putAll(first);
        List<Entry> patients = first.values().stream().filter(e -> "Patient".equals(e.type)).toList();
        if (patients.size() != 1) {
            violation(new Violation("id", String.valueOf(patients.size()),
                "PATIENT_COUNT: a Bundle must hold exactly one Patient (found " + patients.size() + ")"), null);
        } else {
            patient = patients.get(0);
            patientId = patient.id != null ? patient.id : patient.fullUrl;
            used.add(patient.key);
        }
        if (malformedQuantity) {
            for (Entry e : first.values()) {
                if (e.res instanceof Observation o && o.getValue() instanceof Quantity q && !q.hasValue()) {
                    String field = fieldsOfCode(o.getCode().getCoding()).stream().findFirst().orElse("(value)");
                    violation(new Violation(field, null, "MALFORMED: valueQuantity.value is not a decimal"), e);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------- 2.3 references

    /** An entry or a contained resource a reference resolves to. */
    record Target(Entry entry, Resource contained) {
        Resource resource() {
            return entry != null ? entry.res : contained;
        }
    }

    Target resolve(DomainResource from, Reference ref) {
        if (ref == null || !ref.hasReference()) {
            return null;
        }
        String r = ref.getReference();
        if (r.startsWith("#")) {
            String id = r.substring(1);
            for (Resource c : from.getContained()) {
                String cid = c.getIdElement().getIdPart();
                if (cid != null && cid.replace("#", "").equals(id)) {
                    return new Target(null, c);
                }
            }
            return null;
        }
        if (r.startsWith("http:") || r.startsWith("https:") || r.startsWith("urn:")) {
            String want = stripHistory(r);
            for (Entry e : byKey.values()) {
                if (e.fullUrl != null && stripHistory(e.fullUrl).equals(want)) {
                    return new Target(e, null);
                }
            }
            return null;
        }
        String rel = stripHistory(r);
        String[] parts = rel.split("/");
        if (parts.length != 2) {
            return null;
        }
        Entry e = byKey.get(rel);
        if (e != null) {
            return new Target(e, null);
        }
        Entry found = null;
        for (Entry x : byKey.values()) {
            if (x.fullUrl != null && stripHistory(x.fullUrl).endsWith("/" + rel)) {
                if (found != null) {
                    return null;
                }
                found = x;
            }
        }
        return found == null ? null : new Target(found, null);
    }

    private static String stripHistory(String s) {
        int i = s.indexOf("/_history/");
        return i < 0 ? s : s.substring(0, i);
    }

    // ---------------------------------------------------------------------------- 2.4 subject, type, status

    /** Steps 2.4.1-2.4.6; true when the entry is read further. */
    private boolean screen(Entry e) {
        Resource r = e.res;
        if ("entered-in-error".equals(status(r))) {
            ignore(e, "ENTERED_IN_ERROR", firstField(e));
            return false;
        }
        Reference subject = subjectOf(r);
        String who = subject == null ? null : whose(r, subject);
        if ("OTHER".equals(who)) {
            List<String> fs = "Medication".equals(e.type) || MEDICATION_RECORDS.contains(e.type)
                ? List.of("priorTherapies") : fieldsOfCode(codingsOf(r));
            for (String f : fs.isEmpty() ? List.of("subject") : fs) {
                violation(new Violation(f, subject.getReference(), "FOREIGN_SUBJECT: the resource is about another patient"), e);
            }
            return false;
        }
        if ("OperationOutcome".equals(e.type)) {
            ignore(e, "OPERATION_OUTCOME", null);
            List<String> issues = new ArrayList<>();
            for (OperationOutcome.OperationOutcomeIssueComponent i : ((OperationOutcome) r).getIssue()) {
                issues.add(i.getSeverityElement().getValueAsString() + " " + i.getCodeElement().getValueAsString()
                    + (i.hasDiagnostics() ? ": " + i.getDiagnostics() : ""));
            }
            warn("OPERATION_OUTCOME", null, List.of(e.key), String.join("; ", issues));
            return false;
        }
        if ("Medication".equals(e.type) || "BodyStructure".equals(e.type)) {
            return false; // read only as reference targets; NOT_REFERENCED at the end unless used
        }
        if (!READ.contains(e.type)) {
            ignore(e, "NOT_RELEVANT_TYPE", null);
            return false;
        }
        if (subject == null || !subject.hasReference() && !subject.hasIdentifier() && !subject.hasDisplay()) {
            ignore(e, "NO_SUBJECT", firstField(e));
            return false;
        }
        if (!"PATIENT".equals(who)) {
            ignore(e, "UNRESOLVED_SUBJECT", firstField(e));
            warn("UNRESOLVED_SUBJECT", null, List.of(e.key), subject.hasReference() ? subject.getReference() : "(identifier or display only)");
            return false;
        }
        String reason = statusFilter(e);
        if (reason != null) {
            ignore(e, reason, firstField(e));
            return false;
        }
        if (FhirTime.later(timeOf(r), asOfTime)) {
            ignore(e, "AFTER_AS_OF", firstField(e));
            return false;
        }
        return true;
    }

    private static String status(Resource r) {
        if (r instanceof Condition c) {
            for (Coding cd : c.getVerificationStatus().getCoding()) {
                if (VER_STATUS.equals(cd.getSystem()) && "entered-in-error".equals(cd.getCode())) {
                    return "entered-in-error";
                }
            }
            return null;
        }
        if (r instanceof Observation o) {
            return o.getStatusElement().getValueAsString();
        }
        if (r instanceof Procedure p) {
            return p.getStatusElement().getValueAsString();
        }
        if (r instanceof MedicationStatement m) {
            return m.getStatusElement().getValueAsString();
        }
        if (r instanceof MedicationRequest m) {
            return m.getStatusElement().getValueAsString();
        }
        if (r instanceof MedicationAdministration m) {
            return m.getStatusElement().getValueAsString();
        }
        if (r instanceof DiagnosticReport d) {
            return d.getStatusElement().getValueAsString();
        }
        if (r instanceof Medication m) {
            return m.getStatusElement().getValueAsString();
        }
        return null;
    }

    private static Reference subjectOf(Resource r) {
        if (r instanceof Condition c) {
            return c.hasSubject() ? c.getSubject() : null;
        }
        if (r instanceof Observation o) {
            return o.hasSubject() ? o.getSubject() : null;
        }
        if (r instanceof Procedure p) {
            return p.hasSubject() ? p.getSubject() : null;
        }
        if (r instanceof MedicationStatement m) {
            return m.hasSubject() ? m.getSubject() : null;
        }
        if (r instanceof MedicationRequest m) {
            return m.hasSubject() ? m.getSubject() : null;
        }
        if (r instanceof MedicationAdministration m) {
            return m.hasSubject() ? m.getSubject() : null;
        }
        if (r instanceof DiagnosticReport d) {
            return d.hasSubject() ? d.getSubject() : null;
        }
        if (r instanceof BodyStructure b) {
            return b.hasPatient() ? b.getPatient() : null;
        }
        return null;
    }

    /** {@code PATIENT}, {@code OTHER} or {@code UNRESOLVED} (2.4). */
    private String whose(Resource from, Reference subject) {
        if (!subject.hasReference() || patient == null) {
            // without the one Patient (PATIENT_COUNT) no subject can be judged: not a FOREIGN_SUBJECT flood
            return "UNRESOLVED";
        }
        Target t = from instanceof DomainResource d ? resolve(d, subject) : null;
        if (t != null && t.entry() != null && "Patient".equals(t.entry().type)) {
            return t.entry() == patient ? "PATIENT" : "OTHER";
        }
        if (t != null) {
            return "UNRESOLVED";
        }
        String ref = stripHistory(subject.getReference());
        int i = ref.lastIndexOf("Patient/");
        if (i >= 0 && (i == 0 || ref.charAt(i - 1) == '/')) {
            String id = ref.substring(i + "Patient/".length());
            if (id.isEmpty() || id.contains("/")) {
                return "UNRESOLVED";
            }
            return patient != null && id.equals(patient.id) ? "PATIENT" : "OTHER";
        }
        return "UNRESOLVED";
    }

    /** 2.4.5: the ignore reason of the status filters, or {@code null}. */
    private String statusFilter(Entry e) {
        Resource r = e.res;
        String s = status(r);
        switch (e.type) {
            case "Observation" -> {
                if ("cancelled".equals(s)) {
                    return "CANCELLED";
                }
                return Set.of("final", "amended", "corrected").contains(s) ? null : "NOT_FINAL";
            }
            case "Condition" -> {
                for (Coding c : ((Condition) r).getVerificationStatus().getCoding()) {
                    if (VER_STATUS.equals(c.getSystem())) {
                        if ("refuted".equals(c.getCode())) {
                            return "REFUTED";
                        }
                        return "confirmed".equals(c.getCode()) ? null : "NOT_CONFIRMED";
                    }
                }
                return null;
            }
            case "Procedure" -> {
                if ("not-done".equals(s)) {
                    return "NOT_GIVEN";
                }
                return "completed".equals(s) ? null : "NOT_COMPLETED";
            }
            case "MedicationStatement" -> {
                if ("not-taken".equals(s) || "intended".equals(s)) {
                    return "NOT_GIVEN";
                }
                return Set.of("active", "completed", "stopped", "on-hold").contains(s) ? null : "NOT_FINAL";
            }
            case "MedicationRequest" -> {
                MedicationRequest m = (MedicationRequest) r;
                if ("cancelled".equals(s)) {
                    return "CANCELLED";
                }
                if ("draft".equals(s)) {
                    return "NOT_GIVEN";
                }
                if (!Set.of("active", "completed", "stopped", "on-hold").contains(s)) {
                    return "NOT_FINAL";
                }
                String intent = m.getIntentElement().getValueAsString();
                if (Set.of("order", "original-order", "reflex-order", "filler-order", "instance-order").contains(intent)) {
                    return null;
                }
                boolean reported = m.getReported() instanceof BooleanType b && Boolean.TRUE.equals(b.getValue())
                    || m.getReported() instanceof Reference ref && !ref.isEmpty();
                return "plan".equals(intent) && reported ? null : "NOT_GIVEN";
            }
            case "MedicationAdministration" -> {
                if ("not-done".equals(s)) {
                    return "NOT_GIVEN";
                }
                return Set.of("completed", "in-progress", "stopped", "on-hold").contains(s) ? null : "NOT_FINAL";
            }
            case "DiagnosticReport" -> {
                return "cancelled".equals(s) ? "CANCELLED" : null;
            }
            default -> {
                return null;
            }
        }
    }

    // ------------------------------------------------------------------------------------------- 2.5 times

    /** The time of a resource (2.5); for medication records and procedures read as prior therapy, its start. */
    FhirTime timeOf(Resource r) {
        if (r instanceof Observation o) {
            return firstTime(o.getEffective(), o.getIssuedElement());
        }
        if (r instanceof DiagnosticReport d) {
            return firstTime(d.getEffective(), d.getIssuedElement());
        }
        if (r instanceof Condition c) {
            FhirTime t = FhirTime.of(c.getRecordedDateElement());
            if (t == null && c.getOnset() instanceof BaseDateTimeType dt) {
                t = FhirTime.of(dt);
            } else if (t == null && c.getOnset() instanceof Period p) {
                t = FhirTime.of(p.getStartElement());
            }
            return t;
        }
        if (r instanceof Procedure p) {
            if (p.getPerformed() instanceof BaseDateTimeType dt) {
                return FhirTime.of(dt);
            }
            if (p.getPerformed() instanceof Period per) {
                FhirTime s = FhirTime.of(per.getStartElement());
                return s != null ? s : FhirTime.of(per.getEndElement());
            }
            return null;
        }
        if (MEDICATION_RECORDS.contains(r.fhirType())) {
            return interval(r)[0];
        }
        return null;
    }

    private static FhirTime firstTime(Type effective, BaseDateTimeType issued) {
        if (effective instanceof BaseDateTimeType dt && FhirTime.of(dt) != null) {
            return FhirTime.of(dt);
        }
        if (effective instanceof Period p) {
            FhirTime end = FhirTime.of(p.getEndElement());
            return end != null ? end : FhirTime.of(p.getStartElement()) != null ? FhirTime.of(p.getStartElement()) : FhirTime.of(issued);
        }
        return FhirTime.of(issued);
    }

    /** §4 record interval: [start, end] (either may be null). */
    FhirTime[] interval(Resource r) {
        FhirTime start = null;
        FhirTime end = null;
        Type eff = null;
        if (r instanceof MedicationStatement m) {
            eff = m.getEffective();
        } else if (r instanceof MedicationAdministration m) {
            eff = m.getEffective();
        } else if (r instanceof Procedure p) {
            eff = p.getPerformed();
        }
        if (eff instanceof Period p) {
            start = FhirTime.of(p.getStartElement());
            end = FhirTime.of(p.getEndElement());
        } else if (eff instanceof BaseDateTimeType dt) {
            start = FhirTime.of(dt);
            end = start;
        }
        if (r instanceof MedicationRequest m) {
            FhirTime boundsStart = null;
            FhirTime boundsEnd = null;
            for (Dosage d : m.getDosageInstruction()) {
                if (d.getTiming().getRepeat().getBounds() instanceof Period p) {
                    FhirTime s = FhirTime.of(p.getStartElement());
                    FhirTime e = FhirTime.of(p.getEndElement());
                    if (s != null && (boundsStart == null || FhirTime.compare(s, boundsStart) < 0)) {
                        boundsStart = s;
                    }
                    if (e != null && (boundsEnd == null || FhirTime.compare(e, boundsEnd) >= 0)) {
                        boundsEnd = e;
                    }
                }
            }
            start = boundsStart != null ? boundsStart : FhirTime.of(m.getAuthoredOnElement());
            end = boundsEnd;
        }
        String s = status(r);
        if ((r instanceof MedicationStatement || r instanceof MedicationRequest) && ("active".equals(s) || "on-hold".equals(s))) {
            end = asOfTime;
        }
        return new FhirTime[] {start, end};
    }

    // ------------------------------------------------------------------------------------------ reading

    private void read(Entry e) {
        switch (e.type) {
            case "Observation" -> readObservation(e, (Observation) e.res);
            case "Condition" -> readCondition(e, (Condition) e.res);
            case "Procedure" -> procedures.add(e); // after primarySite is known
            case "DiagnosticReport" -> readReport(e, (DiagnosticReport) e.res);
            default -> readMedicationRecord(e);
        }
    }

    private void readObservation(Entry e, Observation o) {
        Set<FhirCodes.ObsTarget> targets = new LinkedHashSet<>();
        for (CodeTable.Entry m : codes.observations().matches(o.getCode())) {
            targets.add((FhirCodes.ObsTarget) m.value());
        }
        if (targets.isEmpty()) {
            unknown(e, o.getCode().getCoding());
            return;
        }
        if (targets.stream().map(FhirCodes.ObsTarget::field).distinct().count() > 1) {
            ignore(e, "AMBIGUOUS", targets.iterator().next().field());
            return;
        }
        FhirCodes.ObsTarget target = targets.iterator().next();
        String field = target.field();
        if (notNen(o, o.getFocus(), extensionRefs(o, RELATED_CONDITION), List.of())) {
            ignore(e, "NOT_NEN", field);
            return;
        }
        FhirTime time = timeOf(o);
        if (time == null) {
            warn("NO_EFFECTIVE_DATE", field, List.of(e.key), null);
        }
        Object value;
        List<String> extraSources = new ArrayList<>();
        try {
            value = observationValue(e, o, field, target.kind(), extraSources);
        } catch (Unusable u) {
            ignore(e, u.reason, field);
            return;
        }
        Cand c = new Cand(field, value, target.kind(), time, e);
        c.issued = FhirTime.of(o.getIssuedElement());
        c.sources.addAll(extraSources);
        if ("diseaseStatus".equals(field)) {
            diseaseStatusAll.add(c);
            if (FhirTime.compare(time, FhirTime.of(asOf.minusMonths(12))) < 0) {
                ignore(e, "STALE", field);
                return;
            }
            c = new Cand(field, ((Object[]) value)[0], target.kind(), time, e);
            c.issued = FhirTime.of(o.getIssuedElement());
        }
        if ("ecog".equals(field)) {
            for (CodeableConcept interp : o.getInterpretation()) {
                for (CodeTable.Entry m : codes.table("ecog", "valueCodes").matches(interp)) {
                    if (!Objects.equals(m.value(), value)) {
                        warn("SOURCE_CONFLICT", field, List.of(e.key), "interpretation gives " + m.value() + ", the value " + value + " is used");
                    }
                }
            }
        }
        add(c);
    }

    /** The value of an Observation for its field and kind (2.7), or the reason it is unusable. */
    private Object observationValue(Entry e, Observation o, String field, String kind, List<String> extraSources) throws Unusable {
        FhirCodes.Field f = codes.field(field);
        if ("tumorSize".equals(kind)) {
            return tumourSize(e, o, f, extraSources);
        }
        if (!o.hasValue() || o.hasDataAbsentReason()) {
            throw new Unusable("NO_VALUE");
        }
        Type v = o.getValue();
        switch (kind) {
            case "morphologyObservation" -> {
                return coded(v, f.table("morphologyCodes"));
            }
            case "histologicGrade" -> {
                return coded(v, f.table("valueCodes"));
            }
            case "childPughPanel" -> {
                if (v instanceof StringType s && f.valueStrings().containsKey(s.getValue())) {
                    return f.valueStrings().get(s.getValue());
                }
                return coded(v, f.table("valueCodes"));
            }
            default -> {
                return byValueType(e, v, f);
            }
        }
    }

    private Object byValueType(Entry e, Type v, FhirCodes.Field f) throws Unusable {
        switch (f.valueType()) {
            case "quantity" -> {
                if (!(v instanceof Quantity q)) {
                    throw new Unusable("UNSUPPORTED_VALUE");
                }
                return quantity(e, q, f);
            }
            case "count" -> {
                if (v instanceof IntegerType i) {
                    return i.getValue();
                }
                if (v instanceof Quantity q) {
                    BigDecimal d = quantity(e, q, f);
                    return d.stripTrailingZeros().scale() <= 0 ? (Object) d.intValueExact() : d;
                }
                throw new Unusable("UNSUPPORTED_VALUE");
            }
            case "boolean" -> {
                if (v instanceof BooleanType b) {
                    return b.getValue();
                }
                return coded(v, f.table("valueCodes"));
            }
            case "ecog" -> {
                if (v instanceof IntegerType i) {
                    return i.getValue();
                }
                if (v instanceof Quantity q) {
                    BigDecimal d = quantity(e, q, f);
                    if (d.stripTrailingZeros().scale() > 0) {
                        throw new Unusable("UNSUPPORTED_VALUE");
                    }
                    return d.intValueExact();
                }
                return coded(v, f.table("valueCodes"));
            }
            case "coded" -> {
                if ("childPugh".equals(f.name()) && v instanceof StringType s && f.valueStrings().containsKey(s.getValue())) {
                    return f.valueStrings().get(s.getValue());
                }
                if ("diseaseStatus".equals(f.name())) {
                    CodeTable.Entry m = codedEntry(v, f.table("valueCodes"));
                    return new Object[] {m.value(), m.extra()};
                }
                return coded(v, f.table("valueCodes"));
            }
            default -> throw new Unusable("UNSUPPORTED_VALUE");
        }
    }

    /** A Quantity through the field's units (2.7): value x factor, rounded half-up to 2 decimals when factor is not 1. */
    private BigDecimal quantity(Entry e, Quantity q, FhirCodes.Field f) throws Unusable {
        if (q.hasComparator()) {
            throw new Unusable("UNSUPPORTED_VALUE");
        }
        if (!q.hasValue()) {
            throw new Unusable("NO_VALUE");
        }
        String unit;
        if (UCUM.equals(q.getSystem()) && q.hasCode()) {
            unit = q.getCode();
        } else if (q.hasUnit()) {
            unit = q.getUnit();
            warn("UNIT_FROM_TEXT", f.name(), List.of(e.key), unit);
        } else {
            throw new Unusable("UNIT_UNSUPPORTED");
        }
        BigDecimal factor = f.units().get(unit.strip());
        if (factor == null) {
            throw new Unusable("UNIT_UNSUPPORTED");
        }
        BigDecimal value = q.getValue();
        return factor.compareTo(BigDecimal.ONE) == 0 ? value : value.multiply(factor).setScale(2, RoundingMode.HALF_UP);
    }

    private static Object coded(Type v, CodeTable table) throws Unusable {
        return codedEntry(v, table).value();
    }

    private static CodeTable.Entry codedEntry(Type v, CodeTable table) throws Unusable {
        if (!(v instanceof CodeableConcept cc)) {
            throw new Unusable("UNSUPPORTED_VALUE");
        }
        List<CodeTable.Entry> found = new ArrayList<>();
        for (CodeTable.Entry m : table.matches(cc)) {
            if (m.value() != null && found.stream().noneMatch(x -> Objects.equals(x.value(), m.value()))) {
                found.add(m);
            }
        }
        if (found.isEmpty()) {
            throw new Unusable("UNSUPPORTED_VALUE");
        }
        if (found.size() > 1) {
            throw new Unusable("AMBIGUOUS");
        }
        return found.get(0);
    }

    /** mCODE TumorSize on a liver lesion: the maximum-dimension component in cm (mm converted). */
    private Object tumourSize(Entry e, Observation o, FhirCodes.Field f, List<String> extraSources) throws Unusable {
        boolean liver = false;
        for (Reference focus : o.getFocus()) {
            Target t = resolve(o, focus);
            if (t != null && t.resource() instanceof BodyStructure b) {
                boolean here = codes.set("liverBodySites").matchesAny(b.getLocation().getCoding());
                for (Reference rel : extensionRefs(b, RELATED_CONDITION)) {
                    Target c = resolve(b, rel);
                    here |= c != null && c.resource() instanceof Condition cond && isLiverSecondary(cond);
                }
                if (here) {
                    liver = true;
                    if (t.entry() != null) {
                        t.entry().referenced = true;
                        extraSources.add(t.entry().key);
                    }
                }
            }
        }
        if (!liver) {
            throw new Unusable("NOT_LIVER");
        }
        for (Observation.ObservationComponentComponent comp : o.getComponent()) {
            if (f.table("componentCodes").matchesAny(comp.getCode().getCoding())) {
                if (!(comp.getValue() instanceof Quantity q)) {
                    throw new Unusable(comp.hasValue() ? "UNSUPPORTED_VALUE" : "NO_VALUE");
                }
                return quantity(e, q, f);
            }
        }
        throw new Unusable("NO_VALUE");
    }

    // ----------------------------------------------------------------------------------- 2.8 conditions

    private List<Coding> morphology(Condition c) {
        List<Coding> out = new ArrayList<>();
        for (Extension x : c.getExtensionsByUrl(MORPHOLOGY)) {
            if (x.getValue() instanceof CodeableConcept cc) {
                out.addAll(cc.getCoding());
            }
        }
        return out;
    }

    private static char sixth(Coding c) {
        return c.getCode() != null && c.getCode().length() >= 6 ? c.getCode().charAt(5) : 0;
    }

    ConditionClass classify(Condition c) {
        return classes.computeIfAbsent(c, x -> classifyNow((Condition) x));
    }

    private ConditionClass classifyNow(Condition c) {
        List<Coding> code = c.getCode().getCoding();
        List<Coding> morph = morphology(c);
        boolean nen = codes.set("nenConditionCodes").matchesAny(code)
            || codes.table("differentiation", "morphologyCodes").matchesAny(morph)
            || localMatch(codes.table("primarySite", "conditionCodes"), code)
            || localMatch(codes.table("primarySite", "conditionCodes"), bodySites(c))
            || localMatch(codes.table("differentiation", "conditionCodes"), code);
        boolean secondary = codes.set("secondaryCodes").matchesAny(code) || morph.stream().anyMatch(m -> sixth(m) == '6');
        if (nen && secondary) {
            return ConditionClass.NEN_AND_SECONDARY;
        }
        if (nen) {
            return ConditionClass.NEN;
        }
        if (secondary) {
            return ConditionClass.SECONDARY;
        }
        if (codes.table("primarySite", "conditionCodes").matchesAny(code)) {
            return ConditionClass.UNCONFIRMED_GEP;
        }
        if (codes.set("cancerConditionCodes").matchesAny(code) || morph.stream().anyMatch(m -> sixth(m) == '3')) {
            return ConditionClass.OTHER_CANCER;
        }
        return ConditionClass.PLAIN;
    }

    private static boolean localMatch(CodeTable t, List<Coding> codings) {
        return t.matches(codings).stream().anyMatch(CodeTable.Entry::local);
    }

    private static List<Coding> bodySites(Condition c) {
        List<Coding> out = new ArrayList<>();
        c.getBodySite().forEach(b -> out.addAll(b.getCoding()));
        return out;
    }

    private boolean isSecondary(Condition c) {
        ConditionClass k = classify(c);
        return k == ConditionClass.SECONDARY || k == ConditionClass.NEN_AND_SECONDARY;
    }

    private boolean isLiverSecondary(Condition c) {
        return isSecondary(c) && "LIVER".equals(secondarySite(c));
    }

    /** LIVER, EXTRAHEPATIC or AMBIGUOUS. */
    private String secondarySite(Condition c) {
        List<CodeTable.Entry> m = codes.set("secondaryCodes").matches(c.getCode());
        if (m.stream().anyMatch(x -> "LIVER".equals(x.value())) || codes.set("liverBodySites").matchesAny(bodySites(c))) {
            return "LIVER";
        }
        if (m.stream().anyMatch(x -> "EXTRAHEPATIC".equals(x.value()))) {
            return "EXTRAHEPATIC";
        }
        return "AMBIGUOUS";
    }

    /** A secondary whose condition-related resolves to an other-cancer Condition. */
    private boolean secondaryNotNen(Condition c) {
        for (Reference r : extensionRefs(c, CONDITION_RELATED)) {
            Target t = resolve(c, r);
            if (t != null && t.resource() instanceof Condition o && classify(o) == ConditionClass.OTHER_CANCER) {
                return true;
            }
        }
        return false;
    }

    /** 2.8: a link to an other cancer (or a NOT_NEN secondary), or a reason code of another cancer. */
    private boolean notNen(DomainResource r, List<Reference> links, List<Reference> more, List<CodeableConcept> reasonCodes) {
        List<Reference> all = new ArrayList<>(links);
        all.addAll(more);
        for (Reference ref : all) {
            Target t = resolve(r, ref);
            if (t != null && t.resource() instanceof Condition c) {
                ConditionClass k = classify(c);
                if (k == ConditionClass.OTHER_CANCER || k == ConditionClass.SECONDARY && secondaryNotNen(c)) {
                    return true;
                }
            }
        }
        for (CodeableConcept cc : reasonCodes) {
            List<Coding> cs = cc.getCoding();
            if (codes.set("cancerConditionCodes").matchesAny(cs) && !codes.set("nenConditionCodes").matchesAny(cs)
                && !codes.set("secondaryCodes").matchesAny(cs) && !codes.table("primarySite", "conditionCodes").matchesAny(cs)) {
                return true;
            }
        }
        return false;
    }

    private static List<Reference> extensionRefs(DomainResource r, String url) {
        List<Reference> out = new ArrayList<>();
        for (Extension x : r.getExtensionsByUrl(url)) {
            if (x.getValue() instanceof Reference ref) {
                out.add(ref);
            }
        }
        return out;
    }

    /** clinicalStatus presence filter (2.4.5); the reason or null. */
    private static String presence(Condition c) {
        for (Coding cd : c.getClinicalStatus().getCoding()) {
            if (CLINICAL_STATUS.equals(cd.getSystem())) {
                return Set.of("active", "recurrence", "relapse").contains(cd.getCode()) ? null : "NOT_ACTIVE";
            }
        }
        return c.hasAbatement() ? "NOT_ACTIVE" : null;
    }

    private void readCondition(Entry e, Condition c) {
        ConditionClass k = classify(c);
        FhirTime time = timeOf(c);
        boolean problemList = c.getCategory().stream().flatMap(cc -> cc.getCoding().stream())
            .anyMatch(cd -> CATEGORY.equals(cd.getSystem()) && "problem-list-item".equals(cd.getCode()));
        List<Cand> out = new ArrayList<>();
        List<String> ambiguous = new ArrayList<>();
        String reason = null;
        if (k == ConditionClass.NEN || k == ConditionClass.NEN_AND_SECONDARY) {
            List<Coding> morph = morphology(c);
            one(e, "primarySite", "bodySite", codes.table("primarySite", "bodySiteCodes").plus(localOnly(codes.table("primarySite", "conditionCodes"))).matches(bodySites(c)), time, out, ambiguous);
            one(e, "primarySite", "conditionCode", codes.table("primarySite", "conditionCodes").matches(c.getCode()), time, out, ambiguous);
            one(e, "differentiation", "morphology", codes.table("differentiation", "morphologyCodes").matches(morph), time, out, ambiguous);
            one(e, "differentiation", "conditionCode", codes.table("differentiation", "conditionCodes").matches(c.getCode()), time, out, ambiguous);
            one(e, "functional", "morphology", codes.table("functional", "morphologyCodes").matches(morph), time, out, ambiguous);
            out.forEach(x -> x.nenCondition = true);
        }
        if (k == ConditionClass.SECONDARY || k == ConditionClass.NEN_AND_SECONDARY) {
            if (k == ConditionClass.NEN_AND_SECONDARY) {
                warn("MIXED_CONDITION", null, List.of(e.key), "coded both as the NEN and as a secondary");
            }
            if (secondaryNotNen(c)) {
                reason = "NOT_NEN";
            } else {
                String where = secondarySite(c);
                if ("LIVER".equals(where)) {
                    List<Coding> as3 = new ArrayList<>();
                    for (Coding m : morphology(c)) {
                        if (sixth(m) == '6') {
                            String code = m.getCode();
                            as3.add(new Coding(m.getSystem(), code.substring(0, 5) + '3' + code.substring(6), null));
                        }
                    }
                    one(e, "differentiation", "secondaryMorphology", codes.table("differentiation", "morphologyCodes").matches(as3), time, out, ambiguous);
                } else if ("EXTRAHEPATIC".equals(where)) {
                    String p = presence(c);
                    if (p != null) {
                        reason = p;
                    } else {
                        out.add(new Cand("extrahepaticDisease", Boolean.TRUE, "secondaryCondition", time, e));
                    }
                } else if (out.isEmpty()) {
                    reason = "AMBIGUOUS";
                }
            }
        } else if (k == ConditionClass.UNCONFIRMED_GEP || k == ConditionClass.OTHER_CANCER) {
            reason = "NOT_NEN";
        } else if (k == ConditionClass.PLAIN) {
            boolean matched = false;
            for (String field : List.of("functional", "portalVeinThrombosis")) {
                List<CodeTable.Entry> m = codes.table(field, "conditionCodes").matches(c.getCode());
                if (!m.isEmpty()) {
                    matched = true;
                    String p = presence(c);
                    if (p != null) {
                        reason = p;
                    } else {
                        one(e, field, "condition", m, time, out, ambiguous);
                    }
                }
            }
            if (!matched) {
                unknown(e, c.getCode().getCoding());
                return;
            }
        }
        for (Cand x : out) {
            x.problemList = problemList;
            add(x);
        }
        for (String field : ambiguous) {
            if (out.isEmpty() && reason == null) {
                reason = "AMBIGUOUS";
                ignore(e, reason, field);
                return;
            }
            warn("AMBIGUOUS", field, List.of(e.key), "codings map to different values");
        }
        if (out.isEmpty() && reason != null) {
            ignore(e, reason, firstField(e));
        }
    }

    private static CodeTable localOnly(CodeTable t) {
        return new CodeTable(t.entries().stream().filter(CodeTable.Entry::local).toList());
    }

    /** One candidate from the codings of one element: none when no value, AMBIGUOUS when values differ. */
    private void one(Entry e, String field, String kind, List<CodeTable.Entry> matches, FhirTime time, List<Cand> out, List<String> ambiguous) {
        Set<Object> values = new LinkedHashSet<>();
        for (CodeTable.Entry m : matches) {
            if (m.value() != null) {
                values.add(m.value());
            }
        }
        if (values.size() == 1) {
            out.add(new Cand(field, values.iterator().next(), kind, time, e));
        } else if (values.size() > 1) {
            ambiguous.add(field);
        }
    }

    // ---------------------------------------------------------------------------------- reports, medication

    private void readReport(Entry e, DiagnosticReport d) {
        boolean matched = false;
        for (CodeableConcept cc : d.getCategory()) {
            for (CodeTable.Entry m : codes.set("reportCategories").matches(cc)) {
                matched = true;
                narrative.computeIfAbsent((String) m.value(), g -> new ArrayList<>()).add(e.key);
            }
        }
        if (!matched) {
            List<Coding> cs = new ArrayList<>();
            d.getCategory().forEach(cc -> cs.addAll(cc.getCoding()));
            unknown(e, cs);
        }
    }

    private void readMedicationRecord(Entry e) {
        DomainResource r = (DomainResource) e.res;
        Type med;
        List<Reference> reasons;
        List<CodeableConcept> reasonCodes;
        if (r instanceof MedicationStatement m) {
            med = m.getMedication();
            reasons = m.getReasonReference();
            reasonCodes = m.getReasonCode();
        } else if (r instanceof MedicationRequest m) {
            med = m.getMedication();
            reasons = m.getReasonReference();
            reasonCodes = m.getReasonCode();
        } else {
            MedicationAdministration m = (MedicationAdministration) r;
            med = m.getMedication();
            reasons = m.getReasonReference();
            reasonCodes = m.getReasonCode();
        }
        List<Coding> drug = new ArrayList<>();
        Entry medEntry = null;
        if (med instanceof CodeableConcept cc) {
            drug.addAll(cc.getCoding());
        } else if (med instanceof Reference ref) {
            Target t = resolve(r, ref);
            if (t == null || !(t.resource() instanceof Medication m)) {
                ignore(e, "UNRESOLVED_MEDICATION", "priorTherapies");
                return;
            }
            drug.addAll(m.getCode().getCoding());
            for (Medication.MedicationIngredientComponent i : m.getIngredient()) {
                if (i.getItem() instanceof CodeableConcept ic) {
                    drug.addAll(ic.getCoding());
                }
            }
            medEntry = t.entry();
        }
        if (notNen(r, reasons, List.of(), reasonCodes)) {
            ignore(e, "NOT_NEN", "priorTherapies");
            return;
        }
        Set<Object> therapies = new LinkedHashSet<>();
        codes.table("priorTherapies", "medicationCodes").matches(drug).forEach(m -> therapies.add(m.value()));
        if (therapies.isEmpty()) {
            if (medEntry != null) {
                medEntry.referenced = true;
            }
            unknown(e, drug);
            return;
        }
        if (therapies.size() > 1) {
            if (medEntry != null) {
                medEntry.referenced = true;
            }
            ignore(e, "AMBIGUOUS", "priorTherapies");
            return;
        }
        if (medEntry != null) {
            medEntry.referenced = true;
        }
        addRecord(e, Therapy.valueOf((String) therapies.iterator().next()), medEntry);
    }

    private final Map<TherapyRecord, Entry> recordMedications = new IdentityHashMap<>();

    private void addRecord(Entry e, Therapy therapy, Entry medication) {
        FhirTime[] iv = interval(e.res);
        TherapyRecord rec = new TherapyRecord(e, therapy, iv[0], iv[1], statedOutcome(e.res));
        records.add(rec);
        if (medication != null) {
            recordMedications.put(rec, medication);
        }
    }

    /** §4.1: the outcome a record states, or null. */
    private String statedOutcome(Resource r) {
        DomainResource d = (DomainResource) r;
        for (Extension x : d.getExtensionsByUrl(THERAPY_OUTCOME)) {
            List<Coding> cs = x.getValue() instanceof CodeableConcept cc ? cc.getCoding()
                : x.getValue() instanceof Coding c ? List.of(c) : List.of();
            for (CodeTable.Entry m : codes.table("priorTherapies", "outcomeExtensionCodes").matches(cs)) {
                return (String) m.value();
            }
        }
        List<CodeableConcept> reasons = new ArrayList<>();
        if (r instanceof MedicationStatement m) {
            reasons.addAll(m.getStatusReason());
        } else if (r instanceof MedicationAdministration m) {
            reasons.addAll(m.getStatusReason());
        } else if (r instanceof MedicationRequest m && m.hasStatusReason()) {
            reasons.add(m.getStatusReason());
        } else if (r instanceof Procedure p && p.hasStatusReason()) {
            reasons.add(p.getStatusReason());
        }
        for (CodeableConcept cc : reasons) {
            for (CodeTable.Entry m : codes.table("priorTherapies", "outcomeCodes").matches(cc)) {
                return (String) m.value();
            }
        }
        if (r instanceof Procedure) {
            for (Extension x : d.getExtensionsByUrl(TERMINATION_REASON)) {
                if (x.getValue() instanceof CodeableConcept cc) {
                    for (CodeTable.Entry m : codes.table("priorTherapies", "outcomeCodes").matches(cc)) {
                        return (String) m.value();
                    }
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------- procedures

    private void readProcedure(Entry e, Procedure p) {
        if (notNen(p, p.getReasonReference(), List.of(), p.getReasonCode())) {
            ignore(e, "NOT_NEN", firstField(e));
            return;
        }
        FhirTime time = timeOf(p);
        List<Coding> code = p.getCode().getCoding();
        boolean matched = false;
        boolean supplied = false;
        Object site = mapped.get("primarySite");
        for (CodeTable.Entry m : codes.table("primaryStatus", "procedureCodes").matches(code)) {
            matched = true;
            if (m.local() || site != null && m.extra() instanceof List<?> sites && sites.contains(site)) {
                add(new Cand("primaryStatus", "RESECTED", "resectionProcedure", time, e));
                supplied = true;
                break;
            }
        }
        if (!supplied && site != null && resectionOfNen(p, site)) {
            add(new Cand("primaryStatus", "RESECTED", "resectionProcedure", time, e));
            supplied = true;
            matched = true;
        }
        if (!codes.table("biliaryEntericAnastomosis", "procedureCodes").matches(code).isEmpty()) {
            add(new Cand("biliaryEntericAnastomosis", Boolean.TRUE, "procedure", time, e));
            supplied = true;
            matched = true;
        }
        List<CodeTable.Entry> therapy = codes.table("priorTherapies", "procedureCodes").matches(code);
        if (!therapy.isEmpty()) {
            addRecord(e, Therapy.valueOf((String) therapy.get(0).value()), null);
            supplied = true;
            matched = true;
        }
        if (!supplied) {
            unclassifiedProcedures.add(e.key);
            if (!matched) {
                unknown(e, code);
            }
        }
    }

    /** Any code: reasonReference an NEN Condition, a bodySite of the mapped site, curative or palliative intent. */
    private boolean resectionOfNen(Procedure p, Object site) {
        boolean nen = false;
        for (Reference r : p.getReasonReference()) {
            Target t = resolve(p, r);
            if (t != null && t.resource() instanceof Condition c) {
                ConditionClass k = classify(c);
                nen |= k == ConditionClass.NEN || k == ConditionClass.NEN_AND_SECONDARY;
            }
        }
        if (!nen) {
            return false;
        }
        boolean atSite = false;
        for (CodeableConcept b : p.getBodySite()) {
            for (CodeTable.Entry m : codes.table("primarySite", "bodySiteCodes").matches(b)) {
                atSite |= site.equals(m.value());
            }
        }
        if (!atSite) {
            return false;
        }
        for (Extension x : p.getExtensionsByUrl(PROCEDURE_INTENT)) {
            if (x.getValue() instanceof CodeableConcept cc) {
                for (CodeTable.Entry m : codes.set("procedureIntents").matches(cc)) {
                    if ("CURATIVE".equals(m.value()) || "PALLIATIVE".equals(m.value())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------- 2.9 selection

    private void add(Cand c) {
        candidates.computeIfAbsent(c.field, f -> new ArrayList<>()).add(c);
    }

    private void select() {
        selectField("primarySite");
        for (Entry e : procedures) {
            readProcedure(e, (Procedure) e.res);
        }
        for (String field : codes.fields().keySet()) {
            if (!"primarySite".equals(field) && !"priorTherapies".equals(field)) {
                selectField(field);
            }
        }
        // SEVERAL_PRIMARIES: NEN Conditions giving different sites or differentiation
        for (String field : List.of("primarySite", "differentiation")) {
            List<Cand> nen = candidates.getOrDefault(field, List.of()).stream().filter(c -> c.nenCondition).toList();
            if (nen.stream().map(c -> c.value).distinct().count() > 1) {
                warn("SEVERAL_PRIMARIES", field, nen.stream().map(c -> c.entry.key).distinct().toList(), null);
            }
        }
        // POOR from 8246/3 with Ki-67 <= 20
        MappingReport.FieldMapping diff = fields.get("differentiation");
        Object ki67 = mapped.get("ki67Percent");
        if (diff != null && "POOR".equals(diff.value()) && ki67 instanceof BigDecimal k && k.compareTo(BigDecimal.valueOf(20)) <= 0) {
            Entry src = byKey.get(diff.sources().get(0));
            boolean nec = src != null && src.res instanceof Condition c && morphology(c).stream().anyMatch(m -> m.getCode() != null && m.getCode().startsWith("8246/3"))
                || src != null && src.res instanceof Observation o && o.getValue() instanceof CodeableConcept cc
                && cc.getCoding().stream().anyMatch(m -> m.getCode() != null && m.getCode().startsWith("8246/3"));
            if (nec) {
                warn("SOURCE_CONFLICT", "differentiation", List.of(diff.sources().get(0), fields.get("ki67Percent").sources().get(0)),
                    "neuroendocrine carcinoma (8246/3) with Ki-67 " + k.toPlainString() + " %");
            }
        }
    }

    private void selectField(String field) {
        List<Cand> all = candidates.getOrDefault(field, List.of());
        if (all.isEmpty()) {
            return;
        }
        FhirCodes.Field f = codes.field(field);
        List<MappingReport.Candidate> lost = new ArrayList<>();
        List<Cand> pool = new ArrayList<>(all);
        if ("primarySite".equals(field) && pool.stream().anyMatch(c -> !"UNKNOWN".equals(c.value))) {
            for (Cand c : all) {
                if ("UNKNOWN".equals(c.value)) {
                    pool.remove(c);
                    lost.add(new MappingReport.Candidate(c.entry.key, c.value, "LESS_SPECIFIC"));
                }
            }
        }
        List<Cand> front = pool.stream().filter(c -> pool.stream().noneMatch(d -> FhirTime.later(d.time, c.time))).toList();
        Comparator<Cand> order = Comparator.<Cand>comparingInt(c -> f.rank(c.kind))
            .thenComparing(c -> c.problemList ? 0 : 1)
            .thenComparing((a, b) -> FhirTime.compareInstants(b.issued, a.issued))
            .thenComparing((a, b) -> FhirTime.compareInstants(b.entry.lastUpdated(), a.entry.lastUpdated()))
            .thenComparing((a, b) -> b.entry.key.compareTo(a.entry.key));
        List<Cand> sortedFront = new ArrayList<>(front);
        sortedFront.sort(order);
        Cand win = sortedFront.get(0);
        List<String> sources = new ArrayList<>(win.sources);
        Object value = win.value;
        if ("tumorSize".equals(win.kind)) {
            for (Cand c : sortedFront) {
                if ("tumorSize".equals(c.kind) && c != win) {
                    if (((BigDecimal) c.value).compareTo((BigDecimal) value) > 0) {
                        value = c.value;
                    }
                    c.sources.stream().filter(s -> !sources.contains(s)).forEach(sources::add);
                }
            }
        }
        Set<String> conflictTie = new LinkedHashSet<>();
        Set<String> sourceConflict = new LinkedHashSet<>();
        for (Cand c : pool) {
            if (c == win || "tumorSize".equals(win.kind) && "tumorSize".equals(c.kind) && front.contains(c)) {
                continue;
            }
            lost.add(new MappingReport.Candidate(c.entry.key, c.value, front.contains(c) ? "TIE_LOST" : "SUPERSEDED"));
            if (!sameValue(c.value, value)) {
                if (front.contains(c) && c.kind.equals(win.kind)) {
                    conflictTie.add(c.entry.key);
                } else if (!c.kind.equals(win.kind)) {
                    sourceConflict.add(c.entry.key);
                }
            }
        }
        if (!conflictTie.isEmpty()) {
            List<String> rs = new ArrayList<>(List.of(win.entry.key));
            rs.addAll(conflictTie);
            warn("CONFLICT_TIE", field, rs, null);
        }
        if (!sourceConflict.isEmpty()) {
            List<String> rs = new ArrayList<>(List.of(win.entry.key));
            rs.addAll(sourceConflict);
            warn("SOURCE_CONFLICT", field, rs, null);
        }
        used.addAll(sources);
        mapped.put(field, value);
        fields.put(field, new MappingReport.FieldMapping(field, value, win.kind, sources,
            win.time == null ? null : win.time.text(), lost, null));
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    // -------------------------------------------------------------------------------------- §4 therapies

    private void priorTherapies() {
        if (records.isEmpty()) {
            return;
        }
        Map<Therapy, List<TherapyRecord>> byTherapy = new EnumMap<>(Therapy.class); // interface order
        records.forEach(r -> byTherapy.computeIfAbsent(r.therapy(), t -> new ArrayList<>()).add(r));
        List<PriorTherapy> value = new ArrayList<>();
        List<MappingReport.TherapyItem> items = new ArrayList<>();
        List<String> allSources = new ArrayList<>();
        for (Map.Entry<Therapy, List<TherapyRecord>> t : byTherapy.entrySet()) {
            List<TherapyRecord> recs = t.getValue();
            List<String> sources = new ArrayList<>();
            for (TherapyRecord r : recs) {
                sources.add(r.entry().key);
                Entry m = recordMedications.get(r);
                if (m != null && !sources.contains(m.key)) {
                    sources.add(m.key);
                }
            }
            String outcome;
            String from;
            List<String> evidence = new ArrayList<>();
            List<TherapyRecord> stating = recs.stream().filter(r -> r.statedOutcome() != null).toList();
            if (!stating.isEmpty()) {
                List<TherapyRecord> latest = stating.stream()
                    .filter(r -> stating.stream().noneMatch(o -> FhirTime.later(o.start(), r.start()))).toList();
                Set<String> outs = new LinkedHashSet<>();
                latest.forEach(r -> outs.add(r.statedOutcome()));
                outcome = OUTCOME_ORDER.stream().filter(outs::contains).findFirst().orElseThrow();
                if (outs.size() > 1) {
                    warn("CONFLICT_TIE", "priorTherapies", latest.stream().map(r -> r.entry().key).toList(),
                        t.getKey() + ": records state " + String.join(", ", outs));
                }
                from = "STATED";
                latest.forEach(r -> evidence.add(r.entry().key));
            } else {
                Cand best = null;
                for (Cand ds : diseaseStatusAll) {
                    boolean during = recs.stream().anyMatch(r -> r.start() != null && r.end() != null && ds.time != null
                        && FhirTime.compare(ds.time, r.start()) >= 0 && FhirTime.compare(ds.time, r.end()) <= 0);
                    if (during && (best == null || FhirTime.later(ds.time, best.time)
                        || FhirTime.compare(ds.time, best.time) == 0 && laterTie(ds, best))) {
                        best = ds;
                    }
                }
                Object o = best == null ? null : ((Object[]) best.value)[1];
                if (o != null) {
                    outcome = (String) o;
                    from = "DISEASE_STATUS";
                    evidence.add(best.entry.key);
                    used.add(best.entry.key);
                } else {
                    outcome = "UNKNOWN";
                    from = "NONE";
                    warn("PRIOR_THERAPY_OUTCOME_UNKNOWN", "priorTherapies", recs.stream().map(r -> r.entry().key).toList(),
                        t.getKey() + " given, outcome not recorded");
                }
            }
            value.add(new PriorTherapy(t.getKey(), TherapyOutcome.valueOf(outcome)));
            items.add(new MappingReport.TherapyItem(t.getKey().name(), outcome, from, sources, evidence));
            allSources.addAll(sources);
        }
        used.addAll(allSources);
        mapped.put("priorTherapies", value);
        fields.put("priorTherapies", new MappingReport.FieldMapping("priorTherapies", value, "grouped", allSources, null, List.of(), items));
    }

    /** Ties as in 2.9 (issued, lastUpdated, key). */
    private static boolean laterTie(Cand a, Cand b) {
        int c = FhirTime.compareInstants(a.issued, b.issued);
        if (c == 0) {
            c = FhirTime.compareInstants(a.entry.lastUpdated(), b.entry.lastUpdated());
        }
        return c == 0 ? a.entry.key.compareTo(b.entry.key) > 0 : c > 0;
    }

    // -------------------------------------------------------------------------------------------- age, id

    private void age() {
        if (patient == null) {
            return;
        }
        Patient p = (Patient) patient.res;
        mapped.put("id", patientId);
        fields.put("id", new MappingReport.FieldMapping("id", patientId, "patient", List.of(patient.key), null, List.of(), null));
        FhirTime birth = FhirTime.of(p.getBirthDateElement());
        if (birth == null) {
            return;
        }
        String b = birth.text();
        LocalDate first;
        LocalDate last;
        if (b.length() == 4) {
            first = LocalDate.of(Integer.parseInt(b), 1, 1);
            last = LocalDate.of(Integer.parseInt(b), 12, 31);
        } else if (b.length() == 7) {
            YearMonth ym = YearMonth.parse(b);
            first = ym.atDay(1);
            last = ym.atEndOfMonth();
        } else {
            first = LocalDate.parse(b.substring(0, 10));
            last = first;
        }
        int a1 = (int) ChronoUnit.YEARS.between(first, asOf);
        int a2 = (int) ChronoUnit.YEARS.between(last, asOf);
        if (a1 != a2) {
            warn("AGE_AMBIGUOUS", "age", List.of(patient.key), "birth date " + b);
            return;
        }
        mapped.put("age", a1);
        fields.put("age", new MappingReport.FieldMapping("age", a1, "patient", List.of(patient.key), null, List.of(), null));
    }

    // -------------------------------------------------------------------------------------- 2.10 validation

    /** The mapped patient through the patient-JSON reader and validator (one path for both inputs). */
    private PatientCase validate() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (String name : PatientJson.fieldNames()) {
            if (mapped.containsKey(name)) {
                node.set(name, MappingReport.value(mapped.get(name)));
            }
        }
        try {
            return PatientJson.fromTree(node);
        } catch (InvalidPatientException e) {
            for (Violation v : e.getViolations()) {
                String root = v.field().replaceAll("[\\[.].*$", "");
                MappingReport.FieldMapping m = fields.get(root);
                violations.add(m == null || m.sources().isEmpty() ? v : v.at(m.sources().get(0)));
            }
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------- §5

    private MappingReport report() {
        Map<String, MappingReport.Availability> availability = new LinkedHashMap<>();
        for (String name : PatientJson.fieldNames()) {
            if ("id".equals(name)) {
                continue;
            }
            FhirCodes.Field f = codes.field(name);
            List<String> reports = f == null || f.narrativeGroup() == null ? List.of() : narrative.getOrDefault(f.narrativeGroup(), List.of());
            if (mapped.containsKey(name)) {
                availability.put(name, new MappingReport.Availability("MAPPED", List.of(), List.of()));
                continue;
            }
            List<MappingReport.Ignored> unusable = ignored.stream().filter(i -> name.equals(i.field())).toList();
            String status = !unusable.isEmpty() ? "UNUSABLE" : !reports.isEmpty() ? "NARRATIVE_ONLY" : "NOT_IN_BUNDLE";
            availability.put(name, new MappingReport.Availability(status, unusable, reports));
        }
        Set<String> ignoredKeys = new HashSet<>();
        ignored.forEach(i -> ignoredKeys.add(i.resource()));
        List<String> context = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.ignored && !used.contains(e.key) && !violated.contains(e.key) && !ignoredKeys.contains(e.key)) {
                context.add(e.key);
            }
        }
        Map<String, Object> mappedPatient = new LinkedHashMap<>();
        for (String name : PatientJson.fieldNames()) {
            if (mapped.containsKey(name)) {
                mappedPatient.put(name, mapped.get(name));
            }
        }
        return new MappingReport(codes.version(), new MappingReport.AsOf(asOf, asOfFrom), patient == null ? null : patient.key,
            site, mappedPatient, orderedFields(), availability, context, ignored, unknownCodes, warnings, violations, parserIssues);
    }

    private Map<String, MappingReport.FieldMapping> orderedFields() {
        Map<String, MappingReport.FieldMapping> out = new LinkedHashMap<>();
        for (String name : PatientJson.fieldNames()) {
            if (fields.containsKey(name)) {
                out.put(name, fields.get(name));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- helpers

    private void ignore(Entry e, String reason, String field) {
        e.ignored = true;
        ignored.add(new MappingReport.Ignored(e.key, reason, field));
    }

    private void unknown(Entry e, List<Coding> codings) {
        ignore(e, "UNKNOWN_CODE", null);
        for (Coding c : codings) {
            unknownCodes.add(new MappingReport.UnknownCode(e.key, c.getSystem(), c.getCode()));
        }
    }

    private void warn(String code, String field, List<String> resources, String detail) {
        warnings.add(new MappingReport.Warning(code, field, resources, detail));
    }

    private void violation(Violation v, Entry e) {
        violations.add(e == null ? v : v.at(e.key));
        if (e != null) {
            violated.add(e.key);
            e.ignored = true;
        }
    }

    /** The codings of a resource's code (drug codings for medication records). */
    private static List<Coding> codingsOf(Resource r) {
        if (r instanceof Observation o) {
            return o.getCode().getCoding();
        }
        if (r instanceof Condition c) {
            return c.getCode().getCoding();
        }
        if (r instanceof Procedure p) {
            return p.getCode().getCoding();
        }
        if (r instanceof Medication m) {
            return m.getCode().getCoding();
        }
        return List.of();
    }

    /** The fields whose tables hold a coding of these codes (for FOREIGN_SUBJECT and the availability). */
    private List<String> fieldsOfCode(List<Coding> codings) {
        List<String> out = new ArrayList<>();
        for (FhirCodes.Field f : codes.fields().values()) {
            for (CodeTable t : f.tables().values()) {
                if (!t.matches(codings).isEmpty() && !out.contains(f.name())) {
                    out.add(f.name());
                }
            }
        }
        // Observation codes through the index (kinds such as tumorSize live in observationCodes too)
        return out;
    }

    /** The first field a resource's codes belong to, for the report ({@code null} when none). */
    private String firstField(Entry e) {
        if (MEDICATION_RECORDS.contains(e.type)) {
            return "priorTherapies";
        }
        List<String> fs = fieldsOfCode(codingsOf(e.res));
        return fs.isEmpty() ? null : fs.get(0);
    }
}
