package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.netlm.catalog.EvidenceRegistry;
import org.netlm.model.Citation;
import org.netlm.model.CriterionCode;
import org.netlm.model.Opinion;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.fact.Candidate;
import org.netlm.model.fact.StrengthLimit;

/** The resolution layer: limits first, then one recommendation per therapy, the most restrictive winning. */
class ResolverTest {
    private static final EvidenceRegistry EVIDENCE = EvidenceRegistry.parse("""
        {"evidence": [
          {"key": "A", "label": "Paper A", "doi": "10.1/a", "pmid": "1"},
          {"key": "B", "label": "Paper B", "doi": null},
          {"key": "C", "label": "Paper C"}
        ]}""");
    private static final String SUMMARY = "G2 pancreatic NET";

    /** The {@code @evidence} keys of the test's rules, by rule id (the catalogue's part in an engine). */
    private static final Map<String, List<String>> KEYS = new HashMap<>();

    private static Candidate candidate(Therapy t, Strength s, String rule, String why, String... keys) {
        KEYS.put(rule, List.of(keys));
        return new Candidate(t, s, rule, why);
    }

    private static Resolver.Context context(boolean shrinkageNeeded, Function<String, List<String>> fieldsOfRule) {
        return new Resolver.Context(Set.of(), false, shrinkageNeeded, List.of(), fieldsOfRule, id -> KEYS.getOrDefault(id, List.of()));
    }

    private static StrengthLimit limit(Therapy t, StrengthLimit.Kind kind, String rule, String reason) {
        return new StrengthLimit(t, kind, rule, CriterionCode.NET, reason);
    }

    private static Resolver.Result resolve(List<Candidate> cs, List<StrengthLimit> ls) {
        return Resolver.resolve(cs, ls, EVIDENCE, SUMMARY, context(false, id -> List.of()));
    }

    @Test
    void aSingleCandidateBecomesTheRecommendationWithTheCaseSummaryAndItsEvidence() {
        Resolver.Result r = resolve(List.of(candidate(Therapy.ABLATION, Strength.RECOMMENDED, "SYS-1", "because.", "A", "B", "UNKNOWN")),
            List.of());
        assertThat(r.recommendations()).containsExactly(new Recommendation(Therapy.ABLATION, Strength.RECOMMENDED,
            "G2 pancreatic NET: because.", List.of(new Citation("A", "Paper A", "10.1/a", "1"), new Citation("B", "Paper B", null, null)),
            "SYS-1", List.of(new Opinion(Strength.RECOMMENDED, "SYS-1", "because.")), List.of()));
        assertThat(r.contested()).isEmpty();
        assertThat(r.applied()).isEmpty();
    }

    @Test
    void theMostRestrictiveStrengthWinsInTheOrderOfInterfaceMd() {
        List<Strength> ascending = List.of(Strength.CONSIDER, Strength.RECOMMENDED, Strength.NOT_RECOMMENDED, Strength.CONTRAINDICATED);
        for (int winner = 0; winner < ascending.size(); winner++) {
            List<Candidate> cs = new ArrayList<>();
            for (int i = 0; i <= winner; i++) {
                cs.add(candidate(Therapy.ABLATION, ascending.get(i), "R-" + i, "r" + i + ".", "A"));
            }
            Collections.reverse(cs);
            Recommendation rec = resolve(cs, List.of()).recommendations().get(0);
            assertThat(rec.strength()).isEqualTo(ascending.get(winner));
            assertThat(rec.ruleId()).isEqualTo("R-" + winner);
            assertThat(rec.opinions()).hasSize(winner + 1);
            assertThat(rec.opinions().get(0).strength()).isEqualTo(ascending.get(winner));
        }
    }

    @Test
    void disagreementKeepsEveryRationaleAndMarksTheTherapyContested() {
        Resolver.Result r = resolve(List.of(
            candidate(Therapy.TRANSARTERIAL_EMBOLIZATION, Strength.RECOMMENDED, "LOCAL-1", "progressive.", "A"),
            candidate(Therapy.TRANSARTERIAL_EMBOLIZATION, Strength.CONTRAINDICATED, "LOCAL-9", "portal vein thrombosis.", "B"),
            candidate(Therapy.TRANSARTERIAL_EMBOLIZATION, Strength.CONSIDER, "LOCAL-2", "moderate burden.", "A")), List.of());
        Recommendation rec = r.recommendations().get(0);
        assertThat(rec.strength()).isEqualTo(Strength.CONTRAINDICATED);
        assertThat(rec.rationale()).isEqualTo("G2 pancreatic NET: portal vein thrombosis. Other rules disagreed: "
            + "RECOMMENDED by LOCAL-1 (progressive.) CONSIDER by LOCAL-2 (moderate burden.)");
        assertThat(rec.evidence()).extracting(Citation::key).containsExactly("B");
        assertThat(rec.isContested()).isTrue();
        assertThat(r.contested()).containsExactly(Therapy.TRANSARTERIAL_EMBOLIZATION);
    }

