package org.netlm.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.FactHandle;
import org.netlm.model.PatientCase;
import org.netlm.model.fact.CriteriaCollector;
import org.netlm.testing.Patients;

/**
 * Issue 17, route (i): what a session costs per patient — the pooled session (taken from the KIE base's pool, reset when
 * given back: what the engine does) against one session kept by the thread and reset directly, and one kept by the
 * thread and emptied by deleting its facts. Insert and fire only (no listener, no result: the engine's floor), one
 * thread, the 1,000 random patients, thread CPU time per patient; the variants alternate round by round in one JVM so
 * that a busy machine disturbs them alike. Also counts firings, which must be equal.
 *
 * <p>Usage: {@code SessionReuseCpu [rounds (7)] [patients per round (10000)]}.
 */
public final class SessionReuseCpu {
    private SessionReuseCpu() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        KieBase kieBase = NetlmEngine.withDefaultRules().kieBase();
        PatientCase[] cases = Patients.sample(42, 1000).toArray(PatientCase[]::new);
        KieSessionsPool pool = kieBase.newKieSessionsPool(1);
        KieSession kept = kieBase.newKieSession();
        KieSession emptied = kieBase.newKieSession();
        Map<String, ToIntFunction<PatientCase>> variants = new LinkedHashMap<>();
        variants.put("pooled (newKieSession / dispose = reset)", p -> {
            KieSession s = pool.newKieSession();
            try {
                return fire(s, p);
            } finally {
                s.dispose();
            }
        });
        variants.put("one session per thread, reset()", p -> {
            try {
                return fire(kept, p);
            } finally {
                ((StatefulKnowledgeSessionImpl) kept).reset();
            }
        });
        variants.put("one session per thread, facts deleted", p -> {
            try {
                return fire(emptied, p);
            } finally {
                for (FactHandle h : new ArrayList<FactHandle>(emptied.getFactHandles(o -> o instanceof PatientCase))) {
                    emptied.delete(h); // the logical facts follow their justification
                }
                for (FactHandle h : new ArrayList<FactHandle>(emptied.getFactHandles())) {
                    emptied.delete(h);
                }
                emptied.fireAllRules();
            }
        });
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, double[]> micros = new LinkedHashMap<>();
        Map<String, Long> firings = new LinkedHashMap<>();
        variants.keySet().forEach(k -> micros.put(k, new double[rounds]));
        for (var v : variants.entrySet()) { // warm-up
            for (int i = 0; i < 3 * perRound; i++) {
                v.getValue().applyAsInt(cases[i % cases.length]);
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (var v : variants.entrySet()) {
                long fired = 0;
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    fired += v.getValue().applyAsInt(cases[i % cases.length]);
                }
                micros.get(v.getKey())[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / perRound;
                firings.put(v.getKey(), fired);
            }
        }
        for (var m : micros.entrySet()) {
            double[] s = m.getValue().clone();
            Arrays.sort(s);
            System.out.printf(java.util.Locale.ROOT, "%-42s median %6.1f µs CPU per patient (min %.1f, max %.1f); firings per round %d%n",
                m.getKey(), s[rounds / 2], s[0], s[rounds - 1], firings.get(m.getKey()));
        }
    }

    private static int fire(KieSession s, PatientCase p) {
        s.setGlobal(NetlmEngine.CRITERIA_GLOBAL, new CriteriaCollector());
        s.insert(p);
        return s.fireAllRules();
    }
}
