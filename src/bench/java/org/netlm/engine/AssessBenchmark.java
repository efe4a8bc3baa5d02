package org.netlm.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kie.api.KieBase;
import org.kie.api.command.Command;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.internal.command.CommandFactory;
import org.netlm.bench.Patients;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import org.netlm.model.explanation.Explanations;
import org.netlm.model.fact.CriteriaCollector;
import org.netlm.validation.PatientValidator;
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
 * Warm assessment of one patient on one thread, full bundled knowledge base, every recommendation, finding and
 * warning collected. Patients are taken round robin from the chosen set.
 *
 * <ul>
 *   <li>{@code optimised}: {@link NetlmEngine#assess} as shipped (pre-compiled model, pooled sessions, lean recorder;
 *       explanations available, built on first use and not read here).</li>
 *   <li>{@code optimisedExplained}: the same, and the explanations read (built) for every patient.</li>
 *   <li>{@code optimisedWithoutExplanations}: the same with {@link AssessOptions#withoutExplanations()} (bulk runs).</li>
 *   <li>{@code optimisedClassic}: the same engine over the folder compiled by the classic DRL compiler.</li>
 *   <li>{@code naiveStateless}: the baseline: a new stateless session per patient with the same recorder, results
 *       fetched with a GetObjects command, then the same collection and resolution.</li>
 *   <li>{@code rulesOnlyPooled}: insert and fire on a pooled session, no listener, no result (the engine's floor).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AssessBenchmark {
    @Param({"examples", "random"})
    public String patients;

    private NetlmEngine engine;
    private NetlmEngine classic;
    private KieBase kieBase;
    private KieSessionsPool pool;
    private PatientCase[] cases;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        engine = NetlmEngine.loadBundled();
        if (!engine.usesPrecompiledRules()) {
            throw new IllegalStateException("the benchmark needs the pre-compiled bundled rules (run mvn package first)");
        }
        classic = NetlmEngine.fromDirectory(Path.of("rules"));
        kieBase = engine.kieBase();
        pool = kieBase.newKieSessionsPool(1);
        cases = Patients.set(patients).toArray(PatientCase[]::new);
    }

    private PatientCase nextCase() {
        PatientCase p = cases[next];
        next = next + 1 == cases.length ? 0 : next + 1;
        return p;
    }

    @Benchmark
    public Assessment optimised() {
        return engine.assess(nextCase());
    }

    @Benchmark
    public Explanations optimisedExplained() {
        return engine.assess(nextCase()).explanations();
    }

    @Benchmark
    public Assessment optimisedWithoutExplanations() {
        return engine.assess(nextCase(), AssessOptions.withoutExplanations());
    }

    @Benchmark
    public Assessment optimisedClassic() {
        return classic.assess(nextCase());
    }

    @Benchmark
    public Assessment naiveStateless() {
        PatientCase p = nextCase();
        PatientValidator.requireValid(p);
        FiringRecorder recorder = new FiringRecorder();
        StatelessKieSession session = kieBase.newStatelessKieSession();
        session.setGlobal(NetlmEngine.CRITERIA_GLOBAL, new CriteriaCollector());
        session.addEventListener(recorder.agendaListener);
        session.addEventListener(recorder.runtimeListener);
        List<Command<?>> commands = List.of(CommandFactory.newInsert(p), CommandFactory.newFireAllRules(),
            CommandFactory.newGetObjects("facts"));
        // the naive route fetches the session's facts with a command; the recorder has routed the same facts already
        session.execute(CommandFactory.newBatchExecution(commands));
        return engine.collect(p, recorder, AssessOptions.DEFAULT);
    }

    @Benchmark
    public int rulesOnlyPooled() {
        KieSession s = pool.newKieSession();
        try {
            s.setGlobal(NetlmEngine.CRITERIA_GLOBAL, new CriteriaCollector());
            s.insert(nextCase());
            return s.fireAllRules();
        } finally {
            s.dispose();
        }
    }
}
