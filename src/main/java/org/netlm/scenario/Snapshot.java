package org.netlm.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.netlm.model.Assessment;
import org.netlm.model.Recommendation;
import org.netlm.model.Warning;

/**
 * The complete output of one assessment that a snapshot scenario pins: every finding, every recommendation with its
 * strength (in output order), every warning code. Written by {@code test --update-snapshots} under the scenario's
 * {@code "snapshot"} key; {@code test} then reports any difference.
 *
 * @param findings        finding name to value (as in the assessment JSON)
 * @param recommendations therapy and strength, in the assessment's order
 * @param warnings        warning codes, in the assessment's order
 */
public record Snapshot(Map<String, String> findings, List<Entry> recommendations, List<String> warnings) {
    public Snapshot {
        findings = Collections.unmodifiableMap(new LinkedHashMap<>(findings));
        recommendations = List.copyOf(recommendations);
        warnings = List.copyOf(warnings);
    }

    /** One recommendation: therapy and strength, by name. */
    public record Entry(String therapy, String strength) {
        public Entry {
            Objects.requireNonNull(therapy, "therapy");
            Objects.requireNonNull(strength, "strength");
        }
    }

    public static Snapshot of(Assessment a) {
        List<Entry> recs = new ArrayList<>();
        for (Recommendation r : a.recommendations()) {
            recs.add(new Entry(r.therapy().name(), r.strength().name()));
        }
        return new Snapshot(a.findings().asMap(), recs, a.warnings().stream().map(Warning::code).map(Enum::name).toList());
    }

    /** Every difference of {@code actual} from this expected snapshot, one phrase each (empty when equal). */
    public List<String> differences(Snapshot actual) {
        List<String> out = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>(findings);
        actual.findings.forEach(keys::putIfAbsent);
        keys.keySet().forEach(k -> {
            String e = findings.get(k);
            String g = actual.findings.get(k);
            if (!Objects.equals(e, g)) {
                out.add("snapshot finding " + k + ": expected " + (e == null ? "none" : e) + ", got " + (g == null ? "none" : g));
            }
        });
        Map<String, String> exp = strengths(recommendations);
        Map<String, String> got = strengths(actual.recommendations);
        Map<String, String> therapies = new LinkedHashMap<>(exp);
        got.forEach(therapies::putIfAbsent);
        therapies.keySet().forEach(t -> {
            String e = exp.get(t);
            String g = got.get(t);
            if (!Objects.equals(e, g)) {
                out.add("snapshot " + t + ": expected " + (e == null ? "no recommendation" : e) + ", got " + (g == null ? "no recommendation" : g));
            }
        });
        if (out.stream().noneMatch(d -> d.startsWith("snapshot ") && !d.startsWith("snapshot finding")) && !recommendations.equals(actual.recommendations)) {
            out.add("snapshot: recommendations in another order: expected " + names(recommendations) + ", got " + names(actual.recommendations));
        }
        for (String w : warnings) {
            if (!actual.warnings.contains(w)) {
                out.add("snapshot warning " + w + " missing");
            }
        }
        for (String w : actual.warnings) {
            if (!warnings.contains(w)) {
                out.add("snapshot warning " + w + " new");
            }
        }
        return out;
    }

    private static Map<String, String> strengths(List<Entry> entries) {
        Map<String, String> m = new LinkedHashMap<>();
        entries.forEach(e -> m.put(e.therapy(), e.strength()));
        return m;
    }

    private static List<String> names(List<Entry> entries) {
        return entries.stream().map(Entry::therapy).toList();
    }
}
