package org.netlm.engine;

import java.nio.file.Path;
import java.util.List;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import org.netlm.scenario.ScenarioFiles;
import org.netlm.scenario.ScenarioResult;
import org.netlm.scenario.ScenarioRunner;
import org.netlm.testing.Patients;

/** EXPERIMENT check (usage: DrlShapeCheck DIR...): a restructured rule folder must pass the scenarios and answer like rules/ on random patients. */
public final class DrlShapeCheck {
    public static void main(String[] args) throws Exception {
        NetlmEngine reference = NetlmEngine.fromDirectory(Path.of("rules"));
        for (String dir : args) {
            NetlmEngine variant = NetlmEngine.fromDirectory(Path.of(dir));
            ScenarioRunner runner = new ScenarioRunner(variant);
            List<ScenarioResult> results = runner.runAll(ScenarioFiles.load(List.of(Path.of("src/test/resources/scenarios"))));
            long failed = results.stream().filter(r -> !r.differences().isEmpty()).count();
            results.stream().filter(r -> !r.differences().isEmpty()).limit(5).forEach(r -> System.out.println("  FAIL " + r.line()));
            int differ = 0;
            for (PatientCase p : Patients.sample(99, 3_000)) {
                Assessment a = reference.assess(p);
                Assessment b = variant.assess(p);
                boolean same = a.findings().equals(b.findings()) && a.recommendations().equals(b.recommendations())
                    && a.warnings().equals(b.warnings())
                    && (b.criteria().isEmpty() || a.criteria().equals(b.criteria()));
                if (!same && differ++ < 3) {
                    System.out.println("DIFF " + p.getId() + "\n  ref " + a.recommendations() + "\n  var " + b.recommendations());
                }
            }
            System.out.printf("CHECK %s: %d rules, scenarios failed %d of %d, random patients differing %d of 3000%n", dir,
                variant.catalog().rules().size(), failed, results.size(), differ);
        }
    }
}