    @Test
    void rulesAgreeingOnAStrengthAreNotAConflict() {
        Resolver.Result r = resolve(List.of(
            candidate(Therapy.ABLATION, Strength.RECOMMENDED, "SYS-2", "second.", "A"),
            candidate(Therapy.ABLATION, Strength.RECOMMENDED, "SYS-1", "first.", "B")), List.of());
        Recommendation rec = r.recommendations().get(0);
        assertThat(rec.ruleId()).as("ties are broken by rule id").isEqualTo("SYS-1");
        assertThat(rec.rationale()).isEqualTo("G2 pancreatic NET: first.");
        assertThat(rec.opinions()).extracting(Opinion::ruleId).containsExactly("SYS-1", "SYS-2");
        assertThat(r.contested()).isEmpty();
    }

    @Test
    void theSameRuleFiringTwiceWithTheSameStrengthIsOneOpinion() {
        Recommendation rec = resolve(List.of(
            candidate(Therapy.PRRT, Strength.NOT_RECOMMENDED, "SYS-NEC-02", "NEC.", "A"),
            candidate(Therapy.PRRT, Strength.NOT_RECOMMENDED, "SYS-NEC-02", "NEC.", "A")), List.of()).recommendations().get(0);
        assertThat(rec.opinions()).containsExactly(new Opinion(Strength.NOT_RECOMMENDED, "SYS-NEC-02", "NEC."));
    }

    @Test
    void atMostConsiderTurnsARecommendationIntoConsiderAndSaysWhy() {
        Resolver.Result r = resolve(List.of(candidate(Therapy.ABLATION, Strength.RECOMMENDED, "LOCAL-1", "small lesions.", "A")),
            List.of(limit(Therapy.ABLATION, StrengthLimit.Kind.AT_MOST_CONSIDER, "LIM-1", "abscess risk."),
                limit(Therapy.ABLATION, StrengthLimit.Kind.AT_MOST_CONSIDER, "LIM-2", "staging incomplete."),
                limit(Therapy.PRRT, StrengthLimit.Kind.NOT_OFFERED, "LIM-3", "other therapy.")));
        Recommendation rec = r.recommendations().get(0);
        assertThat(rec.strength()).isEqualTo(Strength.CONSIDER);
        assertThat(rec.ruleId()).isEqualTo("LOCAL-1");
        assertThat(rec.rationale()).isEqualTo("G2 pancreatic NET: small lesions. Caution: abscess risk. Caution: staging incomplete.");
        assertThat(rec.limits()).containsExactly("LIM-1: abscess risk.", "LIM-2: staging incomplete.");
        assertThat(rec.evidence()).extracting(Citation::key).containsExactly("A");
        assertThat(r.contested()).isEmpty();
    }

    @Test
    void atMostConsiderKeepsConsiderButStatesItsReason() {
        List<StrengthLimit> cap = List.of(limit(Therapy.ABLATION, StrengthLimit.Kind.AT_MOST_CONSIDER, "LIM-1", "cap."));
        Recommendation rec = resolve(List.of(candidate(Therapy.ABLATION, Strength.CONSIDER, "R", "why.", "A")), cap).recommendations().get(0);
        assertThat(rec.strength()).isEqualTo(Strength.CONSIDER);
        assertThat(rec.rationale()).isEqualTo("G2 pancreatic NET: why. Caution: cap.");
        assertThat(rec.limits()).containsExactly("LIM-1: cap.");
    }

    @Test
    void atMostConsiderLeavesTheNegativeStrengthsAlone() {
        List<StrengthLimit> cap = List.of(limit(Therapy.ABLATION, StrengthLimit.Kind.AT_MOST_CONSIDER, "LIM-1", "cap."));
        for (Strength s : List.of(Strength.NOT_RECOMMENDED, Strength.CONTRAINDICATED)) {
            Recommendation rec = resolve(List.of(candidate(Therapy.ABLATION, s, "R", "why.", "A")), cap).recommendations().get(0);
            assertThat(rec.strength()).isEqualTo(s);
            assertThat(rec.rationale()).isEqualTo("G2 pancreatic NET: why.");
            assertThat(rec.limits()).isEmpty();
        }
    }

