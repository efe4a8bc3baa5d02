package org.netlm.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.AssessmentJson;
import org.netlm.io.PatientJson;
import org.netlm.model.PatientCase;
import org.netlm.testing.FhirBundles;
import org.netlm.validation.InvalidPatientException;

/**
 * Every shared example scenario's patient, expressed as a FHIR Bundle, gets the same assessment as its patient JSON
 * (byte-identical assessment JSON); an invalid patient is rejected on the same fields either way.
 */
class FhirScenarioEquivalenceTest {
    static final NetlmEngine ENGINE = NetlmEngine.withDefaultRules();
    static final Path EXAMPLES = Path.of("src/test/resources/scenarios/examples");

    static Stream<Path> examples() throws IOException {
        Path shared = Path.of("/work/shared/spec/examples");
        try (Stream<Path> s = Files.list(Files.isDirectory(shared) ? shared : EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theBundleOfAnExamplePatientIsAssessedLikeItsJson(Path file) throws Exception {
        JsonNode root = PatientJson.sharedMapper().readTree(Files.readString(file));
        for (JsonNode scenario : root.isArray() ? root : List.of(root)) {
            ObjectNode patient = (ObjectNode) scenario.get("patient");
            try {
                PatientCase p = PatientJson.fromTree(patient);
                PatientCase mapped = FhirRoundTripProperties.SITE.map(FhirBundles.json(p)).patientCase();
                assertThat(AssessmentJson.toJson(ENGINE.assess(mapped))).isEqualTo(AssessmentJson.toJson(ENGINE.assess(p)));
            } catch (InvalidPatientException invalid) {
                PatientCase withBadValues = withValues(patient, invalid.getFields());
                assertThatThrownBy(() -> FhirRoundTripProperties.SITE.map(FhirBundles.json(withBadValues)))
                    .isInstanceOf(FhirMappingException.class)
                    .satisfies(e -> assertThat(((InvalidPatientException) e).getFields()).isEqualTo(invalid.getFields()));
            }
        }
    }

    /** The case with the (out-of-range) values of the named numeric fields set as written. */
    private static PatientCase withValues(ObjectNode patient, List<String> fields) throws Exception {
        ObjectNode valid = patient.deepCopy();
        fields.forEach(valid::remove);
        PatientCase.Builder b = PatientJson.fromTree(valid).toBuilder();
        for (String f : fields) {
            JsonNode v = patient.get(f);
            for (Method m : PatientCase.Builder.class.getMethods()) {
                if (m.getName().equals(f)) {
                    m.invoke(b, m.getParameterTypes()[0] == Integer.class ? (Object) v.intValue() : (Object) v.doubleValue());
                }
            }
        }
        return b.build();
    }
}
