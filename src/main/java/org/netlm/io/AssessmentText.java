package org.netlm.io;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.netlm.explain.ExplanationText;
import org.netlm.model.Assessment;
import org.netlm.model.Citation;
import org.netlm.model.CriterionCode;
import org.netlm.model.Finding;
import org.netlm.model.Findings;
import org.netlm.model.MissingInput;
import org.netlm.model.Opinion;
import org.netlm.model.Recommendation;
import org.netlm.model.Warning;
import org.netlm.model.explanation.Why;
import org.netlm.model.fact.GradeFinding;

/**
 * {@link Assessment} as plain text for a clinician: the patient, the findings, each recommendation
 * (strength, therapy, rationale, citations, the other rules' views; what is on offer first), the missing data that
 * would decide therapies, the warnings and the disclaimer.
 * Lines end with {@code \n}; the output is deterministic. One method per section, like {@link AssessmentJson}.
 */
public final class AssessmentText {
    private static final String INDENT = "    ";
    /** The criterion that sets the population a rule applies to: well-differentiated NET (MET) or NEC (UNMET). */
    private static final CriterionCode POPULATION = CriterionCode.NET;

    private AssessmentText() {
    }

    public static String format(Assessment a) {
        return format(a, false);
    }

    /** The report; with {@code explain}, a "Why and why not" section after the recommendations. */
    public static String format(Assessment a, boolean explain) {
        return format(a, explain, null);
    }

    /** The report, followed by the source's short report (how the FHIR Bundle was mapped) when there is one. */
    public static String format(Assessment a, boolean explain, SourceReport report) {
        StringBuilder sb = new StringBuilder(explain ? 8192 : 2048);
        header(a, sb);
        findings(a, sb);
        recommendations(byStrength(a.recommendations()), sb);
        missingInputs(a, sb);
        if (explain) {
            ExplanationText.section(a.explanations(), sb);
        }
        warnings(a.warnings(), sb);
        if (report != null) {
            sb.append("\nMapping\n");
            report.summaryLines().forEach(l -> sb.append(INDENT).append(l).append('\n'));
        }
        sb.append('\n').append(a.disclaimer()).append('\n');
        return sb.toString();
    }

    static void header(Assessment a, StringBuilder sb) {
        sb.append("Patient ").append(a.patientId()).append("  (knowledge ").append(a.knowledgeVersion())
            .append(", rule set ").append(a.rulesetVersion()).append(")\n");
    }

    /** Finding names in words: the findings shown on a line of their own (grade source and liver-type origin qualify another). */
    private static final Map<Finding, String> FINDING_LABELS = new EnumMap<>(Map.of(
        Finding.SCOPE, "tumour type",
        Finding.GRADE, "grade",
        Finding.LIVER_METASTASIS_TYPE, "liver metastasis type",
        Finding.RESECTABILITY, "resectability",
        Finding.TUMOR_BURDEN, "liver tumour burden",
        Finding.FIT_FOR_SURGERY, "fit for liver surgery"));

    static void findings(Assessment a, StringBuilder sb) {
        sb.append("\nFindings\n");
        Findings f = a.findings();
        Map<Finding, Object> m = f.values();
        m.keySet().retainAll(FINDING_LABELS.keySet());
        if (m.isEmpty()) {
            sb.append(INDENT).append("none could be derived\n");
        }
        int width = m.keySet().stream().mapToInt(k -> FINDING_LABELS.get(k).length()).max().orElse(0);
        m.forEach((k, v) -> {
            String text = Findings.textOf(v);
            String shown = switch (k) {
                case GRADE -> f.gradeSource() == GradeFinding.Source.DERIVED ? text + " (derived from Ki-67 / mitoses)" : text;
                case LIVER_METASTASIS_TYPE -> Boolean.TRUE.equals(f.liverTypeDerived())
                    ? text + " (derived from the lesion data: confirm on imaging)" : text;
                case FIT_FOR_SURGERY -> Boolean.TRUE.equals(v) ? "yes" : "no";
                default -> text;
            };
            sb.append(INDENT).append(pad(FINDING_LABELS.get(k), width)).append("  ").append(shown).append('\n');
        });
    }

    static void recommendations(List<Recommendation> recs, StringBuilder sb) {
        sb.append("\nRecommendations\n");
        if (recs.isEmpty()) {
            sb.append(INDENT).append("none\n");
        }
        for (Recommendation r : recs) {
            sb.append(INDENT).append(pad(r.strength().name(), 15)).append("  ").append(r.therapy().name())
                .append("  [").append(r.ruleId()).append("]\n");
            sb.append(INDENT).append(INDENT).append(r.rationale()).append('\n');
            for (Citation c : r.evidence()) {
                sb.append(INDENT).append(INDENT).append("- ").append(citation(c)).append('\n');
            }
            for (Opinion o : r.opinions()) {
                if (!o.ruleId().equals(r.ruleId())) {
                    sb.append(INDENT).append(INDENT).append("also ").append(o.strength().name()).append(" [")
                        .append(o.ruleId()).append("]: ").append(o.rationale()).append('\n');
                }
            }
            for (String limit : r.limits()) {
                sb.append(INDENT).append(INDENT).append("limited by ").append(limit).append('\n');
            }
        }
    }

    /** What is on offer first (RECOMMENDED, CONSIDER), then NOT_RECOMMENDED, CONTRAINDICATED; therapy order within each. */
    static List<Recommendation> byStrength(List<Recommendation> recs) {
        List<org.netlm.model.Strength> order = List.of(org.netlm.model.Strength.RECOMMENDED, org.netlm.model.Strength.CONSIDER,
            org.netlm.model.Strength.NOT_RECOMMENDED, org.netlm.model.Strength.CONTRAINDICATED);
        return recs.stream().sorted(java.util.Comparator.comparingInt(r -> order.indexOf(r.strength()))).toList();
    }

    /**
     * "Missing data": per group of missing input fields, the therapies that data would decide ({@link MissingInput}),
     * in the default report too. Left out when nothing missing decides anything, or when the assessment has no
     * explanations to draw it from.
     */
    static void missingInputs(Assessment a, StringBuilder sb) {
        List<MissingInput> missing = a.missingInputs();
        if (missing.isEmpty()) {
            return;
        }
        sb.append("\nMissing data (give it to decide the therapies named)\n");
        for (MissingInput m : missing) {
            sb.append(INDENT).append(ExplanationText.missingInput(m)).append('\n');
        }
    }

    static void warnings(List<Warning> warnings, StringBuilder sb) {
        sb.append("\nWarnings\n");
        if (warnings.isEmpty()) {
            sb.append(INDENT).append("none\n");
        }
        for (Warning w : warnings) {
            sb.append(INDENT).append(w.code().name()).append(": ").append(w.message()).append('\n');
        }
    }

    /** {@code label — DOI x, PMID y}; unverified identifiers are not shown. */
    public static String citation(Citation c) {
        StringBuilder sb = new StringBuilder(c.label());
        if (c.doi() != null || c.pmid() != null) {
            sb.append(" — ");
            if (c.doi() != null) {
                sb.append("DOI ").append(c.doi());
            }
            if (c.pmid() != null) {
                sb.append(c.doi() != null ? ", " : "").append("PMID ").append(c.pmid());
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
