package org.netlm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.netlm.engine.NetlmEngine;
import org.netlm.scenario.ScenarioFiles;
import org.netlm.scenario.ScenarioResult;
import org.netlm.scenario.ScenarioRunner;
import org.netlm.scenario.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code test CASES…}: runs scenario files; prints {@code PASS name} / {@code FAIL name (file): what differed} per
 * scenario, then {@code N passed, M failed}, then the rules no scenario fired. Every broken scenario file is reported
 * on standard error and the others still run. {@code --update-snapshots} writes each scenario's complete output under
 * {@code "snapshot"}; a scenario with a snapshot then fails on any difference from it.
 */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run scenario files (a patient plus the expected recommendations) and report rule coverage.",
        "Listed expectations check only what they list; a \"snapshot\" (written by --update-snapshots) checks the complete output."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every scenario passed", "1:a scenario failed or a scenario file is invalid", "2:rules do not compile"})
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RulesOption rules;

    @Option(names = "--failures-only", description = "Print only the failing scenarios (and the summary).")
    boolean failuresOnly;

    @Option(names = "--update-snapshots", description = "Write each scenario's complete output (findings, every recommendation with "
        + "its strength, warnings) into its file under \"snapshot\" (atomically); the listed expectations are still checked.")
    boolean updateSnapshots;

    @Parameters(arity = "1..*", paramLabel = "CASES", description = "Scenario files, or folders searched for *.json.")
    List<Path> cases;

    @Override
    public Integer call() throws IOException {
        NetlmEngine engine = rules.engine();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScenarioFiles.Loaded loaded = ScenarioFiles.read(cases);
        loaded.problems().forEach(err::println);
        err.flush();
        if (loaded.scenarios().isEmpty()) {
            throw new CliException(ErrorHandler.INVALID_INPUT, loaded.problems().isEmpty() ? "no scenario found in " + cases
                : "no scenario could be read (" + loaded.problems().size() + " broken files listed above)");
        }
        ScenarioRunner runner = new ScenarioRunner(engine);
        List<ScenarioResult> results = loaded.scenarios().stream().map(s -> runner.run(s, !updateSnapshots)).toList();
        results.stream().filter(r -> !failuresOnly || !r.passed()).forEach(r -> out.println(r.line()));
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println((results.size() - failed) + " passed, " + failed + " failed"
            + (loaded.problems().isEmpty() ? "" : ", " + loaded.problems().size() + " scenario files or scenarios could not be read"));
        if (updateSnapshots) {
            out.println(writeSnapshots(results));
        }
        List<String> never = runner.neverFired(results);
        out.println(never.isEmpty() ? "every rule fired"
            : "rules no scenario fired (" + never.size() + "): " + String.join(", ", never));
        out.flush();
        return failed == 0 && loaded.problems().isEmpty() ? ErrorHandler.OK : ErrorHandler.INVALID_INPUT;
    }

    /** Writes the snapshots file by file; returns the line that says what was written. */
    private String writeSnapshots(List<ScenarioResult> results) throws IOException {
        Map<Path, Map<Integer, Snapshot>> byFile = new TreeMap<>();
        for (ScenarioResult r : results) {
            if (r.actual() != null && r.scenario().file() != null) {
                byFile.computeIfAbsent(r.scenario().file(), f -> new LinkedHashMap<>()).put(r.scenario().index(), r.actual());
            }
        }
        int written = 0;
        int snapshots = 0;
        for (Map.Entry<Path, Map<Integer, Snapshot>> e : byFile.entrySet()) {
            snapshots += e.getValue().size();
            if (ScenarioFiles.writeSnapshots(e.getKey(), e.getValue())) {
                written++;
            }
        }
        return "snapshots: " + snapshots + " in " + byFile.size() + " files, " + written + " files rewritten";
    }
}
