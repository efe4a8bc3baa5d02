package org.netlm.impact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netlm.model.Assessment;
import org.netlm.model.Therapy;

/** The impact report as plain text for a terminal. */
public final class ImpactText {
    private ImpactText() {
    }

    public static String render(ImpactReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Impact of a rule edit on a cohort\n");
        sb.append(Assessment.DISCLAIMER).append("\n\n");
        sb.append("before: ").append(describe(r.before())).append('\n');
        sb.append("after:  ").append(describe(r.after())).append('\n');
        sb.append("cohort: ").append(String.join(", ", r.cohort())).append('\n');
        sb.append('\n').append(headline(r)).append('\n');
        if (r.detailsChanged() > 0) {
            sb.append(r.detailsChanged()).append(" more with the same strengths but another deciding rule, rationale or evidence.\n");
        }
        if (r.rejected() > 0) {
            sb.append(r.rejected()).append(" patients could not be assessed (listed on standard error).\n");
        }
        if (r.skipped() > 0) {
            sb.append(r.skipped()).append(" scenario patients skipped: their scenarios expect them to be rejected.\n");
        }
        if (!r.therapyChanges().isEmpty()) {
            sb.append("\nRecommendations (patients per transition):\n");
            byTherapy(r).forEach((t, list) -> {
                List<String> parts = new ArrayList<>();
                list.forEach(c -> parts.add(((ChangeKind.TherapyTransition) c.kind()).transition() + " " + c.patients()));
                sb.append("  ").append(t).append(": ").append(String.join(", ", parts)).append('\n');
            });
        }
        section(sb, "Findings", r.findingChanges());
        section(sb, "Warnings", r.warningChanges());
        if (!r.ruleFiring().isEmpty()) {
            sb.append("\nRules whose firing changed (patients fired for: before → after; lost, gained):\n");
            for (ImpactReport.RuleFiring f : r.ruleFiring()) {
                sb.append("  ").append(f.ruleId()).append(": ").append(f.firedBefore()).append(" → ").append(f.firedAfter())
                    .append(" (-").append(f.lost()).append(", +").append(f.gained()).append(")\n");
            }
        }
        if (!r.rulesAdded().isEmpty()) {
            sb.append("\nRules added: ").append(String.join(", ", r.rulesAdded())).append('\n');
        }
        if (!r.rulesRemoved().isEmpty()) {
            sb.append("\nRules removed: ").append(String.join(", ", r.rulesRemoved())).append('\n');
        }
        List<ImpactReport.Change> all = r.allChanges();
        if (!all.isEmpty() && r.examplesPerKind() > 0) {
            sb.append("\nExamples (the first ").append(r.examplesPerKind()).append(" patients of each change):\n");
            for (ImpactReport.Change c : all) {
                sb.append("\n").append(c.kind().label()).append(" (").append(c.patients()).append(plural(c.patients())).append(")\n");
                for (ImpactReport.Example e : c.examples()) {
                    sb.append("  ").append(e.location()).append('\n');
                    side(sb, "before", e.before());
                    side(sb, "after ", e.after());
                }
            }
        }
        return sb.toString();
    }

    /** {@code 4 of 5000 patients changed (…); 3 with changed recommendations.} or {@code No patient …}. */
    public static String headline(ImpactReport r) {
        if (r.changed() == 0) {
            return "No patient's findings, recommendations or warnings changed (" + r.patients() + " patients assessed with both rule sets).";
        }
        return r.changed() + " of " + r.patients() + " patients changed (findings, recommendation strengths or warnings); "
            + r.recommendationsChanged() + " with changed recommendations.";
    }

    static String describe(ImpactReport.RuleSetSummary s) {
        return s.name() + " (rule set " + s.rulesetVersion() + ", " + s.rules() + " rules, knowledge version "
            + (s.knowledgeVersion() == null ? "not declared" : s.knowledgeVersion()) + ")";
    }

    /** The therapy changes grouped by therapy, in therapy order. */
    static Map<Therapy, List<ImpactReport.Change>> byTherapy(ImpactReport r) {
        Map<Therapy, List<ImpactReport.Change>> m = new LinkedHashMap<>();
        for (ImpactReport.Change c : r.therapyChanges()) {
            m.computeIfAbsent(((ChangeKind.TherapyTransition) c.kind()).therapy(), t -> new ArrayList<>()).add(c);
        }
        return m;
    }

    static String plural(long n) {
        return n == 1 ? " patient" : " patients";
    }

    private static void section(StringBuilder sb, String title, List<ImpactReport.Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        sb.append('\n').append(title).append(":\n");
        changes.forEach(c -> sb.append("  ").append(c.kind().label()).append(' ').append(c.patients()).append('\n'));
    }

    private static void side(StringBuilder sb, String name, ImpactReport.Side s) {
        sb.append("    ").append(name).append(": ").append(s.outcome());
        if (s.ruleId() != null) {
            sb.append(" by ").append(s.ruleId());
        }
        if (s.rationale() != null) {
            sb.append(": ").append(s.rationale());
        }
        sb.append('\n');
        if (s.why() != null) {
            for (String line : s.why().split("\n")) {
                sb.append("      ").append(line).append('\n');
            }
        }
    }
}
