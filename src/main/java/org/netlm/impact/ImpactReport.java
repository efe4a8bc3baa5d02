package org.netlm.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an edit of the rules changes on a cohort: the result of {@link ImpactAnalysis}, rendered by
 * {@link ImpactText}, {@link ImpactJson}, {@link ImpactMarkdown} and {@link ImpactHtml}.
 *
 * <p>A patient is <em>changed</em> when its findings, the resolved strength of any therapy (a therapy appearing or
 * going counts), or its warning codes differ. A patient with none of these changes but another deciding rule,
 * rationale or evidence for some therapy counts under {@link #detailsChanged()}; firing differences show in
 * {@link #ruleFiring()}.
 *
 * @param before            the rule set before the edit
 * @param after             the rule set after it
 * @param cohort            the cohort's files, in reading order
 * @param patients          patients assessed with both rule sets
 * @param changed           patients whose findings, recommendation strengths or warnings changed
 * @param recommendationsChanged patients whose recommendation strengths changed (a subset of {@code changed})
 * @param detailsChanged    patients not changed but with another deciding rule, rationale or evidence for a therapy
 * @param rejected          patients that could not be assessed (invalid, or an engine failed on them)
 * @param skipped           scenario patients skipped because the scenario expects them to be rejected
 * @param therapyChanges    per therapy transition: the patients, and examples
 * @param findingChanges    per finding transition
 * @param warningChanges    per warning added or removed
 * @param ruleFiring        the rules whose firing changed for at least one patient
 * @param rulesAdded        rule ids only in the after rule set
 * @param rulesRemoved      rule ids only in the before rule set
 * @param rejections        one message per problem of a rejected patient (the first {@link ImpactAnalysis#MAX_REJECTIONS})
 * @param examplesPerKind   most examples kept per kind of change
 */
public record ImpactReport(RuleSetSummary before, RuleSetSummary after, List<String> cohort, long patients, long changed,
                           long recommendationsChanged, long detailsChanged, long rejected, long skipped,
                           List<Change> therapyChanges, List<Change> findingChanges, List<Change> warningChanges,
                           List<RuleFiring> ruleFiring, List<String> rulesAdded, List<String> rulesRemoved,
                           List<String> rejections, int examplesPerKind) {
    public ImpactReport {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        cohort = List.copyOf(cohort);
        therapyChanges = List.copyOf(therapyChanges);
        findingChanges = List.copyOf(findingChanges);
        warningChanges = List.copyOf(warningChanges);
        ruleFiring = List.copyOf(ruleFiring);
        rulesAdded = List.copyOf(rulesAdded);
        rulesRemoved = List.copyOf(rulesRemoved);
        rejections = List.copyOf(rejections);
    }

    /** True when any patient's assessment differs in anything but the rule-set version. */
    public boolean anyChange() {
        return changed > 0 || detailsChanged > 0 || !ruleFiring.isEmpty();
    }

    /** Every change, therapies first, then findings, then warnings. */
    public List<Change> allChanges() {
        List<Change> all = new ArrayList<>(therapyChanges);
        all.addAll(findingChanges);
        all.addAll(warningChanges);
        return all;
    }

    /**
     * A rule set.
     *
     * @param name             "bundled rules" or the folder
     * @param rulesetVersion   library version plus the digest of the rule files
     * @param knowledgeVersion the knowledge version the folder declares, or {@code null}
     * @param rules            number of rules
     */
    public record RuleSetSummary(String name, String rulesetVersion, String knowledgeVersion, int rules) {
    }

    /** The patients with one kind of change, and the first few of them as examples (in cohort order). */
    public record Change(ChangeKind kind, long patients, List<Example> examples) {
        public Change {
            examples = List.copyOf(examples);
        }
    }

    /**
     * One patient with a change: what each side says and why.
     *
     * @param location where the patient was read ({@code file:line: patient id:})
     */
    public record Example(String patientId, String location, Side before, Side after) {
    }

    /**
     * One side of an example.
     *
     * @param outcome   the strength ("absent" when no rule spoke), the finding value, or "present"/"absent" for a warning
     * @param ruleId    the deciding rule, or {@code null}
     * @param rationale the recommendation's rationale, the warning's message, or the patient's recommendations in short
     * @param why       the explanation (why / why not), multi-line, or {@code null}
     */
    public record Side(String outcome, String ruleId, String rationale, String why) {
    }

    /**
     * A rule whose firing changed.
     *
     * @param firedBefore patients it fired for with the rules before
     * @param firedAfter  patients it fired for with the rules after
     * @param lost        patients it fired for before but not after
     * @param gained      patients it fired for after but not before
     */
    public record RuleFiring(String ruleId, long firedBefore, long firedAfter, long lost, long gained) {
    }
}
