package org.netlm.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.netlm.io.AtomicFiles;

/**
 * Generates the reference cohort of {@code examples/cohort/}: seeded, clinically plausible patients (not uniform
 * random). Each patient is drawn from one clinical profile (limited resectable disease, diffuse low-grade disease,
 * progressive pancreatic or midgut NET after first-line therapy, G3 NET, NEC, transplant candidate, unfit patient,
 * incomplete record), and the fields are drawn together: the grade follows from Ki-67, a carcinoma has a high
 * Ki-67 and is mostly SSTR-negative, a type III pattern has many bilobar lesions and a high burden, Child-Pugh B/C
 * goes with a high burden (and sometimes not: the LIVER_DYSFUNCTION_UNEXPLAINED case), prior therapies follow the
 * line of treatment, and so on. Model v2 inputs are drawn too: {@code extrahepaticResectable} (only meaningful with
 * extrahepatic disease, sometimes given without it) and prior-therapy outcome {@code UNKNOWN}.
 *
 * <pre>
 * mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.netlm.testing.CohortGenerator \
 *     -Dexec.args="examples/cohort/cohort.ndjson 4000 20261130"
 * </pre>
 */
public final class CohortGenerator {
    /** Default size and seed of the reference cohort. */
    public static final int SIZE = 4000;
    public static final long SEED = 20261130L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Profile {
        LIMITED_RESECTABLE(18), DIFFUSE_LOW_GRADE(20), PROGRESSIVE_PANCREATIC(14), PROGRESSIVE_MIDGUT(14), G3_NET(9),
        NEC(6), TRANSPLANT_CANDIDATE(4), UNFIT(7), INCOMPLETE_RECORD(8);

        final int weight;

        Profile(int weight) {
            this.weight = weight;
        }
    }

    private final Random rnd;

