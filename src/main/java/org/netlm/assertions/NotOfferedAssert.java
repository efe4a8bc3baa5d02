package org.netlm.assertions;

import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.netlm.model.Assessment;
import org.netlm.model.CriterionCode;
import org.netlm.model.Therapy;
import org.netlm.model.explanation.LimitExplanation;
import org.netlm.model.explanation.WhyNot;

/** Assertions on why a therapy is not on offer ({@link WhyNot}); {@link #and()} returns to the assessment. */
public class NotOfferedAssert extends AbstractAssert<NotOfferedAssert, Assessment> {
    private final AssessmentAssert parent;
    private final Therapy therapy;

    protected NotOfferedAssert(AssessmentAssert parent, Assessment actual, Therapy therapy) {
        super(actual, NotOfferedAssert.class);
        this.parent = parent;
        this.therapy = therapy;
    }

    /**
     * Each criterion is named as a reason against the therapy ({@link WhyNot#reasons()}): a known criterion that
     * blocks every offering rule, a missing input, a criterion a NOT_RECOMMENDED/CONTRAINDICATED rule matched (shared
     * preconditions such as NET=MET excluded), or the cause of a limit.
     *
     * @param criteria the criteria expected among the reasons
     * @return this assertion, for chaining
     */
    public NotOfferedAssert becauseOf(CriterionCode... criteria) {
        WhyNot wn = whyNot();
        for (CriterionCode c : criteria) {
            if (!wn.reasons().contains(c)) {
                failWithMessage("%s", "Expecting " + therapy + " not to be offered to " + actual.patientId() + " because of " + c
                    + ", but the reasons are " + (wn.reasons().isEmpty() ? "none" : wn.reasons()) + ".\n"
                    + Messages.explanation(actual, therapy));
            }
        }
        return this;
    }

    /**
     * Each patient field is a missing input that holds an offering rule back ({@link WhyNot#missingInputFields()}).
     *
     * @param fields patient field names (JSON names)
     * @return this assertion, for chaining
     */
    public NotOfferedAssert missingInput(String... fields) {
        WhyNot wn = whyNot();
        for (String f : fields) {
            if (!wn.missingInputFields().contains(f)) {
                failWithMessage("%s", "Expecting " + therapy + " for " + actual.patientId() + " to wait for input " + f
                    + ", but the missing inputs are " + (wn.missingInputFields().isEmpty() ? "none" : wn.missingInputFields())
                    + ".\n" + Messages.explanation(actual, therapy));
            }
        }
        return this;
    }

    /**
     * Data for the missing inputs alone could put the therapy on offer ({@link WhyNot#unlockableByData()}).
     *
     * @return this assertion, for chaining
     */
    public NotOfferedAssert isUnlockableByData() {
        if (!whyNot().unlockableByData()) {
            failWithMessage("%s", "Expecting " + therapy + " for " + actual.patientId()
                + " to be unlockable by data, but it is not.\n" + Messages.explanation(actual, therapy));
        }
        return this;
    }

    /**
     * A NOT_OFFERED limit set by {@code ruleId} (e.g. SYS-23, already failed) is among the reasons.
     *
     * @param ruleId the rule's {@code @id}
     * @return this assertion, for chaining
     */
    public NotOfferedAssert suppressedBy(String ruleId) {
        List<String> by = whyNot().suppressions().stream().map(LimitExplanation::ruleId).toList();
        if (!by.contains(ruleId)) {
            failWithMessage("%s", "Expecting " + therapy + " for " + actual.patientId() + " to be suppressed by " + ruleId
                + ", but " + (by.isEmpty() ? "no rule suppressed it" : "it was suppressed by " + by) + ".\n"
                + Messages.explanation(actual, therapy));
        }
        return this;
    }

    /**
     * Back to the assessment.
     *
     * @return the assertion on the assessment
     */
    public AssessmentAssert and() {
        return parent;
    }

    private WhyNot whyNot() {
        Optional<WhyNot> wn = actual.whyNot(therapy);
        if (wn.isEmpty()) {
            failWithMessage("%s", "Expecting an explanation of why " + therapy + " is not offered to " + actual.patientId()
                + ", but there is none.\n" + Messages.explanation(actual, therapy));
        }
        return wn.orElseThrow();
    }
}
