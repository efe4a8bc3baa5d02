package org.netlm.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netlm.engine.RuleProblem;
import org.netlm.explain.ExplanationText;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionPredicate;
import org.netlm.model.CriterionState;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.fact.StrengthLimit;

/** What the catalogue reads from DRL text: ids, evidence, comments, products and criteria; and the hygiene problems. */
class RuleCatalogTest {
    private static final EvidenceRegistry EVIDENCE = EvidenceRegistry.parse(
        "{\"evidence\": [{\"key\": \"XUE2025\", \"label\": \"Xue\"}, {\"key\": \"NCCN2021\", \"label\": \"NCCN\"}]}");

    private static RuleCatalog read(String file, String drl) {
        return RuleCatalog.read(new RuleSource("test", List.of(new RuleSource.DrlFile(file, drl)), null), EVIDENCE);
    }

    private static final String HEADER = """
        package org.netlm.rules.recommendation;

        import org.netlm.model.*;
        import org.netlm.model.fact.*;
        """;

    @Test
    void aRuleIsDescribedFromItsText() {
        RuleCatalog c = read("recommendation/test.drl", HEADER + """
            // Ablation for small lesions:
            // an alternative to resection.
            rule "Ablation for small lesions"
                @id("LOCAL-T1") @evidence("XUE2025,NCCN2021") @offers("ABLATION:RECOMMENDED")
            when
                Criteria( met(CriterionCode.NET),
                          notMet(CriterionCode.FIT_FOR_SURGERY),
                          unmet(CriterionCode.GRADE_G3),
                          notUnmet(CriterionCode.STABLE),
                          unknown(CriterionCode.EXTRAHEPATIC_DISEASE),
                          !unmet(CriterionCode.RESECTABLE) )
                not Criteria( met(CriterionCode.FUNCTIONAL) )
                org.netlm.model.fact.Criteria( met(CriterionCode.GRADE_G1_G2) && !met(CriterionCode.GRADE_G3) )
                PatientCase( ki67Percent > 3 )
            then
                insert(Candidate.of(kcontext, Therapy.ABLATION, Strength.RECOMMENDED, "small."));
            end
            """);
        assertThat(c.problems()).isEmpty();
        RuleInfo r = c.rules().get(0);
        assertThat(r.id()).isEqualTo("LOCAL-T1");
        assertThat(r.name()).isEqualTo("Ablation for small lesions");
        assertThat(r.file()).isEqualTo("recommendation/test.drl");
        assertThat(r.line()).isEqualTo(7);
        assertThat(r.layer()).isEqualTo("recommendation");
        assertThat(r.evidenceKeys()).containsExactly("XUE2025", "NCCN2021");
        assertThat(r.comment()).isEqualTo("Ablation for small lesions: an alternative to resection.");
        assertThat(r.offers()).containsExactly(new RuleInfo.Offer(Therapy.ABLATION, Strength.RECOMMENDED));
        assertThat(r.offering(Therapy.ABLATION)).contains(Strength.RECOMMENDED);
        assertThat(r.limits()).isEmpty();
        assertThat(r.requirements()).containsExactly(
            new Requirement(CriterionCode.NET, CriterionPredicate.MET),
            new Requirement(CriterionCode.FIT_FOR_SURGERY, CriterionPredicate.NOT_MET),
            new Requirement(CriterionCode.GRADE_G3, CriterionPredicate.UNMET),
            new Requirement(CriterionCode.STABLE, CriterionPredicate.NOT_UNMET),
            new Requirement(CriterionCode.EXTRAHEPATIC_DISEASE, CriterionPredicate.UNKNOWN),
            new Requirement(CriterionCode.RESECTABLE, CriterionPredicate.NOT_UNMET),
            new Requirement(CriterionCode.FUNCTIONAL, CriterionPredicate.NOT_MET),
            new Requirement(CriterionCode.GRADE_G1_G2, CriterionPredicate.MET),
            new Requirement(CriterionCode.GRADE_G3, CriterionPredicate.NOT_MET));
        assertThat(c.byId("LOCAL-T1")).contains(r);
        assertThat(c.byId("NOPE")).isEmpty();
        assertThat(c.offering(Therapy.ABLATION)).containsExactly(r);
        assertThat(c.offering(Therapy.PRRT)).isEmpty();
    }

