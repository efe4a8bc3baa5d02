package org.netlm.engine;

import java.util.concurrent.TimeUnit;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.netlm.bench.Patients;
import org.netlm.model.PatientCase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the per-assessment time limit costs: insert and fire on a pooled session of the bundled rules, without and
 * with the {@link TimeLimit} listener (one clock read per firing), the rest as in {@code AssessBenchmark.rulesOnlyPooled}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TimeLimitBenchmark {
    private KieSessionsPool pool;
    private PatientCase[] cases;
    private int next;

    @Setup
    public void setUp() {
        pool = NetlmEngine.loadBundled().kieBase().newKieSessionsPool(1);
        cases = Patients.set("examples").toArray(PatientCase[]::new);
    }

    private PatientCase nextCase() {
        PatientCase p = cases[next];
        next = (next + 1) % cases.length;
        return p;
    }

    @Benchmark
    public int withoutTimeLimit() {
        return fire(null);
    }

    @Benchmark
    public int withTimeLimit() {
        return fire(new TimeLimit(NetlmEngine.DEFAULT_TIME_LIMIT.toNanos()));
    }

    private int fire(TimeLimit clock) {
        KieSession s = pool.newKieSession();
        try {
            if (clock != null) {
                s.addEventListener(clock);
            }
            s.setGlobal(NetlmEngine.CRITERIA_GLOBAL, new org.netlm.model.fact.CriteriaCollector());
            s.insert(nextCase());
            int fired = s.fireAllRules(NetlmEngine.MAX_FIRINGS);
            if (clock != null) {
                s.removeEventListener(clock);
            }
            return fired;
        } finally {
            s.dispose();
        }
    }
}