    public CohortGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "examples/cohort/cohort.ndjson");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : SIZE;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : SEED;
        Files.createDirectories(out.toAbsolutePath().getParent());
        StringBuilder sb = new StringBuilder(n * 400);
        CohortGenerator g = new CohortGenerator(seed);
        for (int i = 1; i <= n; i++) {
            sb.append(JSON.writeValueAsString(g.next(String.format(Locale.ROOT, "coh-%05d", i)))).append('\n');
        }
        AtomicFiles.writeString(out, sb.toString());
        System.err.println("wrote " + n + " patients (seed " + seed + ") to " + out);
    }

    /** Writes the cohort to {@code out} (for tests). */
    public static void write(Writer out, int n, long seed) throws IOException {
        CohortGenerator g = new CohortGenerator(seed);
        for (int i = 1; i <= n; i++) {
            out.write(JSON.writeValueAsString(g.next(String.format(Locale.ROOT, "coh-%05d", i))));
            out.write('\n');
        }
    }

    /** One patient as patient JSON. */
    public ObjectNode next(String id) {
        Profile profile = profile();
        ObjectNode p = JSON.createObjectNode();
        p.put("id", id);
        boolean nec = profile == Profile.NEC;
        boolean g3 = profile == Profile.G3_NET;
        boolean incomplete = profile == Profile.INCOMPLETE_RECORD;
        double missing = incomplete ? 0.35 : 0.04;

        int age = (int) clamp(Math.round(normal(profile == Profile.TRANSPLANT_CANDIDATE ? 48 : 62, 10)), 19, 92);
        maybe(p, "age", age, missing);
        String site = switch (profile) {
            case PROGRESSIVE_PANCREATIC -> "PANCREAS";
            case PROGRESSIVE_MIDGUT -> "SMALL_INTESTINE";
            case TRANSPLANT_CANDIDATE -> pick("PANCREAS", 40, "SMALL_INTESTINE", 50, "DUODENUM", 10);
            case NEC -> pick("PANCREAS", 35, "COLON", 20, "RECTUM", 15, "STOMACH", 15, "UNKNOWN", 15);
            default -> pick("SMALL_INTESTINE", 34, "PANCREAS", 34, "RECTUM", 5, "COLON", 3, "STOMACH", 4, "DUODENUM", 4,
                "APPENDIX", 2, "UNKNOWN", 14);
        };
        p.put("primarySite", site);
        p.put("differentiation", nec ? "POOR" : "WELL");

        // Proliferation: Ki-67 by profile, the grade follows from it (sometimes reported, sometimes mismatched)
        double ki67 = nec ? clamp(normal(70, 15), 25, 98)
            : g3 ? (chance(0.8) ? uniform(20.5, 55) : uniform(55.5, 80))
            : profile == Profile.TRANSPLANT_CANDIDATE ? uniform(0.5, 12)
            : profile == Profile.PROGRESSIVE_PANCREATIC ? (chance(0.25) ? uniform(0.5, 2.9) : uniform(3, 20))
            : chance(0.45) ? uniform(0.3, 2.9) : chance(0.7) ? uniform(3, 10) : uniform(10.1, 20);
        if (chance(0.15)) {
            ki67 = pick(3.0, 1, 10.0, 1, 20.0, 1, 55.0, 1); // boundary values occur in real reports
            if (nec) {
                ki67 = 55.0;
            }
        }
        ki67 = round1(ki67);
        boolean ki67Known = !chance(incomplete ? 0.35 : 0.08);
        if (ki67Known) {
            p.put("ki67Percent", ki67);
        }
        String measured = ki67 > 20 ? "G3" : ki67 >= 3 ? "G2" : "G1";
        if (chance(0.4)) {
            double mitoses = measured.equals("G3") ? uniform(21, 60) : measured.equals("G2") ? uniform(2, 20) : uniform(0, 1.9);
            p.put("mitosesPer2mm2", round1(mitoses));
        }
        if (!nec && (chance(0.45) || !ki67Known && chance(0.7))) {
            p.put("grade", chance(0.06) ? pick("G1", 1, "G2", 1, "G3", 1) : measured);
        }
        maybe(p, "functional", chance(0.05), incomplete ? 0.4 : 0.15);

        // Liver pattern: type, count, lobes and burden drawn together
        String type = switch (profile) {
            case LIMITED_RESECTABLE -> pick("TYPE_I", 60, "TYPE_II", 40);
            case DIFFUSE_LOW_GRADE -> pick("TYPE_III", 80, "TYPE_II", 20);
            case TRANSPLANT_CANDIDATE -> pick("TYPE_III", 60, "TYPE_II", 40);
            default -> pick("TYPE_I", 15, "TYPE_II", 30, "TYPE_III", 55);
        };
        int lesions;
        double burden;
        boolean bilobar;
        switch (type) {
            case "TYPE_I" -> {
                lesions = chance(0.7) ? 1 : (int) uniform(2, 4);
                bilobar = false;
                burden = uniform(1, 15);
            }
            case "TYPE_II" -> {
                lesions = (int) uniform(2, 11);
                bilobar = chance(0.6);
                burden = uniform(5, 45);
            }
            default -> {
                lesions = (int) uniform(8, 60);
                bilobar = true;
                burden = g3 || nec ? uniform(30, 90) : uniform(12, 80);
            }
        }
        if (profile == Profile.TRANSPLANT_CANDIDATE) {
            burden = uniform(10, 48);
        }
        if (chance(0.6) || incomplete && chance(0.5)) {
            p.put("liverMetastasisType", type);
        }
        maybe(p, "liverLesionCount", lesions, missing);
        maybe(p, "largestLesionCm", round1(type.equals("TYPE_I") ? uniform(0.8, 9) : uniform(1, 14)), missing * 2);
        maybe(p, "bilobar", bilobar, missing * 2);
        maybe(p, "liverTumorBurdenPercent", round1(burden), incomplete ? 0.4 : 0.15);

        // Spread beyond the liver: commoner in high grade; v2: surgeon's view of its resectability
        boolean extrahepatic = profile == Profile.TRANSPLANT_CANDIDATE ? false
            : chance(nec ? 0.6 : g3 ? 0.45 : profile == Profile.LIMITED_RESECTABLE ? 0.12 : 0.25);
        if (!chance(incomplete ? 0.4 : 0.04)) {
            p.put("extrahepaticDisease", extrahepatic);
        }
        if (extrahepatic ? chance(0.6) : chance(0.05)) {
            p.put("extrahepaticResectable", profile == Profile.LIMITED_RESECTABLE ? chance(0.7) : chance(0.25));
        }

        // Resectability by the surgeon: follows the pattern (type III is rarely called resectable: the v2 conflict)
        double pResectable = profile == Profile.LIMITED_RESECTABLE ? (type.equals("TYPE_I") ? 0.9 : 0.7)
            : type.equals("TYPE_I") ? 0.7 : type.equals("TYPE_II") ? 0.45 : 0.04;
        boolean resectable = chance(pResectable);
        maybe(p, "resectable", resectable, incomplete ? 0.4 : 0.08);
        if (resectable || chance(0.1)) {
            maybe(p, "futureLiverRemnantPercent", round1(chance(0.12) ? uniform(15, 30) : uniform(30, 75)), 0.2);
        }

        // Primary tumour
        String primaryStatus = profile == Profile.TRANSPLANT_CANDIDATE ? "RESECTED"
            : pick("RESECTED", 45, "IN_SITU", 50, "UNKNOWN", 5);
        maybe(p, "primaryStatus", primaryStatus, missing);
        if (primaryStatus.equals("IN_SITU") && chance(0.85)) {
            p.put("primaryResectable", chance(0.6));
        }
        boolean whipple = site.equals("PANCREAS") && primaryStatus.equals("RESECTED") ? chance(0.45)
            : site.equals("DUODENUM") && primaryStatus.equals("RESECTED") ? chance(0.5) : chance(0.01);
        maybe(p, "biliaryEntericAnastomosis", whipple, missing * 2);

        // Fitness: ECOG and Child-Pugh (B/C mostly with a high burden, rarely without: v2 "unexplained")
        int ecog = profile == Profile.UNFIT ? pick(2, 30, 3, 50, 4, 20)
            : profile == Profile.TRANSPLANT_CANDIDATE ? pick(0, 70, 1, 30)
            : pick(0, 45, 1, 35, 2, 14, 3, 5, 4, 1);
        maybe(p, "ecog", ecog, incomplete ? 0.35 : 0.05);
        String childPugh = burden > 50 && chance(0.3) ? pick("B", 75, "C", 25)
            : profile == Profile.UNFIT && chance(0.5) ? pick("B", 70, "C", 30)
            : chance(0.03) ? "B" : "A";
        if (profile == Profile.TRANSPLANT_CANDIDATE) {
            childPugh = "A";
        }
        maybe(p, "childPugh", childPugh, incomplete ? 0.35 : 0.04);
        maybe(p, "portalVeinThrombosis", type.equals("TYPE_III") ? chance(0.1) : chance(0.02), missing * 2);

        // Imaging and course
        String sstr = nec ? pick("POSITIVE", 25, "NEGATIVE", 65, "UNKNOWN", 10)
            : g3 ? pick("POSITIVE", 60, "NEGATIVE", 35, "UNKNOWN", 5)
            : pick("POSITIVE", 85, "NEGATIVE", 8, "UNKNOWN", 7);
        maybe(p, "sstrStatus", sstr, incomplete ? 0.4 : 0.06);
        String status = switch (profile) {
            case PROGRESSIVE_PANCREATIC, PROGRESSIVE_MIDGUT -> chance(0.9) ? "PROGRESSIVE" : "STABLE";
            case TRANSPLANT_CANDIDATE, LIMITED_RESECTABLE -> pick("STABLE", 80, "PROGRESSIVE", 15, "UNKNOWN", 5);
            case G3_NET, NEC -> pick("PROGRESSIVE", 60, "STABLE", 30, "UNKNOWN", 10);
            default -> pick("STABLE", 60, "PROGRESSIVE", 30, "UNKNOWN", 10);
        };
        maybe(p, "diseaseStatus", status, incomplete ? 0.4 : 0.06);
        maybe(p, "symptomatic", chance(type.equals("TYPE_III") ? 0.45 : 0.2), missing * 2);
        maybe(p, "creatinineClearanceMlMin", round1(clamp(normal(age > 70 ? 65 : 88, 22), 15, 160)), incomplete ? 0.5 : 0.15);

        priorTherapies(p, profile, site, status);
        return p;
    }

    /** The line of treatment the patient has had, by profile and course. */
    private void priorTherapies(ObjectNode p, Profile profile, String site, String status) {
        ArrayNode list = JSON.createArrayNode();
        boolean progressive = status.equals("PROGRESSIVE");
        switch (profile) {
            case PROGRESSIVE_MIDGUT, DIFFUSE_LOW_GRADE -> {
                if (chance(progressive ? 0.75 : 0.35)) {
                    prior(list, "SOMATOSTATIN_ANALOGUE", progressive ? outcome("PROGRESSION", 80, "STABLE", 5, "UNKNOWN", 10, "INTOLERANCE", 5)
                        : outcome("STABLE", 60, "RESPONSE", 20, "UNKNOWN", 15, "INTOLERANCE", 5));
                    if (progressive && chance(0.35)) {
                        prior(list, pick("PRRT", 50, "EVEROLIMUS", 50), outcome("PROGRESSION", 60, "RESPONSE", 15, "UNKNOWN", 15, "INTOLERANCE", 10));
                    }
                }
            }
            case PROGRESSIVE_PANCREATIC -> {
                if (chance(0.7)) {
                    prior(list, "SOMATOSTATIN_ANALOGUE", outcome("PROGRESSION", 75, "STABLE", 10, "UNKNOWN", 15));
                }
                if (chance(0.4)) {
                    prior(list, pick("EVEROLIMUS", 35, "SUNITINIB", 30, "CHEMOTHERAPY", 35),
                        outcome("PROGRESSION", 60, "INTOLERANCE", 20, "UNKNOWN", 10, "RESPONSE", 10));
                }
                if (chance(0.15)) {
                    prior(list, "PRRT", outcome("PROGRESSION", 50, "RESPONSE", 30, "UNKNOWN", 20));
                }
            }
            case G3_NET, NEC -> {
                if (chance(0.4)) {
                    prior(list, "CHEMOTHERAPY", outcome("PROGRESSION", 55, "RESPONSE", 20, "STABLE", 10, "UNKNOWN", 15));
                }
            }
            default -> {
                if (chance(0.12)) {
                    prior(list, pick("SOMATOSTATIN_ANALOGUE", 70, "EVEROLIMUS", 10, "TRANSARTERIAL_EMBOLIZATION", 10, "ABLATION", 10),
                        outcome("STABLE", 40, "PROGRESSION", 30, "RESPONSE", 15, "UNKNOWN", 15));
                }
            }
        }
        if (!list.isEmpty()) {
            p.set("priorTherapies", list);
        } else if (chance(0.5)) {
            p.set("priorTherapies", list); // "none given" written out half of the time
        }
        if (site.equals("PANCREAS") && list.isEmpty() && chance(0.02)) {
            prior(list, "SUNITINIB", "UNKNOWN");
            p.set("priorTherapies", list);
        }
    }

    private void prior(ArrayNode list, String therapy, String outcome) {
        ObjectNode t = list.addObject();
        t.put("therapy", therapy);
        t.put("outcome", outcome);
    }

    private String outcome(Object... weighted) {
        return pick(weighted);
    }

    private Profile profile() {
        int total = 0;
        for (Profile p : Profile.values()) {
            total += p.weight;
        }
        int r = rnd.nextInt(total);
        for (Profile p : Profile.values()) {
            r -= p.weight;
            if (r < 0) {
                return p;
            }
        }
        throw new IllegalStateException();
    }

    /** {@code pick(a, 30, b, 70)}: a with weight 30, b with weight 70. */
    @SuppressWarnings("unchecked")
    private <T> T pick(Object... weighted) {
        int total = 0;
        for (int i = 1; i < weighted.length; i += 2) {
            total += (Integer) weighted[i];
        }
        int r = rnd.nextInt(total);
        for (int i = 0; i < weighted.length; i += 2) {
            r -= (Integer) weighted[i + 1];
            if (r < 0) {
                return (T) weighted[i];
            }
        }
        throw new IllegalStateException();
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    private double uniform(double lo, double hi) {
        return lo + rnd.nextDouble() * (hi - lo);
    }

    private double normal(double mean, double sd) {
        return mean + rnd.nextGaussian() * sd;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private void maybe(ObjectNode p, String field, Object value, double absent) {
        if (chance(absent)) {
            return;
        }
        if (value instanceof Integer i) {
            p.put(field, i);
        } else if (value instanceof Double d) {
            p.put(field, d);
        } else if (value instanceof Boolean b) {
            p.put(field, b);
        } else {
            p.put(field, (String) value);
        }
    }
}
