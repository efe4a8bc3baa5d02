package org.netlm.assertions;

import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;
import org.netlm.model.Assessment;
import org.netlm.model.CriterionCode;
import org.netlm.model.Therapy;
import org.netlm.model.explanation.Why;

/** Assertions on why a therapy has its strength ({@link Why}); {@link #and()} returns to the assessment. */
public class TherapyAssert extends AbstractAssert<TherapyAssert, Assessment> {
    private final AssessmentAssert parent;
    private final Therapy therapy;

    protected TherapyAssert(AssessmentAssert parent, Assessment actual, Therapy therapy) {
        super(actual, TherapyAssert.class);
        this.parent = parent;
        this.therapy = therapy;
    }

    /**
     * Each criterion is behind the therapy's strength: matched by the deciding rule or by another rule that gave an
     * opinion on the same side ({@link Why#supportingCriteria()}).
     *
     * @param criteria the criteria expected behind the strength
     * @return this assertion, for chaining
     */
    public TherapyAssert because(CriterionCode... criteria) {
        Why why = why();
        Set<CriterionCode> supporting = why.supportingCriteria();
        for (CriterionCode c : criteria) {
            if (!supporting.contains(c)) {
                failWithMessage("%s", "Expecting " + therapy + " for " + actual.patientId() + " to be " + why.strength()
                    + " because of " + c + ", but its rules matched " + supporting + ".\n" + Messages.explanation(actual, therapy));
            }
        }
        return this;
    }

    /**
     * The deciding rule (the one whose strength won) is {@code ruleId}.
     *
     * @param ruleId the rule's {@code @id}
     * @return this assertion, for chaining
     */
    public TherapyAssert decidedBy(String ruleId) {
        Why why = why();
        if (!why.deciding().ruleId().equals(ruleId)) {
            failWithMessage("%s", "Expecting " + therapy + " for " + actual.patientId() + " to be decided by " + ruleId
                + ", but it was decided by " + why.deciding().ruleId() + ".\n" + Messages.explanation(actual, therapy));
        }
        return this;
    }

    /**
     * A CONSIDER that data for {@code fields} could make RECOMMENDED ({@link Why#upgradeInputFields()}).
     *
     * @param fields patient field names (JSON names)
     * @return this assertion, for chaining
     */
    public TherapyAssert couldBeRecommendedWith(String... fields) {
        Why why = why();
        for (String f : fields) {
            if (!why.upgradeInputFields().contains(f)) {
                failWithMessage("%s", "Expecting " + therapy + " for " + actual.patientId() + " to be upgradable to RECOMMENDED by giving "
                    + f + ", but " + (why.upgradableByData() ? "the inputs that could upgrade it are " + why.upgradeInputFields()
                    : "no missing input could upgrade it") + ".\n" + Messages.explanation(actual, therapy));
            }
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

    private Why why() {
        Optional<Why> why = actual.why(therapy);
        if (why.isEmpty()) {
            failWithMessage("%s", "Expecting an explanation of " + therapy + " for " + actual.patientId() + ", but there is none.\n"
                + Messages.explanation(actual, therapy));
        }
        return why.orElseThrow();
    }
}
