package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import org.netlm.model.Therapy;
import org.netlm.model.explanation.Explanations;
import org.netlm.testing.Patients;

/** Explanations are built on first use, once, from the data of the call that made the assessment. */
class ExplanationsOnDemandTest {
    private static final NetlmEngine ENGINE = NetlmEngine.withDefaultRules();

    @Test
    void explanationsBuiltOnDemandDoNotDependOnWhatTheEngineDidInBetween() {
        PatientCase first = Patients.resectableG2("first");
        Assessment early = ENGINE.assess(first);
        // Other patients run through the same pooled sessions before the first assessment is explained.
        List<Assessment> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            others.add(ENGINE.assess(Patients.resectableG2("other-" + i).toBuilder().ki67Percent(25.0).build()));
        }
        Explanations late = early.explanations();
        assertThat(late.isEmpty()).isFalse();
        assertThat(late).isEqualTo(ENGINE.assess(first).explanations());
        assertThat(early.why(Therapy.RADICAL_RESECTION)).isPresent();
        assertThat(early.why(Therapy.RADICAL_RESECTION).orElseThrow().deciding().ruleId()).isEqualTo("SURG-01");
        assertThat(others.get(0).explanations()).isNotEqualTo(late);
    }

    @Test
    void theExplanationsAreBuiltOnceAndEveryThreadSeesTheSameObject() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        Explanations built = ENGINE.assess(Patients.resectableG2("x")).explanations();
        Assessment a = Assessment.explainedOnDemand("x", "v", "2.0.0", null, List.of(), List.of(), List.of(), List.of(),
            Assessment.DISCLAIMER, () -> {
                builds.incrementAndGet();
                return built;
            });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Explanations>> seen = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                seen.add(pool.submit(() -> {
                    start.await();
                    return a.explanations();
                }));
            }
            start.countDown();
            for (Future<Explanations> f : seen) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(built);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(a.explanations()).isSameAs(built);
        assertThat(builds).hasValue(1);
    }

    @Test
    void withoutExplanationsTheAssessmentCarriesNoneAndEqualsTheExplainedOneOtherwise() {
        PatientCase p = Patients.resectableG2("p");
        Assessment bare = ENGINE.assess(p, AssessOptions.withoutExplanations());
        Assessment full = ENGINE.assess(p);
        assertThat(bare.explanations()).isSameAs(Explanations.NONE);
        assertThat(bare.recommendations()).isEqualTo(full.recommendations());
        assertThat(bare.firedRules()).isEqualTo(full.firedRules());
        assertThat(bare).isNotEqualTo(full);
        assertThat(full).isEqualTo(ENGINE.assess(p)).hasSameHashCodeAs(ENGINE.assess(p));
    }
}
