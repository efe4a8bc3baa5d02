package org.netlm.workbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netlm.engine.NetlmEngine;
import org.netlm.scenario.Scenario;
import org.netlm.scenario.ScenarioFiles;
import org.netlm.scenario.ScenarioResult;
import org.netlm.scenario.ScenarioRunner;

/**
 * The scenario suite run against one engine (the runner of the {@code test} command), and for each rule the
 * scenarios that fire it: what a rule's card shows.
 *
 * @param source     where the scenarios were read
 * @param results    every scenario's result, in file order
 * @param byRule     rule id to the results of the scenarios that fired it
 * @param neverFired rule ids no scenario fired
 * @param error      why the suite could not be read, or {@code null}
 */
public record ScenarioCoverage(String source, List<ScenarioResult> results, Map<String, List<ScenarioResult>> byRule,
                               List<String> neverFired, String error) {

    /** Runs every scenario under {@code folders} with {@code engine}. */
    public static ScenarioCoverage run(NetlmEngine engine, List<Path> folders, String source) {
        List<Scenario> scenarios;
        try {
            scenarios = ScenarioFiles.load(folders);
        } catch (ScenarioFiles.BadScenarioException e) {
            return new ScenarioCoverage(source, List.of(), Map.of(), List.of(), e.getMessage());
        }
        ScenarioRunner runner = new ScenarioRunner(engine);
        List<ScenarioResult> results = runner.runAll(scenarios);
        Map<String, List<ScenarioResult>> byRule = new LinkedHashMap<>();
        for (ScenarioResult r : results) {
            for (String id : r.firedRules()) {
                byRule.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
            }
        }
        return new ScenarioCoverage(source, results, byRule, runner.neverFired(results), null);
    }

    /** Scenarios that passed. */
    public long passed() {
        return results.stream().filter(ScenarioResult::passed).count();
    }
}
