package org.netlm.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's native threads by group (Linux {@code /proc/self/task}): the Java threads by name with
 * the digits removed, and the JVM's own threads (GC, JIT compilers) too, which a Java profiler does not sample.
 * A thread that ended between two snapshots is lost; the groups that matter here live for the whole run.
 */
final class ThreadCpu {
    private static final double TICK_MS = 10.0; // USER_HZ = 100 on Linux

    /** The JIT compiler threads' group ("C2 CompilerThread0" and "C1 CompilerThread0" with the digits removed). */
    static final String COMPILER = "CN CompilerThre";

    private ThreadCpu() {
    }

    /** Clock ticks (user + system) per thread group, now. Empty where /proc is not there. */
    static Map<String, Long> byGroup() {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                    ticks.merge(name.replaceAll("\\d+", "N"), used, Long::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while listing
                }
            }
        } catch (IOException noProc) {
            return Map.of();
        }
        return ticks;
    }

    /** The share of {@code group} in all the CPU between two snapshots (0 when nothing ran). */
    static double share(Map<String, Long> before, Map<String, Long> after, String group) {
        long all = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            all += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        long of = after.getOrDefault(group, 0L) - before.getOrDefault(group, 0L);
        return all == 0 ? 0 : (double) of / all;
    }

    /** The groups' CPU between two snapshots in ms per request, largest first, groups under 0.01 ms left out. */
    static String perRequest(Map<String, Long> before, Map<String, Long> after, int requests) {
        return after.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) * TICK_MS / requests))
            .filter(e -> e.getValue() >= 0.01)
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "));
    }
}
