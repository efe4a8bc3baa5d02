package org.netlm.catalog;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * The cold cost of the rule policy: the first checks of the bundled rules in a fresh JVM (class loading of the DRL
 * parser and JavaParser included), wall and CPU time of the checking thread (CPU time is the fairer figure on a
 * shared machine). Usage: {@code RulePolicyProbe [rounds] [after-parse]}: with {@code after-parse}, every file is first
 * parsed once by the DRL parser (as the engine's catalogue does anyway), so that the first check shows what the policy
 * adds to a cold folder load.
 */
public final class RulePolicyProbe {
    private RulePolicyProbe() {
    }

    static Map<String, String> bundled() {
        Map<String, String> files = new TreeMap<>();
        RuleSource.bundled().drlFiles().forEach(f -> files.put(f.path(), f.content()));
        return files;
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Map<String, String> files = bundled();
        if (args.length > 1 && args[1].equals("after-parse")) {
            for (String drl : files.values()) {
                try {
                    new DrlParser().parse(false, new StringReader(drl));
                } catch (DroolsParserException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < rounds; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            int violations = RulePolicy.check(files).size();
            System.out.printf("check %d: wall %d ms, cpu %d ms, %d files, %d violations%n", i + 1,
                (System.nanoTime() - wall) / 1_000_000, (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000, files.size(), violations);
        }
    }
}
