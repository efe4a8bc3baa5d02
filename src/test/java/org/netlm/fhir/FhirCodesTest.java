package org.netlm.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The code tables are the shared spec file, loaded as it is; a site's mapping file is checked before use. */
class FhirCodesTest {
    static final Path SHARED = Path.of("/work/shared/spec/fhir-codes.json");

    @Test
    void theBundledCodesAreByteIdenticalToTheSharedSpec() throws IOException {
        byte[] bundled;
        try (InputStream in = FhirCodes.class.getResourceAsStream(FhirCodes.RESOURCE)) {
            bundled = in.readAllBytes();
        }
        assertThat(bundled).isEqualTo(Files.readAllBytes(Path.of("src/main/resources/org/netlm/fhir/fhir-codes.json")));
        if (Files.exists(SHARED)) {
            assertThat(bundled).isEqualTo(Files.readAllBytes(SHARED));
        }
    }

    @ParameterizedTest(name = "{0}|{1} in {2}.{3}: {4}")
    @CsvSource({
        "http://www.whocc.no/atc, H01CB03, priorTherapies, medicationCodes, SOMATOSTATIN_ANALOGUE",
        "http://hl7.org/fhir/sid/icd-10-cm, C25.4, primarySite, conditionCodes, PANCREAS",
        "http://hl7.org/fhir/sid/icd-10-cm, C18.1, primarySite, conditionCodes, APPENDIX",
        "http://hl7.org/fhir/sid/icd-10-cm, C18.4, primarySite, conditionCodes, COLON",
        "http://terminology.hl7.org/CodeSystem/icd-o-3, 8249/3, differentiation, morphologyCodes, WELL",
        "http://terminology.hl7.org/CodeSystem/icd-o-3, C16.2, primarySite, bodySiteCodes, ",
        "http://www.nlm.nih.gov/research/umls/rxnorm, 7617, priorTherapies, medicationCodes, ",
        "http://www.ama-assn.org/go/cpt, 48155, biliaryEntericAnastomosis, procedureCodes, "})
    void onlyVerifiedEntriesAreLoadedExactBeatsPrefix(String system, String code, String field, String table, String value) {
        CodeTable.Entry e = FhirCodes.builtIn().table(field, table).lookup(system, code);
        assertThat(e == null ? null : e.value()).isEqualTo(value);
    }

    @Test
    void aBrokenMappingFileIsRefusedNamingEveryPath(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("site.json");
        Files.writeString(f, """
            {"netlmFhirMapping": "1.0",
             "fields": {
               "ki67Percent": {"obsCodes": []},
               "ecog": {"observationCodes": [{"system": "http://x"}]},
               "primarySite": {"conditionCodes": [{"system": "http://x", "code": "A", "value": "LIVER"}]},
               "sstrStatus": {"observationCodes": [{"system": "http://loinc.org", "code": "29593-1"}]},
               "creatinineClearanceMlMin": {"units": [{"unit": "mL/s", "factor": 1}]},
               "age": {}
             }}""");
        assertThatThrownBy(() -> FhirPatientMapper.withMappingFile(f)).isInstanceOf(MappingFileException.class)
            .satisfies(e -> assertThat(((MappingFileException) e).problems()).anyMatch(p -> p.startsWith("fields.ki67Percent.obsCodes: unknown key"))
                .anyMatch(p -> p.startsWith("fields.ecog.observationCodes[0].code: is required"))
                .anyMatch(p -> p.startsWith("fields.primarySite.conditionCodes[0].value: must be one of"))
                .anyMatch(p -> p.startsWith("fields.sstrStatus.observationCodes[0]: Observation code http://loinc.org|29593-1 is built in for ki67Percent"))
                .anyMatch(p -> p.startsWith("fields.creatinineClearanceMlMin.units[0]: unit mL/s is built in with factor 60"))
                .anyMatch(p -> p.startsWith("fields.age: unknown field"))
                .hasSize(6));
    }

    @Test
    void invalidJsonAndAMissingVersionAreRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("site.json");
        Files.writeString(f, "{\"fields\": {}");
        assertThatThrownBy(() -> FhirPatientMapper.withMappingFile(f)).isInstanceOf(MappingFileException.class).hasMessageContaining("invalid JSON");
        Files.writeString(f, "{\"fields\": {}}");
        assertThatThrownBy(() -> FhirPatientMapper.withMappingFile(f)).hasMessageContaining("netlmFhirMapping: is required");
    }

    @Test
    void aLocalCodeIdenticalToABuiltInOneIsAccepted(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("site.json");
        Files.writeString(f, """
            {"netlmFhirMapping": "1.0", "fields": {"ki67Percent": {"observationCodes": [{"system": "http://loinc.org", "code": "29593-1"}]},
             "priorTherapies": {"medicationCodes": [{"system": "http://www.whocc.no/atc", "code": "H01CB02", "therapy": "SOMATOSTATIN_ANALOGUE"}]}}}""");
        assertThat(FhirPatientMapper.withMappingFile(f).site()).isEqualTo("site.json");
    }
}
