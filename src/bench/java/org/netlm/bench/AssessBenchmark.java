package org.netlm.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.netlm.engine.NetlmEngine;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Warm assessment of one patient, one thread: NetlmEngine.assess on the bundled knowledge base. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g"})
public class AssessBenchmark {
    /** Example patient id, or "mix" for a round robin over all valid examples. */
    @Param({"mix"})
    public String patient;

    private NetlmEngine engine;
    private PatientCase[] cases;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        engine = NetlmEngine.withDefaultRules();
        List<PatientCase> all = "mix".equals(patient) ? Patients.examples() : List.of(Patients.example(patient));
        cases = all.toArray(PatientCase[]::new);
    }

    @Benchmark
    public Assessment assess() {
        PatientCase p = cases[next];
        next = next + 1 == cases.length ? 0 : next + 1;
        return engine.assess(p);
    }
}
