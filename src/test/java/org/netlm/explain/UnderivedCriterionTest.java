package org.netlm.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.AssessmentText;
import org.netlm.model.Assessment;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionPredicate;
import org.netlm.model.CriterionState;
import org.netlm.model.PatientCase;
import org.netlm.model.Therapy;
import org.netlm.model.explanation.OfferingRuleCheck;
import org.netlm.model.explanation.WhyNot;
import org.netlm.testing.Patients;
import org.netlm.testing.RuleFolder;

/**
 * A {@code --rules} folder that leaves a criterion underived: for every {@link CriterionPredicate}, a rule asking it
 * of that criterion does not fire (the rules read an underived criterion as satisfying no predicate), and the why-not
 * explanation says the same (the criterion blocks the rule; no patient data can satisfy it). With the criterion
 * derived, the same rules fire exactly as their predicate says: the test can fail both ways.
 */
class UnderivedCriterionTest {
    /** The criterion the edited folder leaves underived, and the therapy the test rules offer. */
    private static final CriterionCode CODE = CriterionCode.SURGEON_OVERRULED_TYPE_III;
    private static final Therapy THERAPY = Therapy.LIVER_TRANSPLANTATION;
    private static final String DERIVATION = """
            criteria.add(kcontext, Criterion.of(CriterionCode.SURGEON_OVERRULED_TYPE_III, Tri.of($t.isSurgeonOverruledTypeIII($p)),
                Tri.basis("liverMetastasisType", $t.getType(), "derived", $t.isDerived(), "resectable", $p.getResectable())));
        """;

    private static NetlmEngine derived;
    private static NetlmEngine underived;

    @BeforeAll
    static void engines(@TempDir Path tmp) {
        derived = NetlmEngine.fromDirectory(withPredicateRules(RuleFolder.copyOfBundled(tmp.resolve("derived"))).dir());
        RuleFolder edited = withPredicateRules(RuleFolder.copyOfBundled(tmp.resolve("underived")));
        edited.replace("classification/liver.drl", DERIVATION, "    // left underived by UnderivedCriterionTest\n");
        underived = NetlmEngine.fromDirectory(edited.dir());
    }

    /** One rule per predicate, each offering {@link #THERAPY} when {@link #CODE} satisfies its predicate. */
    private static RuleFolder withPredicateRules(RuleFolder folder) {
        StringBuilder drl = new StringBuilder();
        for (CriterionPredicate p : CriterionPredicate.values()) {
            drl.append("""
                // test rule: offers the therapy when the criterion is %3$s
                rule "Test offer when %2$s"
                    @id("%1$s") @evidence("XUE2025") @offers("%4$s:CONSIDER")
                when
                    Criteria( %2$s(CriterionCode.%3$s) )
                then
                    insert(Candidate.of(kcontext, Therapy.%4$s, Strength.CONSIDER, "test."));
                end

                """.formatted(id(p), p.method(), CODE, THERAPY));
        }
        folder.append("recommendation/process.drl", drl.toString());
        return folder;
    }

    private static String id(CriterionPredicate p) {
        return "TEST-" + p.name().replace('_', '-').toLowerCase(Locale.ROOT);
    }

    private static PatientCase patient() {
        return Patients.resectableG2("underived");
    }

    @ParameterizedTest
    @EnumSource(CriterionPredicate.class)
    void aRuleAskingAnyPredicateOfAnUnderivedCriterionDoesNotFireAndItsWhyNotSaysTheCriterionBlocksIt(CriterionPredicate p) {
        Assessment a = underived.assess(patient());
        assertThat(a.criteria()).noneMatch(c -> c.getCode() == CODE);
        assertThat(a.firedRules()).as("the rules: %s(%s) on an underived criterion", p.method(), CODE).doesNotContain(id(p));

        WhyNot whyNot = a.whyNot(THERAPY).orElseThrow();
        OfferingRuleCheck check = check(whyNot, id(p));
        assertThat(check.fired()).isFalse();
        assertThat(check.conditionsFullyRead()).isTrue();
        assertThat(check.missingInputs()).as("no patient data can satisfy a condition on an underived criterion").isEmpty();
        assertThat(check.blockedBy()).singleElement().satisfies(u -> {
            assertThat(u.code()).isEqualTo(CODE);
            assertThat(u.criterion().isDerived()).isFalse();
            assertThat(u.missingData()).isFalse();
            assertThat(u.accepted()).isEqualTo(p.acceptedStates());
        });
        assertThat(check.heldBackOnlyByMissingData()).isFalse();
        assertThat(ExplanationText.offeringRule(check)).contains(CODE + "=NOT_DERIVED");
        assertThat(AssessmentText.format(a, true)).doesNotContain("unknown: " + CODE.description());
    }

    @ParameterizedTest
    @EnumSource(CriterionPredicate.class)
    void withTheCriterionDerivedTheSameRuleFiresExactlyWhenItsPredicateHolds(CriterionPredicate p) {
        Assessment a = derived.assess(patient());
        CriterionState state = a.criteria().stream().filter(c -> c.getCode() == CODE).findFirst().orElseThrow().getState();
        assertThat(a.firedRules().contains(id(p))).as("%s(%s) with %s=%s", p.method(), CODE, CODE, state).isEqualTo(p.test(state));
        a.whyNot(THERAPY).ifPresent(w -> assertThat(check(w, id(p)).fired()).isEqualTo(p.test(state)));
    }

    @Test
    void everyFullyReadOfferingRuleFiredExactlyWhenItsExplanationFindsNothingUnmet() {
        for (NetlmEngine engine : List.of(derived, underived)) {
            Assessment a = engine.assess(patient());
            for (Therapy t : Therapy.values()) {
                a.whyNot(t).ifPresent(w -> w.offeringRules().stream().filter(OfferingRuleCheck::conditionsFullyRead)
                    .forEach(r -> assertThat(r.fired()).as("%s %s: %s", engine.sourceName(), t, ExplanationText.offeringRule(r))
                        .isEqualTo(r.blockedBy().isEmpty() && r.missingInputs().isEmpty())));
            }
        }
    }

    private static OfferingRuleCheck check(WhyNot w, String ruleId) {
        return w.offeringRules().stream().filter(r -> r.ruleId().equals(ruleId)).findFirst().orElseThrow(
            () -> new AssertionError(ruleId + " is not among the offering rules of " + w.therapy() + ": "
                + w.offeringRules().stream().map(OfferingRuleCheck::ruleId).toList()));
    }
}
