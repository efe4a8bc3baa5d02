package org.netlm.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.netlm.engine.AssessOptions;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.AssessmentJson;
import org.netlm.io.ByteLines;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One NDJSON line to one output line, as batch does: strict parse (PatientJson), assess (bundled rules, without
 * explanations, the batch default), write the assessment as the JSON line {@code batch} writes ({@link org.netlm.io.AssessmentJson#writeCompactLine}). Throughput,
 * on 1 and on 2 threads (the batch target: 2 threads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JsonPipelineBenchmark {
    private NetlmEngine engine;
    private String[] lines;
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
        engine = NetlmEngine.withDefaultRules();
        List<PatientCase> ps = Patients.set("random");
        lines = ps.stream().map(p -> org.netlm.testing.Patients.toJson(p).toString()).toArray(String[]::new);
        for (int i = 0; i < lines.length; i++) { // the input must read back as the same patient
            if (!PatientJson.parse(lines[i]).equals(ps.get(i))) {
                throw new IllegalStateException("NDJSON round trip differs for " + ps.get(i).getId());
            }
        }
    }

    private String line() {
        return lines[Math.floorMod(next.getAndIncrement(), lines.length)];
    }

    @Benchmark
    @Threads(1)
    public int parseAssessWrite1Thread() throws Exception {
        return writeLine(engine.assess(PatientJson.parse(line()), AssessOptions.withoutExplanations()));
    }

    @Benchmark
    @Threads(2)
    public int parseAssessWrite2Threads() throws Exception {
        return writeLine(engine.assess(PatientJson.parse(line()), AssessOptions.withoutExplanations()));
    }

    private static final ThreadLocal<ByteLines> OUT = ThreadLocal.withInitial(() -> new ByteLines(1 << 16));

    /** The output line as batch writes it (UTF-8 bytes into a reused buffer). */
    private static int writeLine(Assessment a) {
        ByteLines out = OUT.get();
        out.clear();
        AssessmentJson.writeCompactLine(a, out);
        return out.size();
    }

    @Benchmark
    @Threads(1)
    public PatientCase parseOnly() {
        return PatientJson.parse(line());
    }
}
