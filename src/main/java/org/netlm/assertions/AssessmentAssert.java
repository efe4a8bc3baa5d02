package org.netlm.assertions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.netlm.model.Assessment;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;

/**
 * Assertions on an {@link Assessment}. The therapy assertions return an assertion on that therapy
 * ({@link TherapyAssert}, {@link NotOfferedAssert}) whose {@code and()} comes back here.
 */
public class AssessmentAssert extends AbstractAssert<AssessmentAssert, Assessment> {

    protected AssessmentAssert(Assessment actual) {
        super(actual, AssessmentAssert.class);
    }

    /**
     * The therapy is RECOMMENDED (exactly: a CONSIDER fails).
     *
     * @param therapy the therapy
     * @return an assertion on why the therapy has its strength
     */
    public TherapyAssert recommends(Therapy therapy) {
        return recommends(therapy, Strength.RECOMMENDED);
    }

    /**
     * The therapy's resolved strength is exactly {@code strength}.
     *
     * @param therapy the therapy
     * @param strength the expected resolved strength
     * @return an assertion on why the therapy has its strength
     */
    public TherapyAssert recommends(Therapy therapy, Strength strength) {
        isNotNull();
        Optional<Recommendation> r = actual.recommendation(therapy);
        if (r.isEmpty() || r.get().strength() != strength) {
            failWithMessage("%s", Messages.expected(actual, therapy, "to be " + strength));
        }
        return new TherapyAssert(this, actual, therapy);
    }

    /**
     * The therapy is CONSIDER.
     *
     * @param therapy the therapy
     * @return an assertion on why the therapy has its strength
     */
    public TherapyAssert considers(Therapy therapy) {
        return recommends(therapy, Strength.CONSIDER);
    }

    /**
     * The therapy is not on offer: absent, NOT_RECOMMENDED or CONTRAINDICATED.
     *
     * @param therapy the therapy
     * @return an assertion on why the therapy is not on offer
     */
    public NotOfferedAssert doesNotOffer(Therapy therapy) {
        isNotNull();
        Optional<Recommendation> r = actual.recommendation(therapy);
        if (r.isPresent() && r.get().strength().isOffered()) {
            failWithMessage("%s", Messages.expected(actual, therapy, "not to be offered"));
        }
        return new NotOfferedAssert(this, actual, therapy);
    }

    /**
     * The therapy is CONTRAINDICATED.
     *
     * @param therapy the therapy
     * @return an assertion on why the therapy is not on offer
     */
    public NotOfferedAssert isContraindicated(Therapy therapy) {
        return notOfferedAs(therapy, Strength.CONTRAINDICATED);
    }

    /**
     * The therapy is NOT_RECOMMENDED.
     *
     * @param therapy the therapy
     * @return an assertion on why the therapy is not on offer
     */
    public NotOfferedAssert isNotRecommended(Therapy therapy) {
        return notOfferedAs(therapy, Strength.NOT_RECOMMENDED);
    }

    private NotOfferedAssert notOfferedAs(Therapy therapy, Strength strength) {
        isNotNull();
        if (actual.strengthOf(therapy).orElse(null) != strength) {
            failWithMessage("%s", Messages.expected(actual, therapy, "to be " + strength));
        }
        return new NotOfferedAssert(this, actual, therapy);
    }

    /**
     * The warning is among the assessment's warnings.
     *
     * @param code the warning code
     * @return this assertion, for chaining
     */
    public AssessmentAssert hasWarning(WarningCode code) {
        isNotNull();
        if (!actual.hasWarning(code)) {
            List<WarningCode> codes = actual.warnings().stream().map(Warning::code).toList();
            failWithMessage("%s", "Expecting the assessment of " + actual.patientId() + " to have warning " + code
                + ", but its warnings are " + (codes.isEmpty() ? "none" : codes));
        }
        return this;
    }

    /**
     * The warning is not among the assessment's warnings.
     *
     * @param code the warning code
     * @return this assertion, for chaining
     */
    public AssessmentAssert hasNoWarning(WarningCode code) {
        isNotNull();
        actual.warnings().stream().filter(w -> w.code() == code).findFirst().ifPresent(w ->
            failWithMessage("%s", "Expecting the assessment of " + actual.patientId() + " not to have warning " + code
                + ", but it has it: " + w.message()));
        return this;
    }

    /**
     * The finding {@code name} (as in the JSON output: grade, liverMetastasisType, resectability, ...) equals {@code value}.
     *
     * @param name the finding as named in the JSON output
     * @param value the expected value, as in the JSON output
     * @return this assertion, for chaining
     */
    public AssessmentAssert hasFinding(String name, String value) {
        isNotNull();
        Map<String, String> findings = actual.findings().asMap();
        String got = findings.get(name);
        if (!String.valueOf(value).equals(got)) {
            failWithMessage("%s", "Expecting the assessment of " + actual.patientId() + " to have finding " + name + "=" + value
                + ", but it shows " + (got == null ? "no " + name : name + "=" + got) + " (findings " + findings + ")");
        }
        return this;
    }

    /**
     * The rule with {@code @id} {@code ruleId} fired.
     *
     * @param ruleId the rule's {@code @id}
     * @return this assertion, for chaining
     */
    public AssessmentAssert firedRule(String ruleId) {
        isNotNull();
        if (!actual.firedRules().contains(ruleId)) {
            failWithMessage("%s", "Expecting rule " + ruleId + " to have fired for " + actual.patientId()
                + ", but it did not; fired: " + actual.firedRules());
        }
        return this;
    }

    /**
     * The rule with {@code @id} {@code ruleId} did not fire.
     *
     * @param ruleId the rule's {@code @id}
     * @return this assertion, for chaining
     */
    public AssessmentAssert didNotFire(String ruleId) {
        isNotNull();
        if (actual.firedRules().contains(ruleId)) {
            failWithMessage("%s", "Expecting rule " + ruleId + " not to have fired for " + actual.patientId() + ", but it did");
        }
        return this;
    }
}
