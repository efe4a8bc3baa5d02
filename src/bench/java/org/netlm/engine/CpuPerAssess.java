package org.netlm.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.netlm.io.AssessmentJson;
import org.netlm.model.PatientCase;
import org.netlm.testing.Patients;

/**
 * Warm {@code assess} without explanations on one thread, measured in CPU time of the thread (not wall time), so that
 * a machine shared with other work still gives comparable numbers; plus a digest of the outputs, to check that a
 * variant (a system property, a classpath) answers exactly like the shipped engine.
 * Usage: {@code CpuPerAssess [rounds (7)] [assessments per round (20000)]}; prints the median and every round.
 */
public final class CpuPerAssess {
    private CpuPerAssess() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        PatientCase[] cases = Patients.sample(42, 1000).toArray(PatientCase[]::new);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (PatientCase p : cases) {
            String json = AssessmentJson.toCompactJson(engine.assess(p, AssessOptions.withoutExplanations()));
            digest.update(json.replaceFirst("\"rulesetVersion\":\"[^\"]*\"", "").getBytes(StandardCharsets.UTF_8));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int next = 0;
        for (int i = 0; i < 3 * perRound; i++) { // warm-up
            engine.assess(cases[next], AssessOptions.withoutExplanations());
            next = (next + 1) % cases.length;
        }
        double[] micros = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                engine.assess(cases[next], AssessOptions.withoutExplanations());
                next = (next + 1) % cases.length;
            }
            micros[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / perRound;
        }
        double[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "assess without explanations: median %.1f µs CPU (rounds %s); output digest %s%n",
            sorted[rounds / 2], Arrays.toString(Arrays.stream(micros).map(m -> Math.round(m * 10) / 10.0).toArray()),
            HexFormat.of().formatHex(digest.digest()).substring(0, 16));
    }
}
