package org.netlm.assertions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netlm.assertions.NetlmAssertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.netlm.engine.AssessOptions;
import org.netlm.engine.NetlmEngine;
import org.netlm.model.Assessment;
import org.netlm.model.ChildPugh;
import org.netlm.model.CriterionCode;
import org.netlm.model.Differentiation;
import org.netlm.model.DiseaseStatus;
import org.netlm.model.PatientCase;
import org.netlm.model.PrimarySite;
import org.netlm.model.PrimaryStatus;
import org.netlm.model.SstrStatus;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;
import org.netlm.model.WarningCode;

/** The assertion API: every assertion passes when the assessment shows it and fails, saying why, when it does not. */
class NetlmAssertionsTest {
    static final NetlmEngine ENGINE = NetlmEngine.withDefaultRules();

    /** Progressive G2 small-intestinal NET of type III after SSA, SSTR-positive: PRRT RECOMMENDED, sunitinib NOT_RECOMMENDED. */
    static PatientCase.Builder midgut() {
        return PatientCase.builder().id("midgut").age(64).ecog(1).primarySite(PrimarySite.SMALL_INTESTINE)
            .primaryStatus(PrimaryStatus.RESECTED).differentiation(Differentiation.WELL).ki67Percent(8.0)
            .liverLesionCount(14).bilobar(true).liverTumorBurdenPercent(35.0).extrahepaticDisease(false)
            .childPugh(ChildPugh.A).sstrStatus(SstrStatus.POSITIVE).diseaseStatus(DiseaseStatus.PROGRESSIVE).symptomatic(false)
            .creatinineClearanceMlMin(80.0).priorTherapy(Therapy.SOMATOSTATIN_ANALOGUE, TherapyOutcome.PROGRESSION);
    }

    final Assessment midgut = ENGINE.assess(midgut().build());
    final Assessment sstrMissing = ENGINE.assess(midgut().id("sstr-missing").sstrStatus(null).build());
    final Assessment sstrNegative = ENGINE.assess(midgut().id("sstr-negative").sstrStatus(SstrStatus.NEGATIVE).build());

    @Nested
    class Recommends {
        @Test
        void passesForARecommendedTherapyWithItsReasons() {
            assertThat(midgut).recommends(Therapy.PRRT).because(CriterionCode.PRIOR_SYSTEMIC_PROGRESSION, CriterionCode.PROGRESSIVE)
                .decidedBy("SYS-14");
            assertThat(midgut).recommends(Therapy.PRRT, Strength.RECOMMENDED);
            assertThat(midgut).recommends(Therapy.SUNITINIB, Strength.NOT_RECOMMENDED).because(CriterionCode.PANCREATIC_PRIMARY);
        }