    @Test
    void aLimitRuleIsDescribedByItsTherapyAndKindAndDoesNotOffer() {
        RuleCatalog c = read("recommendation/limits.drl", HEADER + """
            rule "Failed therapy is not offered again"
                @id("LIM-T1") @evidence("XUE2025") @limits("EVEROLIMUS:NOT_OFFERED")
            when
                Criteria( met(CriterionCode.NET) )
            then
                insert(StrengthLimit.of(kcontext, Therapy.EVEROLIMUS, StrengthLimit.Kind.NOT_OFFERED, CriterionCode.NET, "failed."));
            end

            rule "Negative opinion"
                @id("NEG-T1") @evidence("XUE2025") @offers("PRRT:CONTRAINDICATED")
            when
                Criteria( met(CriterionCode.NET) )
            then
                insert(Candidate.of(kcontext, Therapy.PRRT, Strength.CONTRAINDICATED, "no."));
            end
            """);
        RuleInfo limit = c.byId("LIM-T1").orElseThrow();
        assertThat(limit.limits()).containsExactly(new RuleInfo.Limit(Therapy.EVEROLIMUS, StrengthLimit.Kind.NOT_OFFERED));
        assertThat(limit.offers()).isEmpty();
        assertThat(limit.offersAny()).isFalse();
        assertThat(limit.comment()).isEmpty();
        RuleInfo neg = c.byId("NEG-T1").orElseThrow();
        assertThat(neg.offers()).containsExactly(new RuleInfo.Offer(Therapy.PRRT, Strength.CONTRAINDICATED));
        assertThat(neg.offersAny()).isFalse();
        assertThat(c.offering(Therapy.PRRT)).isEmpty();
    }

    @Test
    void aFileAtTheTopOfTheFolderHasNoLayer() {
        RuleCatalog c = read("top.drl", HEADER + """
            rule "Top"
                @id("TOP-1") @evidence("XUE2025")
            when
                PatientCase()
            then
                insert(WarningFact.of(WarningCode.GRADE_UNKNOWN, "x"));
            end
            """);
        assertThat(c.rules().get(0).layer()).isEmpty();
        assertThat(c.rules().get(0).offers()).isEmpty();
        assertThat(c.rules().get(0).limits()).isEmpty();
        assertThat(c.rules().get(0).requirements()).isEmpty();
    }

    @Test
    void hygieneProblemsAreCollectedWithFileAndLine() {
        RuleCatalog c = read("recommendation/bad.drl", HEADER + """
            rule "No id"
                @evidence("XUE2025")
            when
                PatientCase()
            then
            end

            rule "Blank id"
                @id("  ") @evidence("XUE2025")
            when
                PatientCase()
            then
            end

            rule "Unknown evidence"
                @id("E-1") @evidence("XUE2025, MADEUP")
            when
                PatientCase()
            then
            end

            rule "Writes"
                @id("W-1") @evidence("XUE2025")
            when
                $p : PatientCase()
            then
                update($p);
            end

            rule "Twin"
                @id("W-1") @evidence("XUE2025")
            when
                PatientCase()
            then
            end
            """);
        assertThat(withoutCommentProblems(c)).extracting(RuleProblem::describe).containsExactly(
            "recommendation/bad.drl:5: rule \"No id\" has no @id",
            "recommendation/bad.drl:12: rule \"Blank id\" has no @id",
            "recommendation/bad.drl:19: rule \"Unknown evidence\": @evidence key \"MADEUP\" is not in evidence.json",
            "recommendation/bad.drl:30: rule \"Writes\" calls update(): rules must not change facts; insert a derived fact instead",
            "recommendation/bad.drl:34: duplicate @id(\"W-1\"): also used by rule \"Writes\" at recommendation/bad.drl:26");
        assertThat(c.rules()).hasSize(5);
        assertThat(c.rules().get(0).id()).isNull();
        assertThat(c.rules().get(1).id()).isNull();
    }

