package org.netlm.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netlm.fhir.Fhir.ATC;
import static org.netlm.fhir.Fhir.CPT;
import static org.netlm.fhir.Fhir.ICD10;
import static org.netlm.fhir.Fhir.ICDO3;
import static org.netlm.fhir.Fhir.LOINC;
import static org.netlm.fhir.Fhir.OBS;
import static org.netlm.fhir.Fhir.SNOMED;
import static org.netlm.fhir.Fhir.VAL;
import static org.netlm.fhir.Fhir.bundle;
import static org.netlm.fhir.Fhir.bundleWithPatient;
import static org.netlm.fhir.Fhir.concept;
import static org.netlm.fhir.Fhir.nen;
import static org.netlm.fhir.Fhir.obs;
import static org.netlm.fhir.Fhir.quantity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.netlm.model.PriorTherapy;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;
import org.netlm.validation.InvalidPatientException;
import org.netlm.validation.Violation;

/** One test (or one parameterised table) per rule of fhir-mapping.md, section by section. */
class FhirMappingRulesTest {
    static final FhirPatientMapper MAPPER = FhirPatientMapper.withDefaults();

    static MappingReport report(String bundle) {
        try {
            return MAPPER.map(bundle).report();
        } catch (FhirMappingException e) {
            return e.report();
        }
    }

    static Object mapped(String bundle, String field) {
        return report(bundle).mappedPatient().get(field);
    }

    static String reason(MappingReport r, String key) {
        return r.ignored().stream().filter(i -> i.resource().equals(key)).map(MappingReport.Ignored::reason).findFirst().orElse(null);
    }

    static List<String> warningCodes(MappingReport r) {
        return r.warnings().stream().map(MappingReport.Warning::code).toList();
    }

