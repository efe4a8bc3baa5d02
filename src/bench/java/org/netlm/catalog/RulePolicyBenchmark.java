package org.netlm.catalog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The rule policy on the bundled rule folder (every DRL file parsed by Drools, every piece of Java by JavaParser, every
 * name resolved): the cost a {@code --rules DIR} load pays before compiling. Warm; the cold first check in a fresh JVM
 * is measured by {@link RulePolicyProbe}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RulePolicyBenchmark {
    private Map<String, String> bundled;

    @Setup
    public void setUp() {
        bundled = RulePolicyProbe.bundled();
        if (!RulePolicy.check(bundled).isEmpty()) {
            throw new IllegalStateException("the bundled rules break the policy");
        }
    }

    @Benchmark
    public List<PolicyViolation> checkBundled() {
        return RulePolicy.check(bundled);
    }
}
