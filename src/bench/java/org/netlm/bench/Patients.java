package org.netlm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.netlm.io.PatientJson;
import org.netlm.model.PatientCase;
import org.netlm.scenario.Scenario;
import org.netlm.scenario.ScenarioFiles;
import org.netlm.validation.InvalidPatientException;

/** Benchmark input: the valid patients of the shared example scenarios (src/test/resources/scenarios/examples). */
final class Patients {
    static final Path EXAMPLES = Path.of("src/test/resources/scenarios/examples");

    private Patients() {
    }

    /** Every valid example patient, in file order. */
    static List<PatientCase> examples() {
        try {
            List<PatientCase> out = new ArrayList<>();
            for (Scenario s : ScenarioFiles.load(List.of(EXAMPLES))) {
                try {
                    out.add(PatientJson.fromTree(s.patient()));
                } catch (InvalidPatientException e) {
                    // the invalid example (ki67 140) is not assessable
                }
            }
            return out;
        } catch (ScenarioFiles.BadScenarioException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The example whose id is {@code id} (e.g. "ex-05"). */
    static PatientCase example(String id) {
        return examples().stream().filter(p -> p.getId().equals(id)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no example " + id));
    }
}
