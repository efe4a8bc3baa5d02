package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;
import org.netlm.model.ChildPugh;
import org.netlm.model.Differentiation;
import org.netlm.model.DiseaseStatus;
import org.netlm.model.Grade;
import org.netlm.model.LiverMetastasisType;
import org.netlm.model.PatientCase;
import org.netlm.model.PrimarySite;
import org.netlm.model.PrimaryStatus;
import org.netlm.model.PriorTherapy;
import org.netlm.model.SstrStatus;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;
import org.netlm.scenario.Scenario;
import org.netlm.scenario.ScenarioFiles;
import org.netlm.validation.InvalidPatientException;

/**
 * Explanations agree with the rules' execution for every scenario patient (the 12 shared examples included) and
 * for random patients: every recommendation has a derivation (deciding rule fired, its matched criteria are the ones
 * it requires), every therapy not on offer has a reason, the catalogue's reading of each rule agrees with whether it
 * fired, and explanations are deterministic.
 */
class ExplanationConsistencyTest {
    static final NetlmEngine ENGINE = NetlmEngine.withDefaultRules();

    @TestFactory
    Stream<DynamicTest> everyScenarioPatientHasConsistentDeterministicExplanations() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario s : ScenarioFiles.load(List.of(Path.of("src/test/resources/scenarios")))) {
            PatientCase p;
            try {
                p = PatientJson.fromTree(s.patient());
            } catch (InvalidPatientException e) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(s.source(), () -> {
                Assessment a = ENGINE.assess(p);
                assertThat(ExplanationInvariants.violations(ENGINE, a)).as(s.source()).isEmpty();
                assertThat(ENGINE.assess(p).explanations()).as("assessed twice").isEqualTo(a.explanations());
            }));
        }
        assertThat(tests).as("valid scenario patients").hasSizeGreaterThanOrEqualTo(11);
        return tests.stream();
    }

    @Property(tries = 300)
    void randomPatientsHaveConsistentDeterministicExplanations(@ForAll long seed) {
        PatientCase p = randomPatient(new Random(seed));
        Assessment a = ENGINE.assess(p);
        assertThat(ExplanationInvariants.violations(ENGINE, a)).as(p.toString()).isEmpty();
        assertThat(ENGINE.assess(p).explanations()).isEqualTo(a.explanations());
    }

    @org.junit.jupiter.api.Test
    void theInvariantsCatchAnAssessmentWhoseExplanationsDisagreeWithTheRules() {
        Assessment a = ENGINE.assess(ExplanationsTest.progressiveMidgutAfterSsa().id("tamper").build());
        Assessment none = new Assessment(a.patientId(), a.rulesetVersion(), a.knowledgeVersion(), a.findings(), a.recommendations(), a.warnings(),
            a.firedRules(), a.criteria(), a.disclaimer(), org.netlm.model.explanation.Explanations.NONE);
        assertThat(ExplanationInvariants.violations(ENGINE, none)).anyMatch(v -> v.startsWith("explanations do not cover"))
            .anyMatch(v -> v.startsWith("PRRT: recommendation"));

        org.netlm.model.explanation.Why prrt = a.why(Therapy.PRRT).orElseThrow();
        org.netlm.model.explanation.FiredRule stripped = new org.netlm.model.explanation.FiredRule(prrt.deciding().ruleId(), prrt.deciding().ruleName(),
            prrt.deciding().strength(), prrt.deciding().rationale(), prrt.deciding().matched().subList(1, prrt.deciding().matched().size()));
        List<org.netlm.model.explanation.Why> whys = new ArrayList<>(a.explanations().why());
        whys.replaceAll(w -> w.therapy() != Therapy.PRRT ? w
            : new org.netlm.model.explanation.Why(w.therapy(), w.strength(), stripped, w.contributing(), w.limits(), w.upgradeInputs()));
        Assessment tampered = new Assessment(a.patientId(), a.rulesetVersion(), a.knowledgeVersion(), a.findings(), a.recommendations(), a.warnings(),
            a.firedRules(), a.criteria(), a.disclaimer(), new org.netlm.model.explanation.Explanations(whys, a.explanations().whyNot()));
        assertThat(ExplanationInvariants.violations(ENGINE, tampered)).singleElement().asString()
            .startsWith("PRRT: SYS-14 requires");
    }

    /** A valid patient with every optional field either absent or in range. */
    static PatientCase randomPatient(Random r) {
        PatientCase.Builder b = PatientCase.builder().id("random")
            .primarySite(pick(r, PrimarySite.values()))
            .differentiation(r.nextInt(8) == 0 ? Differentiation.POOR : Differentiation.WELL);
        if (r.nextBoolean()) b.age(r.nextInt(121));
        if (r.nextInt(4) > 0) b.ecog(r.nextInt(5));
        if (r.nextBoolean()) b.primaryStatus(pick(r, PrimaryStatus.values()));
        if (r.nextBoolean()) b.primaryResectable(r.nextBoolean());
        if (r.nextInt(4) > 0) b.ki67Percent(r.nextInt(3) == 0 ? (double) pick(r, new Integer[] {3, 10, 20, 55}) : r.nextDouble() * 80);
        if (r.nextInt(3) == 0) b.mitosesPer2mm2((double) r.nextInt(30));
        if (r.nextInt(3) == 0) b.grade(pick(r, Grade.values()));
        if (r.nextInt(4) == 0) b.functional(r.nextBoolean());
        if (r.nextInt(3) == 0) b.liverMetastasisType(pick(r, LiverMetastasisType.values()));
        if (r.nextInt(4) > 0) b.liverLesionCount(1 + r.nextInt(25));
        if (r.nextInt(4) > 0) b.largestLesionCm(0.5 + r.nextInt(20) * 0.5);
        if (r.nextBoolean()) b.bilobar(r.nextBoolean());
        if (r.nextInt(4) > 0) b.liverTumorBurdenPercent((double) r.nextInt(101));
        if (r.nextInt(4) > 0) b.extrahepaticDisease(r.nextBoolean());
        if (r.nextBoolean()) b.resectable(r.nextBoolean());
        if (r.nextBoolean()) b.futureLiverRemnantPercent((double) r.nextInt(101));
        if (r.nextInt(4) > 0) b.childPugh(pick(r, ChildPugh.values()));
        if (r.nextBoolean()) b.portalVeinThrombosis(r.nextInt(4) == 0);
        if (r.nextBoolean()) b.biliaryEntericAnastomosis(r.nextInt(4) == 0);
        if (r.nextInt(4) > 0) b.sstrStatus(pick(r, SstrStatus.values()));
        if (r.nextInt(4) > 0) b.diseaseStatus(pick(r, DiseaseStatus.values()));
        if (r.nextBoolean()) b.symptomatic(r.nextBoolean());
        if (r.nextBoolean()) b.creatinineClearanceMlMin((double) (20 + r.nextInt(100)));
        if (r.nextBoolean()) {
            List<PriorTherapy> prior = new ArrayList<>();
            Therapy[] systemic = {Therapy.SOMATOSTATIN_ANALOGUE, Therapy.EVEROLIMUS, Therapy.SUNITINIB, Therapy.SURUFATINIB,
                Therapy.CABOZANTINIB, Therapy.PRRT, Therapy.CHEMOTHERAPY};
            for (int i = r.nextInt(4); i > 0; i--) {
                prior.add(PriorTherapy.of(pick(r, systemic), pick(r, TherapyOutcome.values())));
            }
            b.priorTherapies(prior);
        }
        return b.build();
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
