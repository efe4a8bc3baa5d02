package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import org.netlm.testing.Patients;

/** One engine, many threads: {@code assess} has no shared mutable state. */
class ConcurrentAssessmentTest {
    private static final int THREADS = 8;
    private static final int PATIENTS = 300;

    @Test
    void eightThreadsOnOneEngineGiveExactlyTheSequentialResults() throws Exception {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        List<PatientCase> patients = Patients.valid().sampleStream().limit(PATIENTS).collect(Collectors.toList());
        List<Assessment> sequential = patients.stream().map(engine::assess).toList();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < PATIENTS; i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(t));
                Callable<List<String>> run = () -> {
                    start.await();
                    List<String> differences = new ArrayList<>();
                    for (int i : order) {
                        Assessment a = engine.assess(patients.get(i));
                        if (!a.equals(sequential.get(i))) {
                            differences.add(patients.get(i).getId());
                        }
                    }
                    return differences;
                };
                runs.add(pool.submit(run));
            }
            start.countDown();
            for (Future<List<String>> r : runs) {
                assertThat(r.get()).as("patients whose concurrent assessment differed").isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSamePatientObjectAssessedByEightThreadsAtOnceGivesOneAnswer() throws Exception {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        PatientCase shared = Patients.resectableG2("shared");
        Assessment expected = engine.assess(shared);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Assessment>> all = new ArrayList<>();
            for (int i = 0; i < THREADS * 25; i++) {
                all.add(pool.submit(() -> engine.assess(shared)));
            }
            for (Future<Assessment> f : all) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared).isEqualTo(Patients.resectableG2("shared"));
    }
}
