package org.netlm.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.netlm.model.explanation.Explanations;
import org.netlm.model.explanation.Why;
import org.netlm.model.explanation.WhyNot;

/**
 * The result of assessing one patient: findings, resolved recommendations (at most one per therapy),
 * warnings, the rules that fired (in firing order), every criterion's state, the rule-set version and the
 * knowledge version, and the {@link Explanations} (why each recommendation, why not every other therapy), from
 * which the {@link #missingInputs() missing inputs} are drawn.
 *
 * <p>Immutable and safe to share between threads. The engine builds the explanations on first use of
 * {@link #explanations()} (or {@link #why}, {@link #whyNot}), from data captured when the rules fired, so a caller
 * that never reads them does not pay for them; the result is computed once and is the same whenever it is asked for.
 * Equality and hash code cover every component, the explanations included.
 */
public final class Assessment {

    /** Printed with every assessment, in every format. */
    public static final String DISCLAIMER = "Decision support for a multidisciplinary tumour board, not a prescription: "
        + "every recommendation must be checked against the full clinical picture by the treating team.";

    private final String patientId;
    private final String rulesetVersion;
    private final String knowledgeVersion;
    private final Findings findings;
    private final List<Recommendation> recommendations;
    private final List<Warning> warnings;
    private final List<String> firedRules;
    private final List<Criterion> criteria;
    private final String disclaimer;
    private volatile Explanations explanations;
    private Supplier<Explanations> explain; // guarded by this; null once the explanations exist

    public Assessment(String patientId, String rulesetVersion, String knowledgeVersion, Findings findings, List<Recommendation> recommendations,
                      List<Warning> warnings, List<String> firedRules, List<Criterion> criteria, String disclaimer,
                      Explanations explanations) {
        this(patientId, rulesetVersion, knowledgeVersion, findings, recommendations, warnings, firedRules, criteria, disclaimer,
            explanations == null ? Explanations.NONE : explanations, null);
    }

    /** An assessment without explanations ({@link Explanations#NONE}). */
    public Assessment(String patientId, String rulesetVersion, String knowledgeVersion, Findings findings, List<Recommendation> recommendations,
                      List<Warning> warnings, List<String> firedRules, List<Criterion> criteria, String disclaimer) {
        this(patientId, rulesetVersion, knowledgeVersion, findings, recommendations, warnings, firedRules, criteria, disclaimer, Explanations.NONE);
    }

    private Assessment(String patientId, String rulesetVersion, String knowledgeVersion, Findings findings, List<Recommendation> recommendations,
                       List<Warning> warnings, List<String> firedRules, List<Criterion> criteria, String disclaimer,
                       Explanations explanations, Supplier<Explanations> explain) {
        this.patientId = patientId;
        this.rulesetVersion = rulesetVersion;
        this.knowledgeVersion = knowledgeVersion;
        this.findings = findings;
        this.recommendations = List.copyOf(recommendations);
        this.warnings = List.copyOf(warnings);
        this.firedRules = List.copyOf(firedRules);
        this.criteria = List.copyOf(criteria);
        this.disclaimer = disclaimer;
        this.explanations = explanations;
        this.explain = explain;
    }

    /**
     * An assessment whose explanations are built by {@code explain} on first use, once. {@code explain} must only
     * read data that no longer change (the engine passes what the finished session left behind).
     */
    public static Assessment explainedOnDemand(String patientId, String rulesetVersion, String knowledgeVersion, Findings findings,
                                               List<Recommendation> recommendations, List<Warning> warnings,
                                               List<String> firedRules, List<Criterion> criteria, String disclaimer,
                                               Supplier<Explanations> explain) {
        return new Assessment(patientId, rulesetVersion, knowledgeVersion, findings, recommendations, warnings, firedRules, criteria, disclaimer,
            null, Objects.requireNonNull(explain, "explain"));
    }

    /**
     * The case id of the assessed patient.
     *
     * @return the patient's {@code id}
     */
    public String patientId() {
        return patientId;
    }

    /**
     * The exact rule files that produced this assessment: the library version plus a digest of the rule folder
     * (every rule file, the evidence registry and the knowledge version file), e.g. {@code 0.1.0+519f990093e8}.
     *
     * @return the rule-set version
     */
    public String rulesetVersion() {
        return rulesetVersion;
    }

    /**
     * The semantic version of the clinical knowledge the rule folder declares ({@code knowledge.json}), e.g.
     * {@code 2.0.0} for decision model version 2. Unlike {@link #rulesetVersion()} it changes only when the rule
     * folder's authors declare a new version of the knowledge; CHANGELOG.md lists what each version changed.
     *
     * @return the knowledge version
     */
    public String knowledgeVersion() {
        return knowledgeVersion;
    }

    /**
     * What the classification rules derived from the input: scope (NET or NEC), grade, liver metastasis type,
     * tumour burden, resectability and fitness for major liver surgery.
     *
     * @return the findings
     */
    public Findings findings() {
        return findings;
    }

    /**
     * The resolved recommendations, at most one per therapy, each with strength, rationale, rule id and evidence.
     * A therapy no rule spoke about is absent; a therapy ruled out is present as NOT_RECOMMENDED or CONTRAINDICATED.
     *
     * @return the recommendations, unmodifiable
     */
    public List<Recommendation> recommendations() {
        return recommendations;
    }

