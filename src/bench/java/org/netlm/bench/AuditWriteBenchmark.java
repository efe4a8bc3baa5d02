package org.netlm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.netlm.audit.AuditConfig;
import org.netlm.audit.AuditEntry;
import org.netlm.audit.AuditStore;
import org.netlm.audit.JdbcAuditStore;
import org.netlm.engine.AssessOptions;
import org.netlm.engine.NetlmEngine;
import org.netlm.model.Assessment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Audit writes of {@code batch --audit} on the embedded H2 store (committed to disk, {@code WRITE_DELAY=0}): a group
 * of {@value #GROUP} assessments recorded in one transaction ({@link AuditStore#recordAll}, what batch does) against the
 * same assessments recorded one transaction each ({@link AuditStore#record}, what {@code evaluate --audit} does).
 * Throughput in patients per second; 1,000 generated patients (seed 42), one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class AuditWriteBenchmark {
    /** Lines per group: the batch pipeline's chunk with 2 worker threads. */
    static final int GROUP = 32;

    private Path dir;
    private AuditStore store;
    private Assessment[] assessments;
    private long run;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        assessments = Patients.set("random").stream().map(p -> engine.assess(p, AssessOptions.withoutExplanations()))
            .toArray(Assessment[]::new);
        dir = Files.createTempDirectory("audit-bench");
        store = JdbcAuditStore.open(AuditConfig.embedded(dir, "bench-secret-0123456789"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The next group of entries, as lines 1… of a new run. */
    private List<AuditEntry> group() {
        String id = "bench-" + run++;
        List<AuditEntry> out = new ArrayList<>(GROUP);
        for (int i = 1; i <= GROUP; i++) {
            Assessment a = assessments[next];
            next = next + 1 == assessments.length ? 0 : next + 1;
            out.add(AuditEntry.builder().service("cli").hook("batch").assessment(a).origin(id, i).build());
        }
        return out;
    }

    /** One transaction for the group (batch --audit). */
    @Benchmark
    @OperationsPerInvocation(GROUP)
    public int recordAllInOneTransaction() {
        return store.recordAll(group());
    }

    /** One transaction per patient (what one record per patient costs). */
    @Benchmark
    @OperationsPerInvocation(GROUP)
    public long recordOneByOne() {
        long last = 0;
        for (AuditEntry e : group()) {
            last = store.record(e);
        }
        return last;
    }
}
