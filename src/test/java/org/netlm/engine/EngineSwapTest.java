package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import org.netlm.model.Therapy;
import org.netlm.testing.Patients;
import org.netlm.testing.RuleFolder;

/**
 * Changing rules at run time the way the engine is meant to be used: build a new engine, then swap an
 * {@link AtomicReference}. A build that fails leaves the running engine as it was; a build that succeeds
 * never exposes a half-built base to threads that are assessing.
 */
class EngineSwapTest {
    private static final String EDIT_FROM = "radical resection (with the primary if in situ)";
    private static final String EDIT_TO = "radical resection (EDITED RULE, with the primary if in situ)";

    private static final int THREADS = 2;

    @TempDir
    Path tmp;

    private static List<PatientCase> patients() {
        List<PatientCase> ps = new ArrayList<>(Patients.valid().sampleStream().limit(30).toList());
        ps.add(Patients.resectableG2("resectable"));
        return ps;
    }

    @Test
    void aFolderThatNoLongerCompilesLeavesThePreviousEngineAnsweringTheSame() {
        RuleFolder folder = RuleFolder.copyOfBundled(tmp.resolve("rules"), "classification/", "recommendation/surgery.drl");
        AtomicReference<NetlmEngine> current = new AtomicReference<>(NetlmEngine.fromDirectory(folder.dir()));
        NetlmEngine old = current.get();
        List<PatientCase> patients = patients();
        List<Assessment> before = patients.stream().map(old::assess).toList();

        folder.append("recommendation/surgery.drl", "rule \"half-typed rule\" when then\n");
        assertThatThrownBy(() -> current.set(NetlmEngine.fromDirectory(folder.dir())))
            .isInstanceOf(RuleCompilationException.class);

        assertThat(current.get()).isSameAs(old);
        assertThat(patients.stream().map(current.get()::assess).toList()).isEqualTo(before);
    }

    @Test
    void anEditedFolderGivesANewEngineAndLeavesTheOldOneAsItWas() {
        RuleFolder folder = RuleFolder.copyOfBundled(tmp.resolve("rules"), "classification/", "recommendation/surgery.drl");
        NetlmEngine old = NetlmEngine.fromDirectory(folder.dir());
        PatientCase p = Patients.resectableG2("p");
        Assessment before = old.assess(p);

        folder.replace("recommendation/surgery.drl", EDIT_FROM, EDIT_TO);
        NetlmEngine edited = NetlmEngine.fromDirectory(folder.dir());

        assertThat(edited.assess(p).recommendation(Therapy.RADICAL_RESECTION).orElseThrow().rationale()).contains("EDITED RULE");
        assertThat(edited.rulesetVersion()).isNotEqualTo(old.rulesetVersion());
        assertThat(old.assess(p)).isEqualTo(before);
        assertThat(before.recommendation(Therapy.RADICAL_RESECTION).orElseThrow().rationale()).doesNotContain("EDITED RULE");
    }

    @Test
    void threadsAssessingDuringARebuildOnlyEverSeeTheWholeOldOrTheWholeNewRules() throws Exception {
        RuleFolder folder = RuleFolder.copyOfBundled(tmp.resolve("rules"), "classification/", "recommendation/surgery.drl");
        NetlmEngine old = NetlmEngine.fromDirectory(folder.dir());
        List<PatientCase> patients = patients();
        List<Assessment> oldAnswers = patients.stream().map(old::assess).toList();
        folder.replace("recommendation/surgery.drl", EDIT_FROM, EDIT_TO);

        AtomicReference<NetlmEngine> current = new AtomicReference<>(old);
        AtomicBoolean swapped = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<int[]>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    int fromOld = 0;
                    int fromNew = 0;
                    int afterSwap = 0;
                    // keep assessing until well after the swap
                    while (afterSwap < 2 * patients.size()) {
                        boolean wasSwapped = swapped.get();
                        for (int i = 0; i < patients.size(); i++) {
                            Assessment a = current.get().assess(patients.get(i));
                            if (a.equals(oldAnswers.get(i))) {
                                fromOld++;
                            } else if (a.rulesetVersion().equals(old.rulesetVersion())) {
                                throw new AssertionError("old rules, different answer for " + patients.get(i).getId());
                            } else {
                                fromNew++;
                            }
                            if (wasSwapped) {
                                afterSwap++;
                            }
                        }
                    }
                    return new int[] {fromOld, fromNew};
                }));
            }
            NetlmEngine rebuilt = NetlmEngine.fromDirectory(folder.dir());
            List<Assessment> newAnswers = patients.stream().map(rebuilt::assess).toList();
            current.set(rebuilt);
            swapped.set(true);
            int fromNew = 0;
            for (Future<int[]> w : workers) {
                fromNew += w.get()[1];
            }
            assertThat(fromNew).as("assessments made with the new rules").isPositive();
            // everything the new engine said after the swap equals what it says alone
            assertThat(patients.stream().map(current.get()::assess).toList()).isEqualTo(newAnswers);
            assertThat(newAnswers).allMatch(a -> a.rulesetVersion().equals(rebuilt.rulesetVersion()));
        } finally {
            pool.shutdownNow();
        }
    }
}
