package org.netlm.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

/**
 * Valid random patients (every field within the interface's ranges, each optional field absent now and then),
 * reproducible from a seed. For equivalence tests and benchmark input, not for clinical realism.
 */
public final class RandomPatients {
    private final Random rnd;
    private long next;

    public RandomPatients(long seed) {
        this.rnd = new Random(seed);
    }

    public PatientCase next() {
        PatientCase.Builder b = PatientCase.builder()
            .id("p-" + next++)
            .primarySite(pick(PrimarySite.values()))
            .differentiation(rnd.nextInt(10) == 0 ? Differentiation.POOR : Differentiation.WELL)
            .age(maybe(() -> 18 + rnd.nextInt(80)))
            .ecog(maybe(() -> rnd.nextInt(5)))
            .primaryStatus(maybe(() -> pick(PrimaryStatus.values())))
            .primaryResectable(maybe(rnd::nextBoolean))
            .ki67Percent(maybe(() -> (double) pick(new int[] {1, 2, 3, 5, 10, 15, 20, 21, 30, 55, 56, 80})))
            .mitosesPer2mm2(rnd.nextInt(3) == 0 ? Double.valueOf(rnd.nextInt(30)) : null)
            .grade(rnd.nextInt(3) == 0 ? pick(Grade.values()) : null)
            .functional(maybe(() -> rnd.nextInt(8) == 0))
            .liverMetastasisType(rnd.nextInt(3) == 0 ? pick(LiverMetastasisType.values()) : null)
            .liverLesionCount(maybe(() -> 1 + rnd.nextInt(30)))
            .largestLesionCm(maybe(() -> 0.5 + rnd.nextInt(16) * 0.5))
            .bilobar(maybe(rnd::nextBoolean))
            .liverTumorBurdenPercent(maybe(() -> (double) pick(new int[] {5, 24, 25, 40, 50, 51, 75, 76, 90})))
            .extrahepaticDisease(maybe(rnd::nextBoolean))
            .resectable(maybe(rnd::nextBoolean))
            .futureLiverRemnantPercent(maybe(() -> (double) (10 + rnd.nextInt(80))))
            .childPugh(maybe(() -> pick(ChildPugh.values())))
            .portalVeinThrombosis(maybe(() -> rnd.nextInt(6) == 0))
            .biliaryEntericAnastomosis(maybe(() -> rnd.nextInt(6) == 0))
            .sstrStatus(maybe(() -> pick(SstrStatus.values())))
            .diseaseStatus(maybe(() -> pick(DiseaseStatus.values())))
            .symptomatic(maybe(rnd::nextBoolean))
            .creatinineClearanceMlMin(maybe(() -> (double) (20 + rnd.nextInt(100))));
        List<PriorTherapy> prior = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            prior.add(PriorTherapy.of(pick(Therapy.values()), pick(TherapyOutcome.values())));
        }
        return b.priorTherapies(prior.isEmpty() ? null : prior).build();
    }

    public List<PatientCase> next(int n) {
        List<PatientCase> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    private <T> T maybe(java.util.function.Supplier<T> value) {
        return rnd.nextInt(5) == 0 ? null : value.get();
    }

    private <T> T pick(T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private int pick(int[] values) {
        return values[rnd.nextInt(values.length)];
    }
}