    @Test
    void criteriaWrittenAsSingleFactsOrDerivedTwiceAreReportedBecauseTheyWouldSilentlyDoNothing() {
        RuleCatalog c = read("classification/criteria.drl", HEADER + """
            rule "Old-style pattern"
                @id("C-1") @evidence("XUE2025")
            when
                Criterion( code == CriterionCode.NET, met )
            then
            end

            rule "Old-style insert"
                @id("C-2") @evidence("XUE2025")
            when
                $p : PatientCase()
            then
                insert(Criterion.of(CriterionCode.NET, CriterionState.MET, ""));
            end

            rule "Derives NET"
                @id("C-3") @evidence("XUE2025")
            when
                PatientCase()
            then
                criteria.add(kcontext, Criterion.of(CriterionCode.FUNCTIONAL, CriterionState.MET, ""));
            end

            rule "Derives NET again"
                @id("C-4") @evidence("XUE2025")
            when
                not Criterion( code == CriterionCode.NET )
            then
                criteria.add(kcontext, Criterion.of(CriterionCode.FUNCTIONAL, CriterionState.UNMET, ""));
            end
            """);
        assertThat(withoutCommentProblems(c)).extracting(RuleProblem::describe).containsExactly(
            "classification/criteria.drl:5: rule \"Old-style pattern\" matches Criterion facts, which the engine never inserts: "
                + "write the conditions as Criteria( met(CriterionCode.X), notMet(CriterionCode.Y) )",
            "classification/criteria.drl:16: rule \"Old-style insert\" inserts a Criterion fact, which no rule can match: add it "
                + "to the criteria instead, criteria.add(kcontext, Criterion.of(...)) with global CriteriaCollector criteria; declared in the file",
            "classification/criteria.drl:28: rule \"Derives NET again\" matches Criterion facts, which the engine never inserts: "
                + "write the conditions as Criteria( met(CriterionCode.X), notMet(CriterionCode.Y) )",
            "classification/criteria.drl:28: rule \"Derives NET again\" derives criterion FUNCTIONAL, which rule \"Derives NET\" "
                + "at classification/criteria.drl:20 already derives: one rule per criterion");
    }

    /** These tests are about other checks; rules written without their clinical comment are reported too. */
    private static List<RuleProblem> withoutCommentProblems(RuleCatalog c) {
        assertThat(c.problems()).filteredOn(p -> p.message().contains("has no // comment")).isNotEmpty();
        return c.problems().stream().filter(p -> !p.message().contains("has no // comment")).toList();
    }

    @Test
    void anEmptyOrBareIdCountsAsNoId() {
        RuleCatalog c = read("recommendation/ids.drl", HEADER + """
            rule "Empty id"
                @id("") @evidence("XUE2025")
            when
                PatientCase()
            then
            end

            rule "Bare id"
                @id @evidence("XUE2025")
            when
                PatientCase()
            then
            end
            """);
        assertThat(withoutCommentProblems(c)).extracting(RuleProblem::describe).containsExactly(
            "recommendation/ids.drl:5: rule \"Empty id\" has no @id",
            "recommendation/ids.drl:12: rule \"Bare id\" has no @id");
    }

    @Test
    void aCommentOnTheFirstLineOfAFileIsTheCommentOfTheRuleBelowIt() {
        RuleCatalog c = read("first.drl", """
            // first line comment
            rule "First"
                @id("F-1") @evidence("XUE2025")
            when
                org.netlm.model.PatientCase()
            then
            end
            """);
        assertThat(c.problems()).isEmpty();
        assertThat(c.rules().get(0).line()).isEqualTo(2);
        assertThat(c.rules().get(0).comment()).isEqualTo("first line comment");
    }

    @Test
    void withoutARegistryEvidenceKeysAreNotChecked() {
        RuleCatalog c = RuleCatalog.read(new RuleSource("t", List.of(new RuleSource.DrlFile("a.drl", HEADER + """
            rule "Cites"
                @id("C-1") @evidence("ANYTHING")
            when
                PatientCase()
            then
            end
            """)), null), null);
        assertThat(withoutCommentProblems(c)).isEmpty();
        assertThat(c.rules().get(0).evidenceKeys()).containsExactly("ANYTHING");
    }