    @Nested
    class Input {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "not JSON                | this is not json              | not FHIR JSON",
            "a JSON array            | [1,2]                         | not FHIR JSON",
            "no resourceType         | {\"a\":1}                     | not FHIR JSON",
            "another resource type   | {\"resourceType\":\"Patient\"} | not a Bundle"})
        void notAnR4BundleIsRefusedWithOneLine(String name, String input, String reason) {
            assertThatThrownBy(() -> MAPPER.map(input)).isInstanceOf(InvalidPatientException.class)
                .satisfies(e -> {
                    List<Violation> v = ((InvalidPatientException) e).getViolations();
                    assertThat(v).hasSize(1);
                    assertThat(v.get(0).field()).isEqualTo("(document)");
                    assertThat(v.get(0).reason()).contains(reason).doesNotContain("HAPI-").doesNotContain("Exception");
                });
        }

        @Test
        void aQuantityValueThatIsNotADecimalIsMalformedOnItsField() {
            String b = bundle(nen(), obs("ki67", LOINC, "29593-1", "2026-09-01",
                "'valueQuantity':{'value':'abc','system':'http://unitsofmeasure.org','code':'%'}"));
            assertThatThrownBy(() -> MAPPER.map(b)).isInstanceOf(FhirMappingException.class)
                .satisfies(e -> assertThat(((FhirMappingException) e).getViolations())
                    .containsExactly(new Violation("ki67Percent", null, "MALFORMED: valueQuantity.value is not a decimal", "Observation/ki67")));
        }

        @Test
        void otherUnparsableElementsCountAsAbsentAndAreListed() {
            String b = bundle(nen(), obs("ki67", LOINC, "29593-1", "2026-13-45", quantity(12, "%")));
            MappingReport r = MAPPER.map(b).report();
            assertThat(r.mappedPatient()).containsEntry("ki67Percent", new BigDecimal("12"));
            assertThat(r.warnings()).anyMatch(w -> w.code().equals("NO_EFFECTIVE_DATE"));
            assertThat(r.parserIssues()).anyMatch(s -> s.contains("2026-13-45"));
        }

        @Test
        void asOfComesFromTheArgumentElseTheTimestampElseToday() {
            String b = bundle(nen());
            assertThat(MAPPER.map(b).report().asOf()).isEqualTo(new MappingReport.AsOf(LocalDate.parse(Fhir.AS_OF), "BUNDLE_TIMESTAMP"));
            assertThat(MAPPER.map(b, LocalDate.of(2026, 6, 1)).report().asOf().from()).isEqualTo("ARGUMENT");
            String noTimestamp = b.replace("\"timestamp\":\"2026-10-12T10:00:00Z\",", "");
            assertThat(MAPPER.map(noTimestamp).report().asOf().from()).isEqualTo("CURRENT_DATE");
        }
    }

    @Nested
    class EntriesAndReferences {
        @Test
        void theLaterLastUpdatedOfTwoEqualKeysIsRead() {
            String older = obs("k", LOINC, "29593-1", "2026-09-01", quantity(5, "%")).replace("'status'", "'meta':{'lastUpdated':'2026-09-01T00:00:00Z'},'status'");
            String newer = obs("k", LOINC, "29593-1", "2026-09-01", quantity(9, "%")).replace("'status'", "'meta':{'lastUpdated':'2026-09-02T00:00:00Z'},'status'");
            MappingReport r = report(bundle(nen(), older, newer));
            assertThat(r.mappedPatient().get("ki67Percent")).hasToString("9");
            assertThat(r.ignored()).contains(new MappingReport.Ignored("Observation/k", "DUPLICATE", null));
        }

        @Test
        void anEntryWithoutIdAndFullUrlIsIgnoredNoId() {
            String noId = obs("x", LOINC, "29593-1", "2026-09-01", quantity(5, "%")).replace("'id':'x',", "");
            MappingReport r = report(bundle(nen(), noId));
            assertThat(r.ignored()).contains(new MappingReport.Ignored("Observation@entry[2]", "NO_ID", null));
            assertThat(r.mappedPatient()).doesNotContainKey("ki67Percent");
        }

        @ParameterizedTest(name = "{0} patients")
        @CsvSource({"0", "2"})
        void exactlyOnePatient(int n) {
            String b = n == 0 ? bundleWithPatient(null, nen())
                : bundle(nen(), "{'resourceType':'Patient','id':'p2'}");
            assertThatThrownBy(() -> MAPPER.map(b)).isInstanceOf(FhirMappingException.class)
                .satisfies(e -> assertThat(((FhirMappingException) e).getViolations())
                    .anyMatch(v -> v.field().equals("id") && v.reason().startsWith("PATIENT_COUNT")));
        }

        @Test
        void aContainedMedicationIsRead() {
            String ms = "{'resourceType':'MedicationStatement','id':'ms','status':'completed','subject':{'reference':'Patient/p1'},"
                + "'contained':[{'resourceType':'Medication','id':'m','code':{'coding':[{'system':'" + ATC + "','code':'H01CB02'}]}}],"
                + "'medicationReference':{'reference':'#m'},'effectiveDateTime':'2025-01-01'}";
            assertThat(MAPPER.map(bundle(nen(), ms)).patientCase().getPriorTherapies())
                .containsExactly(PriorTherapy.of(Therapy.SOMATOSTATIN_ANALOGUE, TherapyOutcome.UNKNOWN));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "urn:uuid fullUrl     | urn:uuid:6f1c0b4e-1111-4222-8333-944455556666 | urn:uuid:6f1c0b4e-1111-4222-8333-944455556666",
            "absolute fullUrl     | https://other.test/fhir/Medication/m          | https://other.test/fhir/Medication/m/_history/2",
            "relative, by fullUrl | https://other.test/fhir/Medication/m          | Medication/m"})
        void referencesResolveByFullUrlAndByKey(String name, String fullUrl, String reference) {
            String med = "{'resourceType':'Medication','code':{'coding':[{'system':'" + ATC + "','code':'L01EG02'}]}}";
            String ms = "{'resourceType':'MedicationStatement','id':'ms','status':'completed','subject':{'reference':'Patient/p1'},"
                + "'medicationReference':{'reference':'" + reference + "'},'effectiveDateTime':'2025-01-01'}";
            var tree = (ObjectNode) Fhir.parse(bundle(nen(), ms).replace('"', '\''));
            tree.withArray("entry").addObject().put("fullUrl", fullUrl).set("resource", Fhir.parse(med));
            FhirMappingResult m = MAPPER.map(tree.toString());
            assertThat(m.patientCase().getPriorTherapies()).containsExactly(PriorTherapy.of(Therapy.EVEROLIMUS, TherapyOutcome.UNKNOWN));
            assertThat(m.report().fields().get("priorTherapies").sources()).contains(fullUrl.startsWith("urn") ? fullUrl : "https://other.test/fhir/Medication/m");
        }

        @Test
        void aMedicationNothingPointsToIsNotReferenced() {
            String med = "{'resourceType':'Medication','id':'m','code':{'coding':[{'system':'" + ATC + "','code':'L01EG02'}]}}";
            assertThat(reason(report(bundle(nen(), med)), "Medication/m")).isEqualTo("NOT_REFERENCED");
        }

        @Test
        void anUnresolvedMedicationReferenceIsIgnored() {
            String ms = "{'resourceType':'MedicationStatement','id':'ms','status':'completed','subject':{'reference':'Patient/p1'},"
                + "'medicationReference':{'reference':'Medication/nowhere'}}";
            assertThat(reason(report(bundle(nen(), ms)), "MedicationStatement/ms")).isEqualTo("UNRESOLVED_MEDICATION");
        }
    }

    @Nested
    class SubjectTypeStatus {
        @Test
        void anotherPatientsResourceIsAViolationOnItsField() {
            String foreign = obs("k", LOINC, "29593-1", "2026-09-01", quantity(5, "%")).replace("Patient/p1", "Patient/p9");
            assertThatThrownBy(() -> MAPPER.map(bundle(nen(), foreign))).isInstanceOf(FhirMappingException.class)
                .satisfies(e -> assertThat(((FhirMappingException) e).getViolations()).containsExactly(
                    new Violation("ki67Percent", "Patient/p9", "FOREIGN_SUBJECT: the resource is about another patient", "Observation/k")));
        }

        @Test
        void anotherPatientsResourceWithoutKnownCodeIsAViolationOnSubject() {
            String foreign = obs("k", "http://x.test", "zz", "2026-09-01", "'valueInteger':1").replace("Patient/p1", "Patient/p9");
            assertThatThrownBy(() -> MAPPER.map(bundle(nen(), foreign)))
                .satisfies(e -> assertThat(((FhirMappingException) e).getFields()).containsExactly("subject"));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"final,", "amended,", "corrected,", "cancelled,CANCELLED", "preliminary,NOT_FINAL", "registered,NOT_FINAL",
            "entered-in-error,ENTERED_IN_ERROR"})
        void observationStatus(String status, String reason) {
            String o = obs("k", LOINC, "29593-1", "2026-09-01", quantity(5, "%")).replace("'final'", "'" + status + "'");
            assertThat(reason(report(bundle(nen(), o)), "Observation/k")).isEqualTo(reason);
        }

        @ParameterizedTest(name = "verification {0} -> {1}")
        @CsvSource({"confirmed,", "refuted,REFUTED", "provisional,NOT_CONFIRMED", "entered-in-error,ENTERED_IN_ERROR"})
        void conditionVerificationStatus(String status, String reason) {
            String c = "{'resourceType':'Condition','id':'pvt','subject':{'reference':'Patient/p1'},"
                + "'verificationStatus':{'coding':[{'system':'http://terminology.hl7.org/CodeSystem/condition-ver-status','code':'" + status + "'}]},"
                + "'code':{'coding':[{'system':'" + ICD10 + "','code':'I81'}]}}";
            MappingReport r = report(bundle(nen(), c));
            assertThat(reason(r, "Condition/pvt")).isEqualTo(reason);
            assertThat(r.mappedPatient().get("portalVeinThrombosis")).isEqualTo(reason == null ? Boolean.TRUE : null);
        }

        @ParameterizedTest(name = "clinical {0} -> {1}")
        @CsvSource({"active,", "relapse,", "resolved,NOT_ACTIVE", "remission,NOT_ACTIVE"})
        void presenceConditionsMustBeActive(String status, String reason) {
            String c = "{'resourceType':'Condition','id':'syn','subject':{'reference':'Patient/p1'},"
                + "'clinicalStatus':{'coding':[{'system':'http://terminology.hl7.org/CodeSystem/condition-clinical','code':'" + status + "'}]},"
                + "'code':{'coding':[{'system':'" + ICD10 + "','code':'E34.0'}]}}";
            MappingReport r = report(bundle(nen(), c));
            assertThat(reason(r, "Condition/syn")).isEqualTo(reason);
            assertThat(r.mappedPatient().get("functional")).isEqualTo(reason == null ? Boolean.TRUE : null);
        }

        @ParameterizedTest(name = "{0}/{1} reported={2} -> {3}")
        @CsvSource({"active,order,,", "completed,original-order,,", "stopped,plan,true,", "active,plan,,NOT_GIVEN",
            "active,proposal,,NOT_GIVEN", "cancelled,order,,CANCELLED", "draft,order,,NOT_GIVEN", "unknown,order,,NOT_FINAL"})
        void medicationRequestStatusAndIntent(String status, String intent, String reported, String reason) {
            String mr = "{'resourceType':'MedicationRequest','id':'mr','status':'" + status + "','intent':'" + intent + "',"
                + (reported == null ? "" : "'reportedBoolean':" + reported + ",")
                + "'subject':{'reference':'Patient/p1'},'authoredOn':'2025-06-01',"
                + "'medicationCodeableConcept':{'coding':[{'system':'" + ATC + "','code':'L01EG02'}]}}";
            assertThat(reason(report(bundle(nen(), mr)), "MedicationRequest/mr")).isEqualTo(reason);
        }

        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource({"MedicationStatement,active,", "MedicationStatement,on-hold,", "MedicationStatement,not-taken,NOT_GIVEN",
            "MedicationStatement,intended,NOT_GIVEN", "MedicationStatement,unknown,NOT_FINAL",
            "MedicationAdministration,in-progress,", "MedicationAdministration,stopped,", "MedicationAdministration,not-done,NOT_GIVEN",
            "MedicationAdministration,unknown,NOT_FINAL"})
        void medicationStatementAndAdministrationStatus(String type, String status, String reason) {
            String r = "{'resourceType':'" + type + "','id':'m','status':'" + status + "','subject':{'reference':'Patient/p1'},"
                + "'effectiveDateTime':'2025-06-01','medicationCodeableConcept':{'coding':[{'system':'" + ATC + "','code':'H01CB02'}]}}";
            assertThat(reason(report(bundle(nen(), r)), type + "/m")).isEqualTo(reason);
        }

        @Test
        void aCancelledDiagnosticReportIsIgnored() {
            String dr = "{'resourceType':'DiagnosticReport','id':'d','status':'cancelled','subject':{'reference':'Patient/p1'},"
                + "'category':[{'coding':[{'system':'" + LOINC + "','code':'LP7839-6'}]}],'code':{'text':'x'}}";
            assertThat(reason(report(bundle(nen(), dr)), "DiagnosticReport/d")).isEqualTo("CANCELLED");
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"completed,", "not-done,NOT_GIVEN", "in-progress,NOT_COMPLETED"})
        void procedureStatus(String status, String reason) {
            String p = "{'resourceType':'Procedure','id':'w','status':'" + status + "','subject':{'reference':'Patient/p1'},"
                + "'code':{'coding':[{'system':'" + CPT + "','code':'48150'}]},'performedDateTime':'2025-02-01'}";
            assertThat(reason(report(bundle(nen(), p)), "Procedure/w")).isEqualTo(reason);
        }

        @Test
        void typesNotReadSubjectsMissingOrUnresolved() {
            String enc = "{'resourceType':'Encounter','id':'e','status':'finished','subject':{'reference':'Patient/p1'}}";
            String noSubject = obs("ns", LOINC, "29593-1", "2026-09-01", quantity(5, "%")).replace(",'subject':{'reference':'Patient/p1'}", "");
            String byIdentifier = obs("ui", LOINC, "29593-1", "2026-09-01", quantity(5, "%"))
                .replace("{'reference':'Patient/p1'}", "{'identifier':{'system':'urn:mrn','value':'123'}}");
            MappingReport r = report(bundle(nen(), enc, noSubject, byIdentifier));
            assertThat(reason(r, "Encounter/e")).isEqualTo("NOT_RELEVANT_TYPE");
            assertThat(reason(r, "Observation/ns")).isEqualTo("NO_SUBJECT");
            assertThat(reason(r, "Observation/ui")).isEqualTo("UNRESOLVED_SUBJECT");
            assertThat(warningCodes(r)).contains("UNRESOLVED_SUBJECT");
        }

        @Test
        void anOperationOutcomeIsIgnoredAndItsIssuesBecomeWarnings() {
            String oo = "{'resourceType':'OperationOutcome','id':'oo','issue':[{'severity':'warning','code':'incomplete','diagnostics':'search not supported'}]}";
            MappingReport r = report(bundle(nen(), oo));
            assertThat(reason(r, "OperationOutcome/oo")).isEqualTo("OPERATION_OUTCOME");
            assertThat(r.warnings()).anyMatch(w -> w.code().equals("OPERATION_OUTCOME") && w.detail().contains("search not supported"));
        }

        @Test
        void recordsAfterTheAsOfDateAreIgnored() {
            MappingReport r = report(bundle(nen(), obs("late", LOINC, "29593-1", "2026-10-13", quantity(30, "%")),
                obs("same-day", LOINC, "89247-1", "2026-10-12T23:59:00+05:00", "'valueInteger':1")));
            assertThat(reason(r, "Observation/late")).isEqualTo("AFTER_AS_OF");
            assertThat(r.mappedPatient()).doesNotContainKey("ki67Percent").containsEntry("ecog", 1);
        }
    }

    @Nested
    class TimesAndSelection {
        @ParameterizedTest(name = "{0} vs {1}: {2} wins")
        @CsvSource({"2026-03,2026-02-28,a", "2026,2025-12-31,a", "2026-09-01T10:00:00Z,2026-09-01T09:00:00Z,a",
            "2026-09-01T10:00:00+02:00,2026-09-01T09:00:00Z,b", "2025-01-01,2026-01-01,b"})
        void latestWinsByTheLexicalTime(String ta, String tb, String winner) {
            MappingReport r = report(bundle(nen(), obs("a", LOINC, "29593-1", ta, quantity(5, "%")), obs("b", LOINC, "29593-1", tb, quantity(9, "%"))));
            assertThat(r.fields().get("ki67Percent").sources()).containsExactly("Observation/" + winner);
            assertThat(r.fields().get("ki67Percent").candidates()).extracting(MappingReport.Candidate::outcome).containsExactly("SUPERSEDED");
        }

        @Test
        void equalPartialTimesTieAndTheTieIsReported() {
            MappingReport r = report(bundle(nen(), obs("a", LOINC, "89247-1", "2026-09", "'valueInteger':1"),
                obs("b", LOINC, "89247-1", "2026-09-14", "'valueInteger':2")));
            assertThat(r.mappedPatient()).containsEntry("ecog", 2); // key that sorts last
            assertThat(r.fields().get("ecog").candidates()).extracting(MappingReport.Candidate::outcome).containsExactly("TIE_LOST");
            assertThat(warningCodes(r)).contains("CONFLICT_TIE");
        }

        @Test
        void aLaterRecordBeatsAnOlderProjectObservationWhateverTheKind() {
            String inSitu = obs("st", OBS, "primary-status", "2021-05-01", concept(VAL, "in-situ"));
            String whipple = "{'resourceType':'Procedure','id':'w','status':'completed','subject':{'reference':'Patient/p1'},"
                + "'code':{'coding':[{'system':'" + CPT + "','code':'48150'}]},'performedDateTime':'2022-02-01'}";
            MappingReport r = report(bundle(nen(), inSitu, whipple));
            assertThat(r.mappedPatient()).containsEntry("primaryStatus", "RESECTED").containsEntry("biliaryEntericAnastomosis", true);
            assertThat(warningCodes(r)).contains("SOURCE_CONFLICT");
        }

        @Test
        void aResectionOfAnotherSiteDoesNotResectThisPrimary() {
            String distal = "{'resourceType':'Procedure','id':'w','status':'completed','subject':{'reference':'Patient/p1'},"
                + "'code':{'coding':[{'system':'" + CPT + "','code':'48140'}]},'performedDateTime':'2022-02-01'}";
            String ileal = nen().replace("15776009", "34516001").replace("C7A.098", "C7A.012");
            MappingReport r = report(bundle(ileal, distal));
            assertThat(r.mappedPatient()).containsEntry("primarySite", "SMALL_INTESTINE").doesNotContainKey("primaryStatus");
            assertThat(warningCodes(r)).contains("PROCEDURES_NOT_CLASSIFIED");
        }

        @ParameterizedTest(name = "intent {0} -> primaryStatus {1}")
        @CsvSource({"373808002,RESECTED", "363676003,RESECTED", "261004008,"})
        void anyProcedureForTheNenAtItsSiteWithCurativeOrPalliativeIntentResects(String intent, String status) {
            String p = "{'resourceType':'Procedure','id':'op','status':'completed','subject':{'reference':'Patient/p1'},"
                + "'code':{'coding':[{'system':'http://local.test','code':'OP-1'}]},'performedDateTime':'2026-02-01',"
                + "'reasonReference':[{'reference':'Condition/nen'}],'bodySite':[{'coding':[{'system':'" + SNOMED + "','code':'73239005'}]}],"
                + "'extension':[{'url':'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-procedure-intent',"
                + "'valueCodeableConcept':{'coding':[{'system':'" + SNOMED + "','code':'" + intent + "'}]}}]}";
            assertThat(report(bundle(nen(), p)).mappedPatient().get("primaryStatus")).isEqualTo(status);
        }

        @Test
        void aConditionCodedAsTheNenAndAsASecondaryIsUsedAsBoth() {
            String mixed = nen().replace("'code':{'coding':[{'system':'" + ICD10 + "','code':'C7A.098'}]}",
                "'code':{'coding':[{'system':'" + ICD10 + "','code':'C7A.098'},{'system':'" + ICD10 + "','code':'C7B.03'}]}")
                .replace("'recordedDate'", "'clinicalStatus':{'coding':[{'system':'http://terminology.hl7.org/CodeSystem/condition-clinical','code':'active'}]},'recordedDate'");
            MappingReport r = report(bundle(mixed));
            assertThat(r.mappedPatient()).containsEntry("primarySite", "PANCREAS").containsEntry("extrahepaticDisease", true);
            assertThat(warningCodes(r)).contains("MIXED_CONDITION");
        }

        @Test
        void aProblemListConditionWinsATie() {
            String a = "{'resourceType':'Condition','id':'a','subject':{'reference':'Patient/p1'},'recordedDate':'2026-01-05',"
                + "'category':[{'coding':[{'system':'http://terminology.hl7.org/CodeSystem/condition-category','code':'problem-list-item'}]}],"
                + "'code':{'coding':[{'system':'" + ICD10 + "','code':'C7A.012'}]}}";
            String z = "{'resourceType':'Condition','id':'z','subject':{'reference':'Patient/p1'},'recordedDate':'2026-01-05',"
                + "'code':{'coding':[{'system':'" + ICD10 + "','code':'C7A.026'}]}}";
            MappingReport r = report(bundle(a, z));
            assertThat(r.mappedPatient()).containsEntry("primarySite", "SMALL_INTESTINE"); // "z" would sort last
            assertThat(warningCodes(r)).contains("SEVERAL_PRIMARIES", "CONFLICT_TIE");
        }

        @Test
        void unknownPrimarySiteIsALastResort() {
            String unknownSite = "{'resourceType':'Condition','id':'u','subject':{'reference':'Patient/p1'},'recordedDate':'2026-09-01',"
                + "'code':{'coding':[{'system':'" + ICD10 + "','code':'C7A.00'}]}}";
            MappingReport r = report(bundle(nen(), unknownSite));
            assertThat(r.mappedPatient()).containsEntry("primarySite", "PANCREAS");
            assertThat(r.fields().get("primarySite").candidates()).contains(new MappingReport.Candidate("Condition/u", "UNKNOWN", "LESS_SPECIFIC"));
            assertThat(warningCodes(r)).contains("SEVERAL_PRIMARIES");
        }

        @Test
        void codingsOfOneElementThatDisagreeGiveNothing() {
            String twoSites = nen().replace("C7A.098", "C7A.019").replace("[{'system':'" + SNOMED + "','code':'15776009'}]",
                "[{'system':'" + SNOMED + "','code':'15776009'},{'system':'" + SNOMED + "','code':'34516001'}]");
            MappingReport r = report(bundle(twoSites));
            assertThat(r.mappedPatient()).containsEntry("primarySite", "SMALL_INTESTINE");
            assertThat(r.fields().get("primarySite").kind()).isEqualTo("conditionCode"); // the body sites disagree: they give nothing
            assertThat(r.warnings()).anyMatch(w -> w.code().equals("AMBIGUOUS") && "primarySite".equals(w.field()));
        }
    }

    @Nested
    class ValuesAndUnits {
        static Stream<Arguments> units() {
            return Stream.of(
                Arguments.of("ki67Percent", LOINC, "29593-1", quantity(17, "%"), "17", null),
                Arguments.of("ki67Percent", LOINC, "29593-1", "'valueQuantity':{'value':2,'comparator':'<','system':'http://unitsofmeasure.org','code':'%'}", null, "UNSUPPORTED_VALUE"),
                Arguments.of("ki67Percent", LOINC, "29593-1", "'valueQuantity':{'value':17}", null, "UNIT_UNSUPPORTED"),
                Arguments.of("ki67Percent", LOINC, "29593-1", "'valueString':'17 %'", null, "UNSUPPORTED_VALUE"),
                Arguments.of("ki67Percent", LOINC, "29593-1", "'dataAbsentReason':{'text':'not done'}", null, "NO_VALUE"),
                Arguments.of("ki67Percent", LOINC, "85330-9", quantity(17, "%"), null, "UNKNOWN_CODE"),
                Arguments.of("mitosesPer2mm2", OBS, "mitotic-count", quantity(3, "/mm2"), "6.00", null),
                Arguments.of("mitosesPer2mm2", OBS, "mitotic-count", quantity(3, "{mitoses}/(2.mm2)"), "3", null),
                Arguments.of("mitosesPer2mm2", OBS, "mitotic-count", quantity(3, "/(10.[HPF])"), null, "UNIT_UNSUPPORTED"),
                Arguments.of("largestLesionCm", OBS, "largest-liver-lesion", quantity(45, "mm"), "4.50", null),
                Arguments.of("creatinineClearanceMlMin", LOINC, "2164-2", quantity(1.5, "mL/s"), "90.00", null),
                Arguments.of("creatinineClearanceMlMin", LOINC, "2164-2", quantity(84, "mL/min/{1.73_m2}"), null, "UNIT_UNSUPPORTED"),
                Arguments.of("creatinineClearanceMlMin", LOINC, "33914-3", quantity(84, "mL/min/{1.73_m2}"), null, "UNKNOWN_CODE"),
                Arguments.of("ecog", LOINC, "89247-1", "'valueInteger':2", "2", null),
                Arguments.of("ecog", LOINC, "89247-1", concept(LOINC, "LA9624-3"), "2", null),
                Arguments.of("ecog", LOINC, "89247-1", quantity(2, "{score}"), "2", null),
                Arguments.of("ecog", LOINC, "89247-1", quantity(1.5, "{score}"), null, "UNSUPPORTED_VALUE"),
                Arguments.of("liverLesionCount", OBS, "liver-lesion-count", quantity(4, "{#}"), "4", null),
                Arguments.of("childPugh", OBS, "child-pugh-class", "'valueString':'B'", "B", null),
                Arguments.of("childPugh", LOINC, "98153-0", "'valueString':'A'", "A", null),
                Arguments.of("childPugh", OBS, "child-pugh-class", "'valueString':'b'", null, "UNSUPPORTED_VALUE"),
                Arguments.of("sstrStatus", OBS, "sstr-status", concept(SNOMED, "260385009"), "NEGATIVE", null),
                Arguments.of("grade", "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl", "C18000", concept(SNOMED, "1286893008"), "G2", null),
                Arguments.of("differentiation", LOINC, "31206-6", concept(ICDO3, "8246/34"), "POOR", null),
                Arguments.of("differentiation", LOINC, "31206-6", concept(ICDO3, "82463"), "WELL", "UNSUPPORTED_VALUE"), // WELL: C7A.098
                Arguments.of("bilobar", OBS, "liver-bilobar", "'valueBoolean':false", "false", null),
                Arguments.of("resectable", OBS, "liver-resectable", "'valueInteger':1", null, "UNSUPPORTED_VALUE"));
        }

        @ParameterizedTest(name = "{0} {2} {3} -> {4} {5}")
        @MethodSource("units")
        void valuesAndUnits(String field, String system, String code, String value, String expected, String reason) {
            MappingReport r = report(bundle(nen(), obs("o", system, code, "2026-09-01", value)));
            Object got = r.mappedPatient().get(field);
            assertThat(got == null ? null : got.toString()).isEqualTo(expected);
            assertThat(reason(r, "Observation/o")).isEqualTo(reason);
        }

        @Test
        void aUnitFromTextIsUsedWithAWarning() {
            MappingReport r = report(bundle(nen(), obs("o", LOINC, "29593-1", "2026-09-01", "'valueQuantity':{'value':12,'unit':' % '}")));
            assertThat(r.mappedPatient().get("ki67Percent")).hasToString("12");
            assertThat(warningCodes(r)).contains("UNIT_FROM_TEXT");
        }

        @Test
        void anEcogInterpretationThatDisagreesIsASourceConflictTheValueWins() {
            String o = obs("o", LOINC, "89247-1", "2026-09-01", "'valueInteger':1,'interpretation':[{'coding':[{'system':'" + LOINC + "','code':'LA9624-3'}]}]");
            MappingReport r = report(bundle(nen(), o));
            assertThat(r.mappedPatient()).containsEntry("ecog", 1);
            assertThat(warningCodes(r)).contains("SOURCE_CONFLICT");
        }

        @Test
        void aLiverTumourSizeGivesTheLargestLesionOtherTumoursDoNot() {
            String liver = "{'resourceType':'BodyStructure','id':'l1','patient':{'reference':'Patient/p1'},'location':{'coding':[{'system':'" + SNOMED + "','code':'10200004'}]}}";
            String lung = "{'resourceType':'BodyStructure','id':'b1','patient':{'reference':'Patient/p1'},'location':{'coding':[{'system':'" + SNOMED + "','code':'39607008'}]}}";
            String size1 = obs("s1", LOINC, "21889-1", "2026-09-01", "'focus':[{'reference':'BodyStructure/l1'}],'component':[{'code':{'coding':[{'system':'"
                + LOINC + "','code':'33728-7'}]}," + quantity(38, "mm") + "}]");
            String size2 = obs("s2", LOINC, "21889-1", "2026-09-01", "'focus':[{'reference':'BodyStructure/b1'}],'component':[{'code':{'coding':[{'system':'"
                + LOINC + "','code':'33728-7'}]}," + quantity(5, "cm") + "}]");
            MappingReport r = report(bundle(nen(), liver, lung, size1, size2));
            assertThat(r.mappedPatient().get("largestLesionCm")).hasToString("3.80");
            assertThat(r.fields().get("largestLesionCm").sources()).containsExactly("Observation/s1", "BodyStructure/l1");
            assertThat(reason(r, "Observation/s2")).isEqualTo("NOT_LIVER");
        }

        @Test
        void diseaseStatusOlderThanTwelveMonthsIsStale() {
            MappingReport r = report(bundle(nen(), obs("ds", LOINC, "97509-4", "2025-10-11", concept(SNOMED, "271299001"))));
            assertThat(reason(r, "Observation/ds")).isEqualTo("STALE");
            assertThat(report(bundle(nen(), obs("ds", LOINC, "97509-4", "2025-10-12", concept(SNOMED, "271299001")))).mappedPatient())
                .containsEntry("diseaseStatus", "PROGRESSIVE");
        }
    }

    @Nested
    class WhichCancer {
        static String condition(String id, String system, String code, String extra) {
            return "{'resourceType':'Condition','id':'" + id + "','subject':{'reference':'Patient/p1'},'recordedDate':'2026-01-01',"
                + "'code':{'coding':[{'system':'" + system + "','code':'" + code + "'}]}" + extra + "}";
        }

        @ParameterizedTest(name = "{1} {2}: {3}")
        @CsvSource(delimiter = '|', value = {
            "lung carcinoma          | " + ICD10 + " | C34.90 | NOT_NEN",
            "pancreas, no NEN sign   | " + ICD10 + " | C25.0  | NOT_NEN",
            "hypertension            | " + ICD10 + " | I10    | UNKNOWN_CODE",
            "nodes, maybe regional   | " + ICD10 + " | C77.2  | AMBIGUOUS"})
        void conditionsThatAreNotTheNen(String name, String system, String code, String reason) {
            assertThat(reason(report(bundle(nen(), condition("c", system, code, ""))), "Condition/c")).isEqualTo(reason);
        }

        @Test
        void secondariesLiverIsContextExtrahepaticIsTrue() {
            MappingReport r = report(bundle(nen(), condition("liver", ICD10, "C7B.02", ""), condition("bone", SNOMED, "94222008", "")));
            assertThat(r.context()).contains("Condition/liver");
            assertThat(r.mappedPatient()).containsEntry("extrahepaticDisease", true);
        }

        @Test
        void aSecondaryOfAnotherCancerIsNotNen() {
            String lung = condition("lung", ICD10, "C34.90", "");
            String bone = condition("bone", SNOMED, "94222008",
                ",'extension':[{'url':'http://hl7.org/fhir/StructureDefinition/condition-related','valueReference':{'reference':'Condition/lung'}}]");
            MappingReport r = report(bundle(nen(), lung, bone));
            assertThat(reason(r, "Condition/bone")).isEqualTo("NOT_NEN");
            assertThat(r.mappedPatient()).doesNotContainKey("extrahepaticDisease");
        }

        @Test
        void aDrugGivenForAnotherCancerIsNotNen() {
            String mr = "{'resourceType':'MedicationRequest','id':'eto','status':'completed','intent':'order','subject':{'reference':'Patient/p1'},"
                + "'medicationCodeableConcept':{'coding':[{'system':'" + ATC + "','code':'L01CB01'}]},"
                + "'reasonCode':[{'coding':[{'system':'" + ICD10 + "','code':'C34.90'}]}]}";
            assertThat(reason(report(bundle(nen(), mr)), "MedicationRequest/eto")).isEqualTo("NOT_NEN");
        }

        @Test
        void noNenConditionLeavesTheRequiredFieldsMissing() {
            assertThatThrownBy(() -> MAPPER.map(bundle())).isInstanceOf(FhirMappingException.class)
                .satisfies(e -> assertThat(((FhirMappingException) e).getFields()).containsExactly("primarySite", "differentiation"));
        }

        @Test
        void morphologyGivesDifferentiationAndAnNecWithLowKi67IsAConflict() {
            String nec = condition("nec", ICD10, "C25.9", ",'extension':[{'url':'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior',"
                + "'valueCodeableConcept':{'coding':[{'system':'" + ICDO3 + "','code':'8246/3'}]}}]");
            MappingReport r = report(bundle(nec, obs("k", LOINC, "29593-1", "2026-09-01", quantity(15, "%"))));
            assertThat(r.mappedPatient()).containsEntry("primarySite", "PANCREAS").containsEntry("differentiation", "POOR");
            assertThat(r.warnings()).anyMatch(w -> w.code().equals("SOURCE_CONFLICT") && "differentiation".equals(w.field()));
        }
    }

    @Nested
    class Validation {
        @Test
        void aValueOutOfRangeFailsLikePatientJsonAndNamesItsResource() {
            assertThatThrownBy(() -> MAPPER.map(bundle(nen(), obs("k", LOINC, "29593-1", "2026-09-01", quantity(140, "%")),
                obs("e", LOINC, "89247-1", "2026-09-01", concept(LOINC, "LA9627-6")))))
                .isInstanceOf(FhirMappingException.class)
                .satisfies(e -> assertThat(((FhirMappingException) e).getViolations()).containsExactly(
                    new Violation("ecog", "5", "must be between 0 and 4", "Observation/e"),
                    new Violation("ki67Percent", "140.0", "must be between 0 and 100", "Observation/k")));
        }

        @ParameterizedTest(name = "born {0}, as of 2026-10-12: {1}")
        @CsvSource({"1960-05-01,66", "1960-10-12,66", "1960-10-13,65", "1960-05,66", "1960-10,", "1961,", "2000-02-29,26"})
        void ageFromBirthDateWithPartialDates(String birth, Integer age) {
            MappingReport r = report(bundleWithPatient("{'resourceType':'Patient','id':'p1','birthDate':'" + birth + "'}", nen()));
            assertThat(r.mappedPatient().get("age")).isEqualTo(age);
            assertThat(warningCodes(r).contains("AGE_AMBIGUOUS")).isEqualTo(age == null);
        }
    }

    @Nested
    class PriorTherapies {
        static String statement(String id, String atc, String status, String period, String extra) {
            return "{'resourceType':'MedicationStatement','id':'" + id + "','status':'" + status + "','subject':{'reference':'Patient/p1'},"
                + "'medicationCodeableConcept':{'coding':[{'system':'" + ATC + "','code':'" + atc + "'}]}," + period + extra + "}";
        }

        @Test
        void aTherapyWithoutOutcomeIsKeptAsUnknownAndWarned() {
            FhirMappingResult m = MAPPER.map(bundle(nen(), statement("s", "L01EX01", "completed", "'effectiveDateTime':'2025-01-01'", "")));
            assertThat(m.patientCase().getPriorTherapies()).containsExactly(PriorTherapy.of(Therapy.SUNITINIB, TherapyOutcome.UNKNOWN));
            assertThat(m.report().warnings()).anyMatch(w -> w.code().equals("PRIOR_THERAPY_OUTCOME_UNKNOWN") && w.resources().equals(List.of("MedicationStatement/s")));
            assertThat(m.report().fields().get("priorTherapies").items().get(0).outcomeFrom()).isEqualTo("NONE");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "status reason: no response   | ,'statusReason':[{'coding':[{'system':'http://snomed.info/sct','code':'266721009'}]}] | PROGRESSION | STATED",
            "status reason: not tolerated | ,'statusReason':[{'coding':[{'system':'http://snomed.info/sct','code':'407563006'}]}] | INTOLERANCE | STATED",
            "therapy-outcome extension    | ,'extension':[{'url':'http://netlm.org/fhir/StructureDefinition/therapy-outcome','valueCodeableConcept':{'coding':[{'system':'http://netlm.org/fhir/CodeSystem/netlm-value','code':'response'}]}}] | RESPONSE | STATED",
            "treatment completed          | ,'statusReason':[{'coding':[{'system':'http://snomed.info/sct','code':'182992009'}]}] | STABLE | DISEASE_STATUS"})
        void outcomeStatedElseFromDiseaseStatusDuring(String name, String extra, TherapyOutcome outcome, String from) {
            String s = statement("s", "H01CB02", "stopped", "'effectivePeriod':{'start':'2024-01-01','end':'2025-06-30'}", extra);
            String ds = obs("ds", LOINC, "97509-4", "2025-03-01", concept(SNOMED, "359746009"));
            FhirMappingResult m = MAPPER.map(bundle(nen(), s, ds));
            assertThat(m.patientCase().getPriorTherapies()).containsExactly(PriorTherapy.of(Therapy.SOMATOSTATIN_ANALOGUE, outcome));
            assertThat(m.report().fields().get("priorTherapies").items().get(0).outcomeFrom()).isEqualTo(from);
        }

        @Test
        void cisplatinAndEtoposideAreOneTherapyTheLatestStatementWins() {
            String cis = statement("cis", "L01XA01", "stopped", "'effectivePeriod':{'start':'2024-01-01','end':'2024-04-01'}",
                ",'statusReason':[{'coding':[{'system':'http://snomed.info/sct','code':'407563006'}]}]");
            String eto = statement("eto", "L01CB01", "stopped", "'effectivePeriod':{'start':'2024-02-01','end':'2024-04-01'}",
                ",'statusReason':[{'coding':[{'system':'http://snomed.info/sct','code':'266721009'}]}]");
            FhirMappingResult m = MAPPER.map(bundle(nen(), cis, eto));
            assertThat(m.patientCase().getPriorTherapies()).containsExactly(PriorTherapy.of(Therapy.PLATINUM_ETOPOSIDE, TherapyOutcome.PROGRESSION));
            assertThat(m.report().fields().get("priorTherapies").sources()).containsExactly("MedicationStatement/cis", "MedicationStatement/eto");
        }

        @Test
        void anActiveStatementRunsToTheAsOfDate() {
            String s = statement("s", "L01EG02", "active", "'effectivePeriod':{'start':'2026-01-01'}", "");
            String ds = obs("ds", LOINC, "97509-4", "2026-09-01", concept(SNOMED, "271299001"));
            assertThat(MAPPER.map(bundle(nen(), s, ds)).patientCase().getPriorTherapies())
                .containsExactly(PriorTherapy.of(Therapy.EVEROLIMUS, TherapyOutcome.PROGRESSION));
        }

        @Test
        void aDrugNobodyMapsIsAnUnknownCode() {
            MappingReport r = report(bundle(nen(), statement("s", "N02BE01", "completed", "'effectiveDateTime':'2025-01-01'", "")));
            assertThat(reason(r, "MedicationStatement/s")).isEqualTo("UNKNOWN_CODE");
            assertThat(r.unknownCodes()).containsExactly(new MappingReport.UnknownCode("MedicationStatement/s", ATC, "N02BE01"));
        }
    }

    @Nested
    class Report {
        @Test
        void availabilityPerField() {
            String pathology = "{'resourceType':'DiagnosticReport','id':'path','status':'final','subject':{'reference':'Patient/p1'},"
                + "'category':[{'coding':[{'system':'" + LOINC + "','code':'LP7839-6'}]}],'code':{'text':'pathology'}}";
            MappingReport r = report(bundle(nen(), pathology, obs("e", LOINC, "89247-1", "2026-09-01", "'valueInteger':1").replace("'final'", "'entered-in-error'"),
                obs("k", LOINC, "29593-1", "2026-09-01", quantity(8, "%"))));
            Map<String, MappingReport.Availability> a = r.availability();
            assertThat(a).doesNotContainKey("id");
            assertThat(a.get("ki67Percent").status()).isEqualTo("MAPPED");
            assertThat(a.get("ecog")).isEqualTo(new MappingReport.Availability("UNUSABLE",
                List.of(new MappingReport.Ignored("Observation/e", "ENTERED_IN_ERROR", "ecog")), List.of()));
            assertThat(a.get("mitosesPer2mm2")).isEqualTo(new MappingReport.Availability("NARRATIVE_ONLY", List.of(), List.of("DiagnosticReport/path")));
            assertThat(a.get("sstrStatus").status()).isEqualTo("NOT_IN_BUNDLE");
            assertThat(r.context()).contains("DiagnosticReport/path");
            assertThat(r.notMapped()).contains("ecog", "mitosesPer2mm2", "sstrStatus").doesNotContain("ki67Percent");
        }

        @Test
        void everyEntryIsAccountedFor() {
            String b = bundle(nen(), obs("k", LOINC, "29593-1", "2026-09-01", quantity(8, "%")), obs("x", "http://x.test", "1", "2026-09-01", "'valueInteger':1"),
                "{'resourceType':'Condition','id':'liver','subject':{'reference':'Patient/p1'},'code':{'coding':[{'system':'" + ICD10 + "','code':'C7B.02'}]}}");
            MappingReport r = report(b);
            Set<String> seen = new HashSet<>(r.context());
            r.fields().values().forEach(f -> seen.addAll(f.sources()));
            r.ignored().forEach(i -> seen.add(i.resource()));
            assertThat(seen).containsExactlyInAnyOrder("Patient/p1", "Condition/nen", "Observation/k", "Observation/x", "Condition/liver");
        }

        @Test
        void theReportHasTheNormativeMembersAndNoNarrative() {
            String json = report(bundle(nen().replace("'recordedDate'", "'note':[{'text':'SECRET NOTE'}],'recordedDate'"))).toJson();
            assertThat(Fhir.parse(json.replace('\'', '"')).fieldNames()).toIterable()
                .contains("mappedPatient", "fields", "availability", "context", "ignored", "unknownCodes", "warnings", "violations");
            assertThat(json).doesNotContain("SECRET NOTE");
        }
    }
}