        @Test
        void failsForAConsiderSayingWhatTheAssessmentShowsAndWhy() {
            assertThatThrownBy(() -> assertThat(sstrMissing).recommends(Therapy.PRRT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting PRRT to be RECOMMENDED for sstr-missing, but the assessment shows CONSIDER (by SYS-14)")
                .hasMessageContaining("limit SYS-16 AT_MOST_CONSIDER")
                .hasMessageContaining("give sstrStatus");
        }

        @Test
        void failsForAnAbsentTherapy() {
            assertThatThrownBy(() -> assertThat(midgut).recommends(Therapy.CABOZANTINIB))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but the assessment shows no recommendation")
                .hasMessageContaining("PRIOR_NON_SSA_SYSTEMIC_FAILURE=UNMET");
        }

        @Test
        void becauseFailsForACriterionNoSupportingRuleMatched() {
            assertThatThrownBy(() -> assertThat(midgut).recommends(Therapy.PRRT).because(CriterionCode.PANCREATIC_PRIMARY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting PRRT for midgut to be RECOMMENDED because of PANCREATIC_PRIMARY, but its rules matched [")
                .hasMessageContaining("deciding SYS-14 RECOMMENDED");
        }

        @Test
        void decidedByFailsForAnotherRule() {
            assertThatThrownBy(() -> assertThat(midgut).recommends(Therapy.PRRT).decidedBy("SYS-15"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("to be decided by SYS-15, but it was decided by SYS-14");
        }

        @Test
        void becauseFailsWhenTheAssessmentHasNoExplanations() {
            Assessment bare = ENGINE.assess(midgut().build(), AssessOptions.withoutExplanations());
            assertThatThrownBy(() -> assertThat(bare).recommends(Therapy.PRRT).because(CriterionCode.PROGRESSIVE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("carries no explanations");
        }
    }

    @Nested
    class Considers {
        @Test
        void passesForAConsiderAndNamesTheInputThatCouldUpgradeIt() {
            assertThat(sstrMissing).considers(Therapy.PRRT).couldBeRecommendedWith("sstrStatus")
                .and().recommends(Therapy.SSTR_IMAGING).because(CriterionCode.SSTR_POSITIVE);
        }

        @Test
        void failsForARecommendedTherapy() {
            assertThatThrownBy(() -> assertThat(midgut).considers(Therapy.PRRT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting PRRT to be CONSIDER for midgut, but the assessment shows RECOMMENDED (by SYS-14)");
        }

        @Test
        void couldBeRecommendedWithFailsWhenNoMissingInputCouldUpgradeIt() {
            assertThatThrownBy(() -> assertThat(midgut).considers(Therapy.SURUFATINIB).couldBeRecommendedWith("sstrStatus"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no missing input could upgrade it");
        }
    }

    @Nested
    class DoesNotOffer {
        @Test
        void passesWithTheCriteriaThatBlockIt() {
            assertThat(midgut).doesNotOffer(Therapy.SUNITINIB).becauseOf(CriterionCode.PANCREATIC_PRIMARY)
                .and().doesNotOffer(Therapy.CABOZANTINIB).becauseOf(CriterionCode.PRIOR_NON_SSA_SYSTEMIC_FAILURE);
        }

        @Test
        void failsForAnOfferedTherapy() {
            assertThatThrownBy(() -> assertThat(midgut).doesNotOffer(Therapy.EVEROLIMUS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting EVEROLIMUS not to be offered for midgut, but the assessment shows RECOMMENDED (by SYS-07)")
                .hasMessageContaining("deciding SYS-07");
        }

        @Test
        void becauseOfFailsForACriterionThatIsNotAReasonListingTheReasons() {
            assertThatThrownBy(() -> assertThat(midgut).doesNotOffer(Therapy.SUNITINIB).becauseOf(CriterionCode.NET))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting SUNITINIB not to be offered to midgut because of NET, but the reasons are [GRADE_G3, PANCREATIC_PRIMARY]");
        }

        @Test
        void missingInputAndUnlockablePassWhenOnlyDataIsMissing() {
            Assessment sparse = ENGINE.assess(PatientCase.builder().id("sparse").primarySite(PrimarySite.PANCREAS)
                .differentiation(Differentiation.WELL).liverLesionCount(3).build());
            assertThat(sparse).doesNotOffer(Therapy.SOMATOSTATIN_ANALOGUE).missingInput("ki67Percent").isUnlockableByData();
        }

        @Test
        void missingInputAndUnlockableFailWhenSomethingKnownBlocksIt() {
            assertThatThrownBy(() -> assertThat(midgut).doesNotOffer(Therapy.SUNITINIB).missingInput("primarySite"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("to wait for input primarySite, but the missing inputs are none");
            assertThatThrownBy(() -> assertThat(midgut).doesNotOffer(Therapy.SUNITINIB).isUnlockableByData())
                .isInstanceOf(AssertionError.class).hasMessageContaining("to be unlockable by data, but it is not");
        }

        @Test
        void suppressedByNamesTheRuleThatRemovedAFailedTherapy() {
            Assessment failed = ENGINE.assess(midgut().id("evero").priorTherapy(Therapy.EVEROLIMUS, TherapyOutcome.INTOLERANCE).build());
            assertThat(failed).doesNotOffer(Therapy.EVEROLIMUS).suppressedBy("SYS-23");
            assertThatThrownBy(() -> assertThat(midgut).doesNotOffer(Therapy.SUNITINIB).suppressedBy("SYS-23"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but no rule suppressed it");
        }
    }

    @Nested
    class IsContraindicated {
        @Test
        void passesWithTheCriterionOfTheContraindication() {
            assertThat(sstrNegative).isContraindicated(Therapy.PRRT).becauseOf(CriterionCode.SSTR_NEGATIVE)
                .and().isNotRecommended(Therapy.SOMATOSTATIN_ANALOGUE).becauseOf(CriterionCode.SSTR_NEGATIVE);
        }

        @Test
        void failsForATherapyThatIsOnlyNotRecommendedOrOffered() {
            assertThatThrownBy(() -> assertThat(midgut).isContraindicated(Therapy.SUNITINIB))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting SUNITINIB to be CONTRAINDICATED for midgut, but the assessment shows NOT_RECOMMENDED (by SYS-11)");
            assertThatThrownBy(() -> assertThat(midgut).isContraindicated(Therapy.PRRT))
                .isInstanceOf(AssertionError.class).hasMessageContaining("shows RECOMMENDED");
        }
    }

    @Nested
    class WarningsFindingsAndRules {
        @Test
        void passWhenPresent() {
            assertThat(sstrMissing).hasWarning(WarningCode.SSTR_STATUS_UNKNOWN).hasNoWarning(WarningCode.NEC_OUT_OF_SCOPE)
                .hasFinding("grade", "G2").hasFinding("liverMetastasisType", "TYPE_III").firedRule("SYS-16").didNotFire("SYS-17");
        }

        @Test
        void hasWarningFailsListingTheWarnings() {
            assertThatThrownBy(() -> assertThat(midgut).hasWarning(WarningCode.SSTR_STATUS_UNKNOWN))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the assessment of midgut to have warning SSTR_STATUS_UNKNOWN, but its warnings are");
            assertThatThrownBy(() -> assertThat(sstrMissing).hasNoWarning(WarningCode.SSTR_STATUS_UNKNOWN))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not to have warning SSTR_STATUS_UNKNOWN, but it has it");
        }

        @Test
        void hasFindingFailsShowingTheActualValue() {
            assertThatThrownBy(() -> assertThat(midgut).hasFinding("grade", "G3"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have finding grade=G3, but it shows grade=G2");
            assertThatThrownBy(() -> assertThat(midgut).hasFinding("gradez", "G2"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but it shows no gradez");
        }

        @Test
        void firedRuleFailsForARuleThatDidNotFire() {
            assertThatThrownBy(() -> assertThat(midgut).firedRule("SURG-01"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting rule SURG-01 to have fired for midgut, but it did not; fired: [");
            assertThatThrownBy(() -> assertThat(midgut).didNotFire("SYS-14"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not to have fired for midgut, but it did");
        }

        @Test
        void aNullAssessmentFails() {
            assertThatThrownBy(() -> assertThat((Assessment) null).hasWarning(WarningCode.SSTR_STATUS_UNKNOWN))
                .isInstanceOf(AssertionError.class);
        }
    }
}
