package org.netlm.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netlm.engine.AssessOptions;
import org.netlm.engine.NetlmEngine;
import org.netlm.catalog.RuleInfo;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;
import org.netlm.model.CriterionCode;
import org.netlm.model.Finding;
import org.netlm.model.PatientCase;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.validation.InvalidPatientException;

/** Runs scenarios against an engine and reports what differed and which rules were never fired. */
public final class ScenarioRunner {
    private final NetlmEngine engine;

    public ScenarioRunner(NetlmEngine engine) {
        this.engine = engine;
    }

    /** Runs the scenario: its listed expectations, and its snapshot when it has one. */
    public ScenarioResult run(Scenario s) {
        return run(s, true);
    }

    /**
     * Runs the scenario; with {@code checkSnapshot} false its snapshot is not compared (as when it is about to be
     * rewritten by {@code test --update-snapshots}).
     */
    public ScenarioResult run(Scenario s, boolean checkSnapshot) {
        List<String> diff = new ArrayList<>();
        Scenario.Expect ex = s.expect();
        PatientCase patient;
        try {
            patient = PatientJson.fromTree(s.patient());
        } catch (InvalidPatientException e) {
            if (ex.invalid() == null) {
                diff.add("patient rejected: " + e.getMessage());
            } else {
                for (String field : ex.invalid()) {
                    if (e.getFields().stream().noneMatch(f -> f.equals(field) || f.startsWith(field + "[") || f.startsWith(field + "."))) {
                        diff.add("rejection does not name " + field + " (named " + e.getFields() + ")");
                    }
                }
            }
            return new ScenarioResult(s, diff, List.of());
        }
        if (ex.invalid() != null) {
            diff.add("expected the patient to be rejected naming " + ex.invalid() + ", but it was accepted");
            return new ScenarioResult(s, diff, List.of());
        }
        boolean explain = !ex.blockedBy().isEmpty() || !ex.missingInputs().isEmpty();
        Assessment a = engine.assess(patient, explain ? AssessOptions.DEFAULT : AssessOptions.withoutExplanations());
        ex.findings().forEach((k, v) -> {
            String actual = Finding.forKey(k).flatMap(a.findings()::text).orElse(null);
            if (!v.equals(actual)) {
                diff.add("finding " + k + ": expected " + v + ", got " + (actual == null ? "none" : actual));
            }
        });
        ex.recommendations().forEach((t, strength) -> {
            Optional<Strength> actual = a.strengthOf(t);
            if (actual.isEmpty() || actual.get() != strength) {
                diff.add(t + ": expected " + strength + ", got " + actual.map(Enum::name).orElse("no recommendation"));
            }
        });
        for (Therapy t : ex.notOffered()) {
            Optional<Recommendation> r = a.recommendation(t);
            if (r.isPresent() && r.get().strength().isOffered()) {
                diff.add(t + ": expected not offered, got " + r.get().strength() + " (" + r.get().ruleId() + ")");
            }
        }
        for (String w : ex.warnings()) {
            if (a.warnings().stream().map(Warning::code).noneMatch(c -> c.name().equals(w))) {
                diff.add("warning " + w + " missing (got " + a.warnings().stream().map(x -> x.code().name()).toList() + ")");
            }
        }
        for (String r : ex.firedRules()) {
            if (!a.firedRules().contains(r)) {
                diff.add("rule " + r + " did not fire");
            }
        }
        ex.blockedBy().forEach((t, codes) -> {
            Set<CriterionCode> reasons = a.explanations().reasonsAgainst(t);
            for (String code : codes) {
                if (reasons.stream().noneMatch(c -> c.name().equals(code))) {
                    diff.add(t + ": expected blocked by " + code + ", but " + shown(a, t) + " names " + names(reasons));
                }
            }
        });
        ex.missingInputs().forEach((t, fields) -> {
            List<String> missing = a.explanations().missingInputFields(t);
            for (String field : fields) {
                if (!missing.contains(field)) {
                    diff.add(t + ": expected missing input " + field + ", but " + shown(a, t) + " names "
                        + (missing.isEmpty() ? "none" : missing));
                }
            }
        });
        Snapshot actual = Snapshot.of(a);
        if (checkSnapshot && s.snapshot() != null) {
            diff.addAll(s.snapshot().differences(actual));
        }
        return new ScenarioResult(s, diff, a.firedRules(), actual);
    }

    /** "PRRT (CONSIDER by SYS-15)" or "PRRT (no recommendation)". */
    private static String shown(Assessment a, Therapy t) {
        return t + a.recommendation(t).map(r -> " (" + r.strength() + " by " + r.ruleId() + ")").orElse(" (no recommendation)");
    }

    private static String names(Set<CriterionCode> codes) {
        return codes.isEmpty() ? "no reason" : codes.toString();
    }

    public List<ScenarioResult> runAll(List<Scenario> scenarios) {
        return scenarios.stream().map(this::run).toList();
    }

    /** Ids of the engine's rules that none of the results fired, in catalogue order. */
    public List<String> neverFired(List<ScenarioResult> results) {
        Set<String> fired = new LinkedHashSet<>();
        results.forEach(r -> fired.addAll(r.firedRules()));
        List<String> out = new ArrayList<>();
        for (RuleInfo r : engine.catalog().rules()) {
            if (r.id() != null && !fired.contains(r.id())) {
                out.add(r.id());
            }
        }
        return out;
    }
}
