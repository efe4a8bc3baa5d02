package org.netlm.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netlm.io.PatientJson;
import org.netlm.model.PatientCase;
import org.netlm.model.PriorTherapy;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;

/** The Bundles of examples/fhir map to the patients they stand for. */
class FhirExamplesTest {
    static final Path DIR = Path.of("examples/fhir");

    static FhirMappingResult map(String name) throws IOException {
        return FhirPatientMapper.withDefaults().map(Files.readString(DIR.resolve(name)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "resectable-g2-pancreatic.json, examples/resectable-g2-pancreatic.json",
        "progressive-midgut-after-ssa.json, src/test/resources/scenarios/examples/05-progressive-midgut-after-ssa.json",
        "nec-pancreas.json, src/test/resources/scenarios/examples/07-nec-out-of-scope.json"})
    void anExampleBundleMapsToItsPatientJson(String bundle, String json) throws IOException {
        var node = PatientJson.sharedMapper().readTree(Files.readString(Path.of(json)));
        PatientCase expected = PatientJson.fromTree(node.has("patient") ? node.get("patient") : node);
        assertThat(map(bundle).patientCase()).isEqualTo(expected);
    }

    @Test
    void conflictingObservationsAreResolvedAndReported() throws IOException {
        FhirMappingResult m = map("conflicting-observations.json");
        PatientCase p = m.patientCase();
        assertThat(p.getKi67Percent()).isEqualTo(17.0);        // the latest before the as-of date
        assertThat(p.getEcog()).isEqualTo(2);                  // a tie of two on one day; the entered-in-error 3 is ignored
        assertThat(p.getPrimaryStatus()).hasToString("RESECTED"); // the Whipple beats the older "in situ"
        assertThat(p.getExtrahepaticDisease()).isTrue();       // the bone metastasis beats the older "no"
        assertThat(p.getCreatinineClearanceMlMin()).isNull();  // eGFR-style unit: unusable
        assertThat(p.getPriorTherapies()).containsExactly(PriorTherapy.of(Therapy.EVEROLIMUS, TherapyOutcome.STABLE));
        MappingReport r = m.report();
        assertThat(r.availability().get("creatinineClearanceMlMin").status()).isEqualTo("UNUSABLE");
        assertThat(r.ignored()).extracting(MappingReport.Ignored::reason)
            .contains("DUPLICATE", "REFUTED", "AFTER_AS_OF", "UNSUPPORTED_VALUE", "ENTERED_IN_ERROR", "UNKNOWN_CODE", "UNIT_UNSUPPORTED", "OPERATION_OUTCOME");
        assertThat(r.warnings()).extracting(MappingReport.Warning::code)
            .contains("CONFLICT_TIE", "SOURCE_CONFLICT", "PROCEDURES_NOT_CLASSIFIED", "OPERATION_OUTCOME");
        assertThat(r.unknownCodes()).extracting(MappingReport.UnknownCode::code).contains("89243-0", "37243");
    }

    @Test
    void aSiteMapsItsLocalCodesWithItsMappingFile() throws IOException {
        String bundle = Files.readString(DIR.resolve("local-codes-site.json"));
        FhirMappingResult m = FhirPatientMapper.withMappingFile(DIR.resolve("local-codes-site.mapping.json")).map(bundle);
        assertThat(m.report().mappedPatient()).containsEntry("primarySite", "PANCREAS").containsEntry("differentiation", "WELL")
            .containsEntry("ki67Percent", new BigDecimal("14")).containsEntry("sstrStatus", "POSITIVE")
            .containsEntry("creatinineClearanceMlMin", new BigDecimal("65.00"));
        assertThat(m.patientCase().getPriorTherapies()).containsExactly(
            PriorTherapy.of(Therapy.SURUFATINIB, TherapyOutcome.PROGRESSION), PriorTherapy.of(Therapy.PRRT, TherapyOutcome.UNKNOWN));
        assertThat(m.report().context()).contains("Condition/dx-2", "DiagnosticReport/path-1");
        assertThat(m.report().mappingFile()).isEqualTo("Example Site Hospital");
        // without the mapping file the same Bundle has no NEN Condition at all
        assertThat(FhirMappingRulesTest.report(bundle).violations()).extracting(v -> v.field()).containsExactly("primarySite", "differentiation");
    }
}
