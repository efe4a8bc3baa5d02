package org.netlm.engine;

import java.util.Map;
import java.util.TreeMap;
import org.netlm.bench.Patients;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;

/** Development tool: how many rules fire per patient, by rule-id group, over the benchmark's random patients. */
public final class FiringCount {
    private FiringCount() {
    }

    public static void main(String[] args) {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        Map<String, Integer> byGroup = new TreeMap<>();
        long fired = 0;
        int n = 0;
        for (PatientCase p : Patients.set("random")) {
            Assessment a = engine.assess(p, AssessOptions.withoutExplanations());
            n++;
            fired += a.firedRules().size();
            for (String id : a.firedRules()) {
                byGroup.merge(id.startsWith("CLASS-CRIT") ? "CLASS-CRIT" : id.replaceAll("-[0-9]+$", ""), 1, Integer::sum);
            }
        }
        System.out.printf("%d patients, %.1f rule firings per patient%n", n, fired / (double) n);
        for (Map.Entry<String, Integer> e : byGroup.entrySet()) {
            System.out.printf("  %-14s %.1f%n", e.getKey(), e.getValue() / (double) n);
        }
    }
}
