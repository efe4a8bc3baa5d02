package org.netlm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.netlm.io.PatientJson;
import org.netlm.model.PatientCase;
import org.netlm.scenario.Scenario;
import org.netlm.scenario.ScenarioFiles;
import org.netlm.validation.InvalidPatientException;

/** Benchmark input: the shared example patients, or reproducible random valid patients. */
public final class Patients {
    static final Path EXAMPLES = Path.of("src/test/resources/scenarios/examples");

    private Patients() {
    }

    /** Every valid example patient (src/test/resources/scenarios/examples), in file order. */
    public static List<PatientCase> examples() {
        try {
            List<PatientCase> out = new ArrayList<>();
            for (Scenario s : ScenarioFiles.load(List.of(EXAMPLES))) {
                try {
                    out.add(PatientJson.fromTree(s.patient()));
                } catch (InvalidPatientException e) {
                    // the invalid example (Ki-67 140 %) is not assessable
                }
            }
            return out;
        } catch (ScenarioFiles.BadScenarioException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "examples" (the valid shared examples) or "random" (1,000 generated valid patients, seed 42). */
    public static List<PatientCase> set(String name) {
        return switch (name) {
            case "examples" -> examples();
            case "random" -> org.netlm.testing.Patients.sample(42, 1_000);
            default -> throw new IllegalArgumentException("unknown patient set " + name);
        };
    }
}
