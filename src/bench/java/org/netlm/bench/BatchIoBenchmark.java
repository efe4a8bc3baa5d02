package org.netlm.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.netlm.engine.AssessOptions;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.AssessmentJson;
import org.netlm.io.ByteLines;
import org.netlm.io.PatientInput;
import org.netlm.io.PatientReader;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The non-engine work of {@code batch} per patient, one thread: parsing one NDJSON line into a patient (as the
 * batch runner does) and writing one assessment without explanations (the batch default) as one output line,
 * encoded as UTF-8. Average time per patient over 1,000 generated valid patients (seed 42).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BatchIoBenchmark {
    private String[] lines;
    private Assessment[] assessments;
    private int next;
    private final ByteLines out = new ByteLines(1 << 16);

    @Setup(Level.Trial)
    public void setUp() {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        List<PatientCase> ps = Patients.set("random");
        lines = ps.stream().map(p -> org.netlm.testing.Patients.toJson(p).toString()).toArray(String[]::new);
        assessments = ps.stream().map(p -> engine.assess(p, AssessOptions.withoutExplanations())).toArray(Assessment[]::new);
    }

    private int next() {
        int i = next;
        next = i + 1 == lines.length ? 0 : i + 1;
        return i;
    }

    /** One NDJSON line to a patient, as batch reads it (strict, every violation collected). */
    @Benchmark
    public PatientInput parseLine() {
        int i = next();
        return PatientReader.parseLine(lines[i], "in.ndjson", i + 1);
    }

    /** One assessment to its compact JSON text, then to the UTF-8 bytes written to the output file. */
    @Benchmark
    public byte[] writeCompactJsonUtf8() {
        return AssessmentJson.toCompactJson(assessments[next()]).getBytes(StandardCharsets.UTF_8);
    }

    /** One assessment as an output line written as UTF-8 bytes into a reused buffer, as batch writes it to a file. */
    @Benchmark
    public int writeCompactLine() {
        out.clear();
        AssessmentJson.writeCompactLine(assessments[next()], out);
        return out.size();
    }
}
