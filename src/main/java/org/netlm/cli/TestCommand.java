package org.netlm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.netlm.engine.NetlmEngine;
import org.netlm.scenario.Scenario;
import org.netlm.scenario.ScenarioFiles;
import org.netlm.scenario.ScenarioResult;
import org.netlm.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code test CASES…}: runs scenario files; prints {@code PASS name} / {@code FAIL name: what differed} per
 * scenario, then {@code N passed, M failed}, then the rules no scenario fired.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Run scenario files (a patient plus the expected recommendations) and report rule coverage.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every scenario passed", "1:a scenario failed or a scenario file is invalid", "2:rules do not compile"})
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RulesOption rules;

    @Parameters(arity = "1..*", paramLabel = "CASES", description = "Scenario files, or folders searched for *.json.")
    List<Path> cases;

    @Override
    public Integer call() {
        NetlmEngine engine = rules.engine();
        List<Scenario> scenarios;
        try {
            scenarios = ScenarioFiles.load(cases);
        } catch (ScenarioFiles.BadScenarioException e) {
            throw new CliException(ErrorHandler.INVALID_INPUT, e.getMessage());
        }
        if (scenarios.isEmpty()) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "no scenario found in " + cases);
        }
        ScenarioRunner runner = new ScenarioRunner(engine);
        List<ScenarioResult> results = runner.runAll(scenarios);
        PrintWriter out = spec.commandLine().getOut();
        results.forEach(r -> out.println(r.line()));
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println((results.size() - failed) + " passed, " + failed + " failed");
        List<String> never = runner.neverFired(results);
        out.println(never.isEmpty() ? "every rule fired"
            : "rules no scenario fired (" + never.size() + "): " + String.join(", ", never));
        out.flush();
        return failed == 0 ? ErrorHandler.OK : ErrorHandler.INVALID_INPUT;
    }
}
