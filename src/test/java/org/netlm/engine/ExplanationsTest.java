package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.netlm.model.Assessment;
import org.netlm.model.ChildPugh;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionState;
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
import org.netlm.model.explanation.DerivedCriterion;
import org.netlm.model.explanation.FiredRule;
import org.netlm.model.explanation.LimitExplanation;
import org.netlm.model.explanation.OfferingRuleCheck;
import org.netlm.model.explanation.Why;
import org.netlm.model.explanation.WhyNot;
import org.netlm.model.fact.StrengthLimit;

/** The explanation check cases of the issue: each built from the rules' execution, checked field by field. */
class ExplanationsTest {
    static final NetlmEngine ENGINE = NetlmEngine.withDefaultRules();

    /** Progressive G2 small-intestinal NET of type III after SSA, fit, liver-only: the shared base of the cases. */
    static PatientCase.Builder progressiveMidgutAfterSsa() {
        return PatientCase.builder().id("base").age(64).ecog(1).primarySite(PrimarySite.SMALL_INTESTINE)
            .primaryStatus(PrimaryStatus.RESECTED).differentiation(Differentiation.WELL).ki67Percent(8.0)
            .liverLesionCount(14).bilobar(true).liverTumorBurdenPercent(35.0).extrahepaticDisease(false)
            .childPugh(ChildPugh.A).diseaseStatus(DiseaseStatus.PROGRESSIVE).symptomatic(false)
            .creatinineClearanceMlMin(80.0).priorTherapy(Therapy.SOMATOSTATIN_ANALOGUE, TherapyOutcome.PROGRESSION);
    }

    static Set<CriterionCode> codes(List<DerivedCriterion> cs) {
        Set<CriterionCode> out = EnumSet.noneOf(CriterionCode.class);
        cs.forEach(c -> out.add(c.code()));
        return out;
    }

    @Nested
    class MissingSstrStatus {
        final Assessment a = ENGINE.assess(progressiveMidgutAfterSsa().id("sstr-missing").build());

        @Test
        void sstrImagingIsRecommendedBecauseSstrStatusIsUnknown() {
            Why why = a.why(Therapy.SSTR_IMAGING).orElseThrow();
            assertThat(why.strength()).isEqualTo(Strength.RECOMMENDED);
            assertThat(why.deciding().ruleId()).isEqualTo("PROC-01");
            assertThat(why.deciding().matched()).contains(
                new DerivedCriterion(CriterionCode.SSTR_POSITIVE, CriterionState.UNKNOWN, "sstrStatus=absent", "CLASS-CRIT-SSTR-POSITIVE"));
            assertThat(a.hasWarning(WarningCode.SSTR_STATUS_UNKNOWN)).isTrue();
        }

        @Test
        void prrtIsCappedAtConsiderBySstrStatusAndSstrStatusCouldMakeItRecommended() {
            Why why = a.why(Therapy.PRRT).orElseThrow();
            assertThat(why.strength()).isEqualTo(Strength.CONSIDER);
            assertThat(why.deciding().ruleId()).isEqualTo("SYS-14");
            assertThat(why.deciding().strength()).as("the rule said RECOMMENDED before the cap").isEqualTo(Strength.RECOMMENDED);
            LimitExplanation cap = why.limits().stream().filter(l -> l.ruleId().equals("SYS-16")).findFirst().orElseThrow();
            assertThat(cap.kind()).isEqualTo(StrengthLimit.Kind.AT_MOST_CONSIDER);
            assertThat(cap.applied()).isTrue();
            assertThat(cap.cause().code()).isEqualTo(CriterionCode.SSTR_POSITIVE);
            assertThat(cap.cause().state()).isEqualTo(CriterionState.UNKNOWN);
            assertThat(why.upgradableByData()).isTrue();
            assertThat(why.upgradeInputFields()).containsExactly("sstrStatus");
            assertThat(a.explanations().reasonsAgainst(Therapy.PRRT)).contains(CriterionCode.SSTR_POSITIVE);
            assertThat(a.explanations().missingInputFields(Therapy.PRRT)).containsExactly("sstrStatus");
        }

