package org.netlm.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.netlm.bench.Patients;
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

/**
 * EXPERIMENT: what the shape of the DRL costs. The same engine ({@link NetlmEngine#assess}, classic compiler) over
 * rules/ and over a mechanically restructured copy made by src/bench/drl-shape/merge_criteria.py (the 50 criterion
 * rules merged into one; run it first, see docs/performance.md). The copy gives the same findings, recommendations,
 * warnings and criteria as rules/ on the scenario suite and on 3,000 random patients ({@link DrlShapeCheck}).
 * Random patients, one thread, without explanations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DrlShapeBenchmark {
    @Param({"rules", "target/drl-shape/merged"})
    public String dir;

    private NetlmEngine engine;
    private PatientCase[] cases;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        if (!Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException(dir + " is missing: run src/bench/drl-shape/*.py first (docs/performance.md)");
        }
        engine = NetlmEngine.fromDirectory(Path.of(dir));
        cases = Patients.set("random").toArray(PatientCase[]::new);
    }

    @Benchmark
    public Assessment assess() {
        PatientCase p = cases[next];
        next = next + 1 == cases.length ? 0 : next + 1;
        return engine.assess(p, AssessOptions.withoutExplanations());
    }
}