    @Test
    void aFileThatDoesNotParseIsAProblemWithItsLine() {
        RuleCatalog c = read("recommendation/broken.drl", HEADER + """
            rule "Broken"
                @id("B-1") @evidence("XUE2025")
            when
                PatientCase(
            then
            end
            """);
        assertThat(c.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("recommendation/broken.drl");
            assertThat(p.line()).isBetween(5, 11);
        });
        assertThat(c.rules()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        met(CriterionCode.NET)                 | NET | MET
        notMet(CriterionCode.NET)              | NET | NOT_MET
        !met(CriterionCode.NET)                | NET | NOT_MET
        ! met( CriterionCode.NET )             | NET | NOT_MET
        unmet(CriterionCode.NET)               | NET | UNMET
        notUnmet(CriterionCode.NET)            | NET | NOT_UNMET
        !unmet(CriterionCode.NET)              | NET | NOT_UNMET
        !notMet(CriterionCode.NET)             | NET | MET
        unknown(CriterionCode.NET)             | NET | UNKNOWN
        met( CriterionCode . GRADE_G3 )        | GRADE_G3 | MET
        """)
    void theStateAConditionAsksForIsRead(String constraints, CriterionCode code, CriterionPredicate expect) {
        assertThat(RuleCatalog.requirement(constraints)).isEqualTo(new Requirement(code, expect));
    }

    @Test
    void conditionsThatAreNotOneKnownCriterionStateAreNoRequirement() {
        assertThat(RuleCatalog.requirement("state == CriterionState.MET")).isNull();
        assertThat(RuleCatalog.requirement("met(CriterionCode.NO_SUCH_CODE)")).isNull();
        assertThat(RuleCatalog.requirement("metadata(CriterionCode.NET)")).isNull();
        assertThat(RuleCatalog.requirement("met(CriterionCode.NET) || met(CriterionCode.GRADE_G3)")).isNull();
        assertThat(RuleCatalog.requirement("!unknown(CriterionCode.NET)")).as("met or unmet: no single requirement").isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        MET       | met     | true  | false | false
        UNMET     | unmet   | false | true  | false
        UNKNOWN   | unknown | false | false | true
        NOT_MET   | notMet  | false | true  | true
        NOT_UNMET | notUnmet| true  | false | true
        """)
    void eachPredicateAcceptsItsStatesAndNoneAcceptsAnUnderivedCriterion(CriterionPredicate p, String method, boolean met,
                                                                         boolean unmet, boolean unknown) {
        assertThat(p.method()).isEqualTo(method.trim());
        assertThat(CriterionPredicate.ofMethod(method.trim())).contains(p);
        assertThat(p.test(CriterionState.MET)).isEqualTo(met);
        assertThat(p.test(CriterionState.UNMET)).isEqualTo(unmet);
        assertThat(p.test(CriterionState.UNKNOWN)).isEqualTo(unknown);
        assertThat(p.test(null)).as("a criterion no rule derived").isFalse();
        assertThat(new Requirement(CriterionCode.NET, p).acceptedBy(null)).isFalse();
        // a negation accepts exactly the other derived states
        p.negated().ifPresent(n -> {
            for (CriterionState s : CriterionState.values()) {
                assertThat(n.test(s)).as(n + " on " + s).isEqualTo(!p.test(s));
            }
        });
        assertThat(p.negated().isEmpty()).isEqualTo(p == CriterionPredicate.UNKNOWN);
    }

    @Test
    void aRequirementSaysInWordsWhatItAsks() {
        assertThat(ExplanationText.requirement(new Requirement(CriterionCode.NET, CriterionPredicate.MET))).isEqualTo("NET met");
        assertThat(ExplanationText.requirement(new Requirement(CriterionCode.NET, CriterionPredicate.UNMET))).isEqualTo("NET known not to hold");
        assertThat(ExplanationText.requirement(new Requirement(CriterionCode.NET, CriterionPredicate.UNKNOWN)))
            .isEqualTo("NET unknown (data missing)");
        assertThat(ExplanationText.requirement(new Requirement(CriterionCode.NET, CriterionPredicate.NOT_MET)))
            .isEqualTo("NET not met (or unknown)");
        assertThat(ExplanationText.requirement(new Requirement(CriterionCode.NET, CriterionPredicate.NOT_UNMET)))
            .isEqualTo("NET met or unknown");
        assertThat(new Requirement(CriterionCode.NET, CriterionPredicate.NOT_MET).asDrl()).isEqualTo("notMet(CriterionCode.NET)");
    }