    /**
     * Data-quality and safety warnings (e.g. implausible or conflicting values) raised by the validation rules.
     *
     * @return the warnings, unmodifiable
     */
    public List<Warning> warnings() {
        return warnings;
    }

    /**
     * The {@code @id}s of the rules that fired, in firing order.
     *
     * @return the rule ids, unmodifiable
     */
    public List<String> firedRules() {
        return firedRules;
    }

    /**
     * Every named criterion the classification rules derived for this patient, each MET, UNMET or UNKNOWN (when the
     * data it needs are missing).
     *
     * @return the criteria, unmodifiable
     */
    public List<Criterion> criteria() {
        return criteria;
    }

    /**
     * The statement that this is decision support, not a prescription ({@link #DISCLAIMER}).
     *
     * @return the disclaimer printed with the assessment
     */
    public String disclaimer() {
        return disclaimer;
    }

    /**
     * Why each recommendation and why not every other therapy; built on the first call, once.
     *
     * @return the explanations, {@link Explanations#NONE} when the assessment was made without them
     */
    public Explanations explanations() {
        Explanations e = explanations;
        if (e != null) {
            return e;
        }
        synchronized (this) {
            if (explanations == null) {
                Explanations built = explain.get();
                explanations = built == null ? Explanations.NONE : built;
                explain = null; // let the captured session data go
            }
            return explanations;
        }
    }

    /**
     * The missing data that would decide therapies: per group of input fields, the therapies whose strength that data
     * could change (put on offer, or make RECOMMENDED), from the same data as the why / why-not explanations
     * ({@link Explanations#missingInputs()}). Builds the explanations on first use; empty when the assessment was made
     * without explanations ({@link #explanations()} is {@link Explanations#NONE}) or when nothing missing decides
     * anything.
     *
     * @return the missing inputs that would decide therapies
     */
    public List<MissingInput> missingInputs() {
        return explanations().missingInputs();
    }

    /**
     * The recommendation for {@code therapy}, if any rule spoke about it.
     *
     * @param therapy the therapy to look up
     * @return its resolved recommendation, or empty
     */
    public Optional<Recommendation> recommendation(Therapy therapy) {
        return recommendations.stream().filter(r -> r.therapy() == therapy).findFirst();
    }

    /**
     * The resolved strength for {@code therapy}.
     *
     * @param therapy the therapy to look up
     * @return its strength, or empty when no rule spoke about it
     */
    public Optional<Strength> strengthOf(Therapy therapy) {
        return recommendation(therapy).map(Recommendation::strength);
    }

    /**
     * Whether {@code therapy} is on offer.
     *
     * @param therapy the therapy to look up
     * @return true when its strength is RECOMMENDED or CONSIDER
     */
    public boolean offers(Therapy therapy) {
        return strengthOf(therapy).map(Strength::isOffered).orElse(false);
    }

    /**
     * Whether a warning with this code was raised.
     *
     * @param code the warning code
     * @return true when {@link #warnings()} holds one with {@code code}
     */
    public boolean hasWarning(WarningCode code) {
        return warnings.stream().anyMatch(w -> w.code() == code);
    }

    /**
     * Why {@code therapy} has its strength.
     *
     * @param therapy the therapy to explain
     * @return the explanation; present for every resolved recommendation when explanations were built
     */
    public Optional<Why> why(Therapy therapy) {
        return explanations().why(therapy);
    }

    /**
     * Why {@code therapy} is not on offer: the unmet or unknown criteria of each rule that could have offered it.
     *
     * @param therapy the therapy to explain
     * @return the explanation; present for every therapy not offered when explanations were built
     */
    public Optional<WhyNot> whyNot(Therapy therapy) {
        return explanations().whyNot(therapy);
    }

    /**
     * The state of a criterion for this patient.
     *
     * @param code the criterion
     * @return the derived criterion, or empty when no rule derived it
     */
    public Optional<Criterion> criterion(CriterionCode code) {
        return criteria.stream().filter(c -> c.getCode() == code).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Assessment a
            && Objects.equals(patientId, a.patientId) && Objects.equals(rulesetVersion, a.rulesetVersion)
            && Objects.equals(knowledgeVersion, a.knowledgeVersion)
            && Objects.equals(findings, a.findings) && recommendations.equals(a.recommendations)
            && warnings.equals(a.warnings) && firedRules.equals(a.firedRules) && criteria.equals(a.criteria)
            && Objects.equals(disclaimer, a.disclaimer) && explanations().equals(a.explanations());
    }

    @Override
    public int hashCode() {
        return Objects.hash(patientId, rulesetVersion, knowledgeVersion, findings, recommendations, warnings, firedRules, criteria, disclaimer,
            explanations());
    }

    @Override
    public String toString() {
        return "Assessment[patientId=" + patientId + ", rulesetVersion=" + rulesetVersion + ", knowledgeVersion=" + knowledgeVersion + ", findings=" + findings
            + ", recommendations=" + recommendations + ", warnings=" + warnings + ", firedRules=" + firedRules
            + ", criteria=" + criteria + ", disclaimer=" + disclaimer + ", explanations=" + explanations() + "]";
    }
}
