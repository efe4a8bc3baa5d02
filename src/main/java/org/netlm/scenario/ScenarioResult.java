package org.netlm.scenario;

import java.util.List;

/**
 * The outcome of one scenario.
 *
 * @param scenario    the scenario
 * @param differences what differed from the expectation (empty when it passed)
 * @param firedRules  the rules that fired for it
 */
public record ScenarioResult(Scenario scenario, List<String> differences, List<String> firedRules) {
    public ScenarioResult {
        differences = List.copyOf(differences);
        firedRules = List.copyOf(firedRules);
    }

    public boolean passed() {
        return differences.isEmpty();
    }

    /** {@code PASS name} or {@code FAIL name: what differed}. */
    public String line() {
        return passed() ? "PASS " + scenario.name() : "FAIL " + scenario.name() + ": " + String.join("; ", differences);
    }
}