    @Test
    void whatARuleOffersOrLimitsMustBeDeclaredAndTheConsequenceIsCheckedAgainstTheDeclaration() {
        RuleCatalog c = read("recommendation/offers.drl", HEADER + """
            // undeclared candidate
            rule "Undeclared"
                @id("D-1") @evidence("XUE2025")
            when
                Criteria( met(CriterionCode.NET) )
            then
                insert(Candidate.of(kcontext, Therapy.PRRT, Strength.CONSIDER, "x."));
            end

            // declared with another strength than it inserts
            rule "Wrong strength"
                @id("D-2") @evidence("XUE2025") @offers("PRRT:RECOMMENDED")
            when
                Criteria( met(CriterionCode.NET) )
            then
                insert(Candidate.of(kcontext, Therapy.PRRT,
                    Strength.CONSIDER, "x."));
            end

            // a loop over therapies, not declared
            rule "Loop undeclared"
                @id("D-3") @evidence("XUE2025")
            when
                Criteria( met(CriterionCode.NET) )
            then
                for (Therapy t : new Therapy[] { Therapy.PRRT, Therapy.SUNITINIB }) {
                    insert(Candidate.of(kcontext, t, Strength.NOT_RECOMMENDED, "x."));
                }
            end

            // a loop over therapies, declared: accepted
            rule "Loop declared"
                @id("D-4") @evidence("XUE2025") @offers("PRRT:NOT_RECOMMENDED, SUNITINIB:NOT_RECOMMENDED")
            when
                Criteria( met(CriterionCode.NET) )
            then
                for (Therapy t : new Therapy[] { Therapy.PRRT, Therapy.SUNITINIB }) {
                    insert(Candidate.of(kcontext, t, Strength.NOT_RECOMMENDED, "x."));
                }
            end

            // an entry that is no THERAPY:STRENGTH, and a limit declared as an offer
            rule "Bad entries"
                @id("D-5") @evidence("XUE2025") @offers("PRTT:CONSIDER, PRRT") @limits("ABLATION:AT_MOST_CONSIDER")
            when
                Criteria( met(CriterionCode.NET) )
            then
                insert(StrengthLimit.of(kcontext, Therapy.ABLATION, StrengthLimit.Kind.AT_MOST_CONSIDER, null, "x."));
            end

            // declares what it never inserts
            rule "Declares too much"
                @id("D-6") @evidence("XUE2025") @offers("PRRT:CONSIDER, EVEROLIMUS:CONSIDER")
            when
                Criteria( met(CriterionCode.NET) )
            then
                insert(Candidate.of(kcontext, Therapy.PRRT, Strength.CONSIDER, "x."));
            end
            """);
        assertThat(c.problems()).extracting(RuleProblem::describe).containsExactlyInAnyOrder(
            "recommendation/offers.drl:11: rule \"Undeclared\" inserts a Candidate but declares no @offers: add e.g. "
                + "@offers(\"PRRT:RECOMMENDED\") listing every therapy and strength it can insert, so that the catalogue and "
                + "the why-not explanations know it",
            "recommendation/offers.drl:20: rule \"Wrong strength\" inserts a Candidate PRRT:CONSIDER that its @offers[PRRT:RECOMMENDED] "
                + "does not declare",
            "recommendation/offers.drl:15: rule \"Wrong strength\" declares @offers entry PRRT:RECOMMENDED that its consequence "
                + "never inserts",
            "recommendation/offers.drl:31: rule \"Loop undeclared\" inserts a Candidate but declares no @offers: add e.g. "
                + "@offers(\"PRRT:RECOMMENDED\") listing every therapy and strength it can insert, so that the catalogue and "
                + "the why-not explanations know it",
            "recommendation/offers.drl:47: rule \"Bad entries\": @offers entry \"PRTT:CONSIDER\" is not THERAPY:STRENGTH (therapies: "
                + java.util.Arrays.toString(Therapy.values()) + ")",
            "recommendation/offers.drl:47: rule \"Bad entries\": @offers entry \"PRRT\" is not THERAPY:STRENGTH (therapies: "
                + java.util.Arrays.toString(Therapy.values()) + ")",
            "recommendation/offers.drl:56: rule \"Declares too much\" declares @offers entry EVEROLIMUS:CONSIDER that its "
                + "consequence never inserts");
        assertThat(c.byId("D-4").orElseThrow().offers()).containsExactly(new RuleInfo.Offer(Therapy.PRRT, Strength.NOT_RECOMMENDED),
            new RuleInfo.Offer(Therapy.SUNITINIB, Strength.NOT_RECOMMENDED));
        assertThat(c.byId("D-5").orElseThrow().limits()).containsExactly(
            new RuleInfo.Limit(Therapy.ABLATION, StrengthLimit.Kind.AT_MOST_CONSIDER));
    }
}