        @Test
        void ssaExplanationShowsItWasOfferedWithSstrStatusUnknown() {
            Why why = a.why(Therapy.SOMATOSTATIN_ANALOGUE).orElseThrow();
            assertThat(why.deciding().ruleId()).isEqualTo("SYS-03");
            assertThat(why.deciding().matched()).anySatisfy(c -> {
                assertThat(c.code()).isEqualTo(CriterionCode.SSTR_NEGATIVE);
                assertThat(c.state()).isEqualTo(CriterionState.UNKNOWN);
                assertThat(c.inputFields()).containsExactly("sstrStatus");
            });
        }

        @Test
        void withoutProgressionPrrtIsNotOfferedAndItsWhyNotKeepsTheSstrCapItWouldMeet() {
            Assessment stable = ENGINE.assess(progressiveMidgutAfterSsa().id("sstr-missing-stable")
                .diseaseStatus(DiseaseStatus.STABLE).priorTherapies(List.of()).build());
            WhyNot wn = stable.whyNot(Therapy.PRRT).orElseThrow();
            assertThat(wn.limits()).singleElement().satisfies(l -> {
                assertThat(l.ruleId()).isEqualTo("SYS-16");
                assertThat(l.applied()).isFalse();
                assertThat(l.cause().code()).isEqualTo(CriterionCode.SSTR_POSITIVE);
            });
            assertThat(wn.blockingCodes()).contains(CriterionCode.KI67_NETTER2_WINDOW, CriterionCode.PROGRESSIVE);
            assertThat(wn.unlockableByData()).isFalse();
        }
    }

    @Nested
    class ProgressionOnEverolimus {
        final Assessment a = ENGINE.assess(progressiveMidgutAfterSsa().id("evero-failed").primarySite(PrimarySite.PANCREAS)
            .sstrStatus(SstrStatus.POSITIVE).priorTherapy(Therapy.EVEROLIMUS, TherapyOutcome.PROGRESSION).build());

        @Test
        void everolimusIsNotOfferedBecauseItAlreadyFailed() {
            assertThat(a.recommendation(Therapy.EVEROLIMUS)).isEmpty();
            WhyNot wn = a.whyNot(Therapy.EVEROLIMUS).orElseThrow();
            assertThat(wn.suppressions()).singleElement().satisfies(l -> {
                assertThat(l.ruleId()).isEqualTo("SYS-23");
                assertThat(l.kind()).isEqualTo(StrengthLimit.Kind.NOT_OFFERED);
                assertThat(l.applied()).isTrue();
                assertThat(l.reason()).contains("EVEROLIMUS already failed");
            });
            assertThat(wn.offeringRules()).filteredOn(OfferingRuleCheck::fired).extracting(OfferingRuleCheck::ruleId)
                .containsExactly("SYS-07");
            assertThat(wn.blockedBy()).as("a rule fired, so nothing known blocks it: the suppression does").isEmpty();
            assertThat(wn.unlockableByData()).isFalse();
            assertThat(wn.hasReason()).isTrue();
        }

        @Test
        void cabozantinibIsRecommendedBecauseAPriorNonSsaTherapyFailed() {
            Why why = a.why(Therapy.CABOZANTINIB).orElseThrow();
            assertThat(why.strength()).isEqualTo(Strength.RECOMMENDED);
            assertThat(why.deciding().ruleId()).isEqualTo("SYS-13");
            assertThat(why.supportingCriteria()).contains(CriterionCode.PRIOR_NON_SSA_SYSTEMIC_FAILURE, CriterionCode.PROGRESSIVE);
            DerivedCriterion failure = why.deciding().matched().stream()
                .filter(c -> c.code() == CriterionCode.PRIOR_NON_SSA_SYSTEMIC_FAILURE).findFirst().orElseThrow();
            assertThat(failure.state()).isEqualTo(CriterionState.MET);
            assertThat(failure.basis()).contains("EVEROLIMUS:PROGRESSION");
            assertThat(failure.derivedBy()).isEqualTo("CLASS-CRIT-PRIOR-NON-SSA-FAILURE");
        }
    }

