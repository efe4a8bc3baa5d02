package org.netlm.engine;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/** Development probe: one engine build in a fresh JVM, timed from JVM start (usage: ColdBuildProbe bundled|DIR). */
public final class ColdBuildProbe {
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        NetlmEngine e = "bundled".equals(args[0]) ? NetlmEngine.loadBundled() : NetlmEngine.fromDirectory(Path.of(args[0]));
        long jvm = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("BUILD %s %d ms (from JVM start %d ms)%n", args[0], (System.nanoTime() - t0) / 1_000_000,
            System.currentTimeMillis() - jvm);
    }
}