    @Test
    void notOfferedRemovesEveryOfferButKeepsWarningsAgainst() {
        List<StrengthLimit> failed = List.of(limit(Therapy.EVEROLIMUS, StrengthLimit.Kind.NOT_OFFERED, "SYS-FAIL", "progressed on it."),
            limit(Therapy.EVEROLIMUS, StrengthLimit.Kind.AT_MOST_CONSIDER, "LIM-1", "cap."));
        Resolver.Result gone = resolve(List.of(candidate(Therapy.EVEROLIMUS, Strength.RECOMMENDED, "SYS-2", "progressive.", "A"),
            candidate(Therapy.EVEROLIMUS, Strength.CONSIDER, "SYS-3", "G3.", "A")), failed);
        assertThat(gone.recommendations()).isEmpty();
        assertThat(gone.applied()).containsOnlyKeys(Therapy.EVEROLIMUS);
        assertThat(gone.applied().get(Therapy.EVEROLIMUS)).extracting(StrengthLimit::getRuleId).containsOnly("SYS-FAIL");

        Resolver.Result kept = resolve(List.of(candidate(Therapy.EVEROLIMUS, Strength.RECOMMENDED, "SYS-2", "progressive.", "A"),
            candidate(Therapy.EVEROLIMUS, Strength.NOT_RECOMMENDED, "SYS-9", "pancreas only.", "B")), failed);
        Recommendation rec = kept.recommendations().get(0);
        assertThat(rec.strength()).isEqualTo(Strength.NOT_RECOMMENDED);
        assertThat(rec.opinions()).extracting(Opinion::ruleId).containsExactly("SYS-9");
        assertThat(rec.limits()).containsExactly("SYS-FAIL: progressed on it.");
        assertThat(kept.contested()).isEmpty();
        assertThat(kept.applied().get(Therapy.EVEROLIMUS)).extracting(StrengthLimit::getRuleId).containsOnly("SYS-FAIL");
    }

    @Test
    void recommendationsComeOutByStrengthThenInSectionOrder() {
        Resolver.Result r = resolve(List.of(
            candidate(Therapy.RESTAGING, Strength.RECOMMENDED, "P-1", "x.", "A"),
            candidate(Therapy.RADICAL_RESECTION, Strength.RECOMMENDED, "S-1", "x.", "A"),
            candidate(Therapy.ABLATION, Strength.CONTRAINDICATED, "L-1", "x.", "A"),
            candidate(Therapy.SUNITINIB, Strength.NOT_RECOMMENDED, "Y-2", "x.", "A"),
            candidate(Therapy.EVEROLIMUS, Strength.CONSIDER, "Y-3", "x.", "A"),
            candidate(Therapy.PRRT, Strength.CONSIDER, "Y-1", "x.", "A")), List.of());
        assertThat(r.recommendations()).extracting(Recommendation::therapy)
            .containsExactly(Therapy.RADICAL_RESECTION, Therapy.RESTAGING, Therapy.EVEROLIMUS, Therapy.PRRT, Therapy.SUNITINIB,
                Therapy.ABLATION);
    }

    @Test
    void prrtMovesBeforeEverolimusAndChemotherapyBeforeTheAnalogueWhenShrinkageIsNeeded() {
        List<Candidate> cs = List.of(
            candidate(Therapy.SOMATOSTATIN_ANALOGUE, Strength.RECOMMENDED, "S-1", "x.", "A"),
            candidate(Therapy.EVEROLIMUS, Strength.RECOMMENDED, "S-2", "x.", "A"),
            candidate(Therapy.PRRT, Strength.RECOMMENDED, "S-3", "x.", "A"),
            candidate(Therapy.CHEMOTHERAPY, Strength.RECOMMENDED, "S-4", "x.", "A"),
            candidate(Therapy.ABLATION, Strength.RECOMMENDED, "L-1", "x.", "A"));
        Resolver.Context shrink = context(true, id -> List.of());
        Resolver.Result r = Resolver.resolve(cs, List.of(), EVIDENCE, SUMMARY, shrink);
        assertThat(r.recommendations()).extracting(Recommendation::therapy).containsExactly(Therapy.ABLATION, Therapy.CHEMOTHERAPY,
            Therapy.SOMATOSTATIN_ANALOGUE, Therapy.PRRT, Therapy.EVEROLIMUS);
        assertThat(r.recommendations().get(1).rationale()).contains("(SEQTOR)").endsWith("renal and liver function.");
        assertThat(r.recommendations().get(3).rationale()).contains("(COMPETE). Check before use: pregnancy");
        Resolver.Result plain = resolve(cs, List.of());
        assertThat(plain.recommendations()).extracting(Recommendation::therapy).containsExactly(Therapy.ABLATION,
            Therapy.SOMATOSTATIN_ANALOGUE, Therapy.PRRT, Therapy.EVEROLIMUS, Therapy.CHEMOTHERAPY);
        assertThat(plain.recommendations().get(4).rationale()).doesNotContain("SEQTOR");
    }

