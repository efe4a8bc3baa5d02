package org.netlm.scenario;

import java.util.List;

/**
 * The outcome of one scenario.
 *
 * @param scenario    the scenario
 * @param differences what differed from the expectation (empty when it passed)
 * @param firedRules  the rules that fired for it
 * @param actual      the complete output as a snapshot, or {@code null} when the patient was rejected
 */
public record ScenarioResult(Scenario scenario, List<String> differences, List<String> firedRules, Snapshot actual) {
    public ScenarioResult {
        differences = List.copyOf(differences);
        firedRules = List.copyOf(firedRules);
    }

    public ScenarioResult(Scenario scenario, List<String> differences, List<String> firedRules) {
        this(scenario, differences, firedRules, null);
    }

    public boolean passed() {
        return differences.isEmpty();
    }

    /** {@code PASS name} or {@code FAIL name (file.json[2]): what differed}. */
    public String line() {
        return passed() ? "PASS " + scenario.name()
            : "FAIL " + scenario.name() + " (" + scenario.source() + "): " + String.join("; ", differences);
    }
}
