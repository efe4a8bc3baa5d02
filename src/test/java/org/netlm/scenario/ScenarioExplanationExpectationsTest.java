package org.netlm.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.PatientJson;
import org.netlm.model.Therapy;

/** The scenario keys "blockedBy" and "missingInputs": checked against the explanations, and validated when read. */
class ScenarioExplanationExpectationsTest {
    static final ScenarioRunner RUNNER = new ScenarioRunner(NetlmEngine.withDefaultRules());
    static final Path MISSING_SSTR = Path.of("src/test/resources/scenarios/explanations/missing-sstr-status.json");

    static Scenario withExpect(String expectJson) throws Exception {
        Scenario base = ScenarioFiles.loadFile(MISSING_SSTR).get(0);
        JsonNode root = PatientJson.sharedMapper().readTree("{\"name\":\"t\",\"patient\":" + base.patient() + ",\"expect\":" + expectJson + "}");
        return ScenarioFiles.parse(root, "inline");
    }

    @Test
    void theShippedScenarioPassesBothChecks() throws Exception {
        Scenario s = ScenarioFiles.loadFile(MISSING_SSTR).get(0);
        assertThat(s.expect().blockedBy()).containsKey(Therapy.PRRT);
        assertThat(s.expect().missingInputs()).containsKey(Therapy.PRRT);
        assertThat(RUNNER.run(s).differences()).isEmpty();
    }

    @Test
    void aCriterionTheExplanationDoesNotNameFailsWithWhatItNames() throws Exception {
        ScenarioResult r = RUNNER.run(withExpect("{\"blockedBy\": {\"PRRT\": [\"PANCREATIC_PRIMARY\"], \"EVEROLIMUS\": [\"PROGRESSIVE\"]}}"));
        assertThat(r.differences()).containsExactlyInAnyOrder(
            "PRRT: expected blocked by PANCREATIC_PRIMARY, but PRRT (CONSIDER by SYS-14) names [SSTR_POSITIVE]",
            "EVEROLIMUS: expected blocked by PROGRESSIVE, but EVEROLIMUS (RECOMMENDED by SYS-07) names no reason");
    }

    @Test
    void aMissingInputTheExplanationDoesNotNameFails() throws Exception {
        ScenarioResult r = RUNNER.run(withExpect("{\"missingInputs\": {\"PRRT\": [\"ki67Percent\"], \"RESTAGING\": [\"diseaseStatus\"]}}"));
        assertThat(r.differences()).containsExactlyInAnyOrder(
            "PRRT: expected missing input ki67Percent, but PRRT (CONSIDER by SYS-14) names [sstrStatus]",
            "RESTAGING: expected missing input diseaseStatus, but RESTAGING (no recommendation) names none");
    }

    @Test
    void anUnknownCriterionCodeOrInputFieldIsRejectedWhenTheFileIsRead() {
        assertThatThrownBy(() -> withExpect("{\"blockedBy\": {\"PRRT\": [\"SSTR_POSITIV\"]}}"))
            .isInstanceOf(ScenarioFiles.BadScenarioException.class)
            .hasMessageContaining("blockedBy.PRRT: \"SSTR_POSITIV\" is not a criterion code");
        assertThatThrownBy(() -> withExpect("{\"missingInputs\": {\"PRRT\": [\"sstr\"]}}"))
            .isInstanceOf(ScenarioFiles.BadScenarioException.class)
            .hasMessageContaining("missingInputs.PRRT: \"sstr\" is not a patient field that decides a criterion");
        assertThatThrownBy(() -> withExpect("{\"missingInputs\": {\"PRRTX\": [\"sstrStatus\"]}}"))
            .isInstanceOf(ScenarioFiles.BadScenarioException.class).hasMessageContaining("is not a Therapy");
        assertThatThrownBy(() -> withExpect("{\"blockedBy\": [\"NET\"]}"))
            .isInstanceOf(ScenarioFiles.BadScenarioException.class).hasMessageContaining("blockedBy must be an object");
    }

    @Test
    void scenarioFilesListTheNewKeyAmongTheKnownOnes() {
        assertThatThrownBy(() -> withExpect("{\"missingInput\": {}}"))
            .isInstanceOf(ScenarioFiles.BadScenarioException.class).hasMessageContaining("missingInputs");
    }

    @Test
    void scenariosWithoutExplanationKeysStillRun() throws Exception {
        ScenarioResult r = RUNNER.run(withExpect("{\"recommendations\": [{\"therapy\": \"PRRT\", \"strength\": \"CONSIDER\"}]}"));
        assertThat(r.passed()).isTrue();
        assertThat(List.copyOf(r.firedRules())).contains("SYS-14", "SYS-16");
    }
}