    @Nested
    class UnfitPatient {
        final Assessment a = ENGINE.assess(PatientCase.builder().id("unfit").age(71).ecog(3).primarySite(PrimarySite.SMALL_INTESTINE)
            .primaryStatus(PrimaryStatus.RESECTED).differentiation(Differentiation.WELL).ki67Percent(4.0).liverLesionCount(1)
            .largestLesionCm(2.5).liverTumorBurdenPercent(5.0).extrahepaticDisease(false).resectable(true).childPugh(ChildPugh.A)
            .sstrStatus(SstrStatus.POSITIVE).diseaseStatus(DiseaseStatus.STABLE).symptomatic(false).build());

        @Test
        void radicalResectionIsBlockedByFitnessInEveryRuleThatWouldOfferIt() {
            WhyNot wn = a.whyNot(Therapy.RADICAL_RESECTION).orElseThrow();
            assertThat(wn.strength()).isNull();
            assertThat(wn.blockingCodes()).contains(CriterionCode.FIT_FOR_SURGERY);
            assertThat(wn.blockingEveryRule()).containsExactly(CriterionCode.FIT_FOR_SURGERY);
            assertThat(wn.blockedBy()).filteredOn(c -> c.code() == CriterionCode.FIT_FOR_SURGERY).singleElement().satisfies(c -> {
                assertThat(c.state()).isEqualTo(CriterionState.UNMET);
                assertThat(c.basis()).contains("ecog=3");
                assertThat(c.derivedBy()).isEqualTo("CLASS-CRIT-FIT");
            });
            assertThat(wn.offeringRules()).extracting(OfferingRuleCheck::ruleId).containsExactly("SURG-01", "SURG-02", "SURG-16");
            OfferingRuleCheck surg01 = wn.offeringRules().get(0);
            assertThat(surg01.blockedBy()).singleElement().satisfies(u -> {
                assertThat(u.code()).isEqualTo(CriterionCode.FIT_FOR_SURGERY);
                assertThat(u.accepted()).containsExactly(CriterionState.MET);
            });
            assertThat(wn.missingInputs()).isEmpty();
            assertThat(wn.unlockableByData()).isFalse();
        }

        @Test
        void ablationIsRecommendedBecauseResectionIsNotOnOfferForAnUnfitPatient() {
            Why why = a.why(Therapy.ABLATION).orElseThrow();
            assertThat(why.deciding().ruleId()).isEqualTo("LOCAL-01");
            assertThat(why.deciding().matched()).anySatisfy(c -> {
                assertThat(c.code()).isEqualTo(CriterionCode.NOT_CURATIVELY_RESECTABLE);
                assertThat(c.basis()).contains("fitForSurgery=false");
            });
        }
    }

    @Nested
    class NeuroendocrineCarcinoma {
        final Assessment a = ENGINE.assess(PatientCase.builder().id("nec").age(60).ecog(1).primarySite(PrimarySite.PANCREAS)
            .differentiation(Differentiation.POOR).ki67Percent(70.0).liverLesionCount(8).bilobar(true)
            .liverTumorBurdenPercent(30.0).extrahepaticDisease(false).childPugh(ChildPugh.A).diseaseStatus(DiseaseStatus.PROGRESSIVE)
            .build());

        @Test
        void theNetCriterionBlocksEveryTherapyNotOnOffer() {
            assertThat(a.explanations().whyNot()).hasSize(Therapy.values().length - 2);
            for (WhyNot wn : a.explanations().whyNot()) {
                assertThat(wn.blockingEveryRule()).as(wn.therapy().name()).contains(CriterionCode.NET);
                assertThat(wn.reasons()).as(wn.therapy().name()).contains(CriterionCode.NET);
            }
        }