    @Test
    void offeredDrugsEndOnceWithTheirCheckBeforeUseSentenceAndNotOfferedOnesDoNot() {
        Resolver.Result r = resolve(List.of(
            candidate(Therapy.EVEROLIMUS, Strength.CONSIDER, "S-1", "x.", "A"),
            candidate(Therapy.EVEROLIMUS, Strength.CONSIDER, "S-2", "y.", "A"),
            candidate(Therapy.SUNITINIB, Strength.NOT_RECOMMENDED, "S-3", "z.", "A")), List.of());
        assertThat(r.recommendations().get(0).rationale()).endsWith("x. Check before use: blood glucose and diabetes control, lipids, "
            + "infection risk, pneumonitis, stomatitis.");
        assertThat(r.recommendations().get(1).rationale()).isEqualTo("G2 pancreatic NET: z.");
    }

    @Test
    void recommendedMeetingConsiderIsNoConflictButRecommendedMeetingAWithholdingCandidateIs() {
        Resolver.Result agree = resolve(List.of(
            candidate(Therapy.PRRT, Strength.RECOMMENDED, "S-1", "later line.", "A"),
            candidate(Therapy.PRRT, Strength.CONSIDER, "S-2", "G3.", "A")), List.of());
        assertThat(agree.recommendations().get(0).strength()).isEqualTo(Strength.RECOMMENDED);
        assertThat(agree.recommendations().get(0).rationale()).contains("later line.").contains("G3.");
        assertThat(agree.contested()).isEmpty();

        Resolver.Result cappedFirst = resolve(List.of(
                candidate(Therapy.PRRT, Strength.RECOMMENDED, "S-1", "later line.", "A"),
                candidate(Therapy.PRRT, Strength.CONTRAINDICATED, "S-9", "creatinine clearance below 40 mL/min.", "A")),
            List.of(limit(Therapy.PRRT, StrengthLimit.Kind.AT_MOST_CONSIDER, "LIM-1", "SSTR unknown.")));
        assertThat(cappedFirst.recommendations().get(0).strength()).isEqualTo(Strength.CONTRAINDICATED);
        assertThat(cappedFirst.contested()).as("a candidate CONSIDER after caps raises nothing").isEmpty();

        Resolver.Context ctx = context(false, id -> id.equals("S-9") ? List.of("creatinineClearanceMlMin") : List.of());
        Resolver.Result conflict = Resolver.resolve(List.of(
            candidate(Therapy.PRRT, Strength.RECOMMENDED, "S-1", "later line.", "A"),
            candidate(Therapy.PRRT, Strength.CONTRAINDICATED, "S-9", "creatinine clearance below 40 mL/min.", "A"),
            candidate(Therapy.MULTIDISCIPLINARY_TUMOR_BOARD, Strength.RECOMMENDED, "MDT", "discuss.", "A")), List.of(), EVIDENCE, SUMMARY, ctx);
        assertThat(conflict.contested()).containsExactly(Therapy.PRRT);
        assertThat(Resolver.conflictWarning(conflict.conflicts()).message())
            .isEqualTo("PRRT would be RECOMMENDED but creatinine clearance below 40 mL/min: verify creatinineClearanceMlMin.");
        assertThat(conflict.recommendations()).filteredOn(x -> x.therapy() == Therapy.MULTIDISCIPLINARY_TUMOR_BOARD)
            .singleElement().extracting(Recommendation::rationale).asString()
            .contains("a recommended option withheld by a limit or contraindication: PRRT");
    }

    @Test
    void aLimitForOnePurposeLeavesTheOtherPurposeAlone() {
        Candidate symptom = candidate(Therapy.SOMATOSTATIN_ANALOGUE, Strength.RECOMMENDED, "S-6", "syndrome.", "A").forSymptomControl();
        Candidate tumour = candidate(Therapy.SOMATOSTATIN_ANALOGUE, Strength.RECOMMENDED, "S-1", "first line.", "A");
        StrengthLimit ecog4 = limit(Therapy.SOMATOSTATIN_ANALOGUE, StrengthLimit.Kind.AT_MOST_CONSIDER, "LIM-2", "ECOG 4.")
            .onlyFor(Candidate.Purpose.TUMOUR_CONTROL);
        assertThat(resolve(List.of(symptom), List.of(ecog4)).recommendations().get(0).strength()).isEqualTo(Strength.RECOMMENDED);
        assertThat(resolve(List.of(tumour), List.of(ecog4)).recommendations().get(0).strength()).isEqualTo(Strength.CONSIDER);
        Recommendation both = resolve(List.of(symptom, tumour), List.of(ecog4)).recommendations().get(0);
        assertThat(both.strength()).isEqualTo(Strength.RECOMMENDED);
        assertThat(both.ruleId()).isEqualTo("S-6");
    }
}
