package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import org.netlm.testing.Patients;

/**
 * The speed measures must not change an answer: the pre-compiled bundled model gives the same assessment as
 * the classic DRL compiler, and a pooled session reused for patient after patient gives the same assessment as
 * a session used once (nothing leaks from one patient into the next).
 */
class EngineEquivalenceTest {
    private static final int PATIENTS = 600;

    @Test
    void thePrecompiledModelAndTheClassicCompilerGiveTheSameAssessments() {
        NetlmEngine precompiled = NetlmEngine.withDefaultRules();
        NetlmEngine classic = NetlmEngine.fromDirectory(Path.of("rules"));
        assertThat(precompiled.usesPrecompiledRules()).isTrue();
        for (PatientCase p : Patients.sample(17, PATIENTS)) {
            assertThat(normalized(precompiled.assess(p))).as(p.getId()).isEqualTo(normalized(classic.assess(p)));
        }
    }

    @Test
    void aReusedSessionGivesTheSameAssessmentAsAFreshEngine() {
        NetlmEngine reused = NetlmEngine.fromDirectory(Path.of("rules"));
        List<PatientCase> patients = Patients.sample(23, 200);
        List<Assessment> first = new ArrayList<>();
        for (PatientCase p : patients) {
            first.add(reused.assess(p));
        }
        // The same patients in reverse order through the same (pooled) sessions, and each once more through a
        // brand-new engine whose pool has never been used.
        for (int i = patients.size() - 1; i >= 0; i--) {
            assertThat(reused.assess(patients.get(i))).as(patients.get(i).getId()).isEqualTo(first.get(i));
        }
        for (int i = 0; i < 3; i++) {
            NetlmEngine fresh = NetlmEngine.fromDirectory(Path.of("rules"));
            assertThat(fresh.assess(patients.get(i))).isEqualTo(first.get(i));
        }
    }

    @Test
    void concurrentAssessmentsGiveTheSameAnswersAsOneThread() throws Exception {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        List<PatientCase> patients = Patients.sample(31, 400);
        List<Assessment> expected = new ArrayList<>();
        for (PatientCase p : patients) {
            expected.add(engine.assess(p));
        }
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Assessment>>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    List<Assessment> out = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        out.clear();
                        for (PatientCase p : patients) {
                            out.add(engine.assess(p));
                        }
                    }
                    return out;
                }));
            }
            for (Future<List<Assessment>> run : runs) {
                assertThat(run.get()).containsExactlyElementsOf(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Firing order is the agenda's business and may differ between the two compilers; the set may not. */
    private static Assessment normalized(Assessment a) {
        return new Assessment(a.patientId(), a.rulesetVersion(), a.knowledgeVersion(), a.findings(), a.recommendations(), a.warnings(),
            a.firedRules().stream().sorted().toList(), a.criteria(), a.disclaimer());
    }
}