        @Test
        void sysNec02SaidNotRecommendedForTheNetPathwayTherapies() {
            Set<Therapy> netPathway = EnumSet.of(Therapy.RADICAL_RESECTION, Therapy.RESECTION_WITH_ABLATION, Therapy.CYTOREDUCTIVE_SURGERY,
                Therapy.PRIMARY_TUMOR_RESECTION, Therapy.LIVER_TRANSPLANTATION, Therapy.ABLATION, Therapy.TRANSARTERIAL_EMBOLIZATION,
                Therapy.SOMATOSTATIN_ANALOGUE, Therapy.EVEROLIMUS, Therapy.SUNITINIB, Therapy.SURUFATINIB, Therapy.CABOZANTINIB, Therapy.PRRT);
            for (Therapy t : netPathway) {
                WhyNot wn = a.whyNot(t).orElseThrow();
                assertThat(wn.strength()).as(t.name()).isEqualTo(Strength.NOT_RECOMMENDED);
                FiredRule nec02 = wn.negativeRules().stream().filter(r -> r.ruleId().equals("SYS-NEC-02")).findFirst().orElseThrow();
                assertThat(nec02.matched()).containsExactly(
                    new DerivedCriterion(CriterionCode.NET, CriterionState.UNMET, "differentiation=POOR", "CLASS-CRIT-NET"));
                assertThat(a.why(t).orElseThrow().deciding().ruleId()).as(t.name()).isEqualTo("SYS-NEC-02");
            }
        }

        @Test
        void platinumEtoposideIsRecommendedBecauseTheTumourIsNotANet() {
            Why why = a.why(Therapy.PLATINUM_ETOPOSIDE).orElseThrow();
            assertThat(why.deciding().ruleId()).isEqualTo("SYS-NEC-01");
            assertThat(why.supportingCriteria()).containsExactly(CriterionCode.NET);
            assertThat(a.whyNot(Therapy.PLATINUM_ETOPOSIDE)).isEmpty();
        }
    }

    @Nested
    class MissingData {
        /** Example 11's patient: almost nothing known. */
        final Assessment a = ENGINE.assess(PatientCase.builder().id("ex-11").primarySite(PrimarySite.PANCREAS)
            .differentiation(Differentiation.WELL).liverLesionCount(3).build());

        @Test
        void aTherapyHeldBackOnlyByMissingDataIsUnlockableAndNamesTheFieldsToGive() {
            WhyNot wn = a.whyNot(Therapy.SOMATOSTATIN_ANALOGUE).orElseThrow();
            assertThat(wn.unlockableByData()).isTrue();
            assertThat(wn.blockedBy()).as("SYS-01 has no known blocker, so no code blocks every rule").isEmpty();
            // V2-09: unknown resectability is assumed advanced, so staging no longer holds the analogue back; SSTR imaging does
            assertThat(codes(wn.missingInputs())).contains(CriterionCode.GRADE_G1_G2, CriterionCode.SSTR_POSITIVE);
            assertThat(wn.missingInputFields()).contains("ki67Percent", "grade", "sstrStatus");
            OfferingRuleCheck sys06 = wn.offeringRules().stream().filter(r -> r.ruleId().equals("SYS-06")).findFirst().orElseThrow();
            assertThat(sys06.blockedBy()).extracting(u -> u.code()).containsExactly(CriterionCode.FUNCTIONAL);
        }

        @Test
        void aConsiderThatNoDataCanUpgradeSaysSo() {
            Assessment capped = ENGINE.assess(progressiveMidgutAfterSsa().id("extrahepatic").extrahepaticDisease(true)
                .sstrStatus(SstrStatus.POSITIVE).build());
            Why tace = capped.why(Therapy.TRANSARTERIAL_EMBOLIZATION).orElseThrow();
            assertThat(tace.strength()).isEqualTo(Strength.CONSIDER);
            assertThat(tace.limits()).extracting(LimitExplanation::ruleId).containsExactly("LOCAL-15");
            assertThat(tace.upgradableByData()).as("the cap's cause (extrahepatic disease) is known").isFalse();
            assertThat(capped.explanations().reasonsAgainst(Therapy.TRANSARTERIAL_EMBOLIZATION))
                .containsExactly(CriterionCode.EXTRAHEPATIC_DISEASE);
        }
    }

    @Test
    void assessingWithoutExplanationsGivesTheSameRecommendationsAndNoExplanations() {
        PatientCase p = progressiveMidgutAfterSsa().id("options").build();
        Assessment full = ENGINE.assess(p);
        Assessment bare = ENGINE.assess(p, AssessOptions.withoutExplanations());
        assertThat(bare.explanations().isEmpty()).isTrue();
        assertThat(bare.recommendations()).isEqualTo(full.recommendations());
        assertThat(bare.firedRules()).isEqualTo(full.firedRules());
        assertThat(full.explanations().therapies()).containsExactlyInAnyOrder(Therapy.values());
    }
}
