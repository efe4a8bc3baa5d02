package org.netlm.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.netlm.bench.Patients;
import org.netlm.engine.NetlmEngine;
import org.netlm.engine.PlainJavaGrade;
import org.netlm.model.PatientCase;
import org.netlm.model.fact.CriteriaCollector;
import org.netlm.model.fact.MeasuredGrade;
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
 * One representative rule group, rules/classification/grade.drl (16 rules: WHO grade, 10 grade/Ki-67 criteria),
 * run by Drools (pooled session, facts collected) and by the same logic hand-written in plain Java
 * ({@link PlainJavaGrade}). Random patients, one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RuleGroupBenchmark {
    private KieSessionsPool pool;
    private PatientCase[] cases;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RuleSource all = RuleSource.fromDirectory(Path.of("rules"));
        RuleSource grade = new RuleSource("grade.drl", all.drlFiles().stream()
            .filter(f -> f.path().equals("classification/grade.drl")).toList(), all.evidenceJson());
        KieBase base = KieBaseFactory.build(grade);
        pool = base.newKieSessionsPool(1);
        cases = Patients.set("random").toArray(PatientCase[]::new);
        for (PatientCase p : cases) { // the baseline must compute what the rules compute
            Set<String> drools = new TreeSet<>();
            gradeRulesDrools(p).stream().filter(o -> !(o instanceof PatientCase) && !(o instanceof MeasuredGrade))
                .forEach(o -> drools.add(String.valueOf(o)));
            Set<String> java = new TreeSet<>();
            PlainJavaGrade.derive(p).forEach(o -> java.add(String.valueOf(o)));
            if (!drools.equals(java)) {
                throw new IllegalStateException("plain Java differs from the rules for " + p.getId() + ": " + drools + " vs " + java);
            }
        }
    }

    private PatientCase nextCase() {
        PatientCase p = cases[next];
        next = next + 1 == cases.length ? 0 : next + 1;
        return p;
    }

    @Benchmark
    public List<Object> gradeRulesDrools() {
        return gradeRulesDrools(nextCase());
    }

    private List<Object> gradeRulesDrools(PatientCase p) {
        KieSession s = pool.newKieSession();
        try {
            CriteriaCollector criteria = new CriteriaCollector();
            s.setGlobal(NetlmEngine.CRITERIA_GLOBAL, criteria);
            s.insert(p);
            s.fireAllRules();
            List<Object> out = new ArrayList<>(s.getObjects());
            out.addAll(criteria.complete().all());
            return out;
        } finally {
            s.dispose();
        }
    }

    @Benchmark
    public List<Object> gradeRulesPlainJava() {
        return PlainJavaGrade.derive(nextCase());
    }
}
