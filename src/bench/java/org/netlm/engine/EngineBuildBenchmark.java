package org.netlm.engine;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building an engine: the bundled rules (pre-compiled executable model: no DRL compilation) and the rules/ folder
 * (classic DRL compiler, as fromDirectory and --rules do). Single shot. Cold = the first build in a fresh JVM
 * ({@code -wi 0 -i 1 -f 10}); warm = a rebuild in a JVM that has built before (the defaults below).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EngineBuildBenchmark {
    @Benchmark
    public NetlmEngine bundled() {
        NetlmEngine e = NetlmEngine.loadBundled();
        if (!e.usesPrecompiledRules()) {
            throw new IllegalStateException("no pre-compiled bundled rules (run mvn package first)");
        }
        return e;
    }

    @Benchmark
    public NetlmEngine folder() {
        return NetlmEngine.fromDirectory(Path.of("rules"));
    }
}
