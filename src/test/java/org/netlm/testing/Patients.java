package org.netlm.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;
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
import org.netlm.io.PatientJson;
import org.netlm.model.TherapyOutcome;

/**
 * Test fixtures for patient cases: jqwik generators of valid cases (every field, every enum value,
 * absent fields, the boundaries of interface.md and of decision-model.md), a few hand-written cases, and
 * a writer that turns a case back into patient JSON (in any field order).
 */
public final class Patients {
    /** Share of generated cases in which an optional field is absent. */
    private static final double ABSENT = 0.25;

    private Patients() {
    }

    /** A minimal valid case: only the required fields. */
    public static PatientCase minimal(String id) {
        return PatientCase.builder().id(id).primarySite(PrimarySite.PANCREAS).differentiation(Differentiation.WELL).build();
    }

    /** A fully described, resectable G2 pancreatic NET (example 01 of the shared examples, roughly). */
    public static PatientCase resectableG2(String id) {
        return PatientCase.builder().id(id).age(58).ecog(0).primarySite(PrimarySite.PANCREAS)
            .primaryStatus(PrimaryStatus.IN_SITU).primaryResectable(true).differentiation(Differentiation.WELL)
            .ki67Percent(8.0).mitosesPer2mm2(3.0).functional(false).liverLesionCount(1).largestLesionCm(2.5)
            .bilobar(false).liverTumorBurdenPercent(5.0).extrahepaticDisease(false).extrahepaticResectable(false).resectable(true)
            .futureLiverRemnantPercent(60.0).childPugh(ChildPugh.A).portalVeinThrombosis(false)
            .biliaryEntericAnastomosis(false).sstrStatus(SstrStatus.POSITIVE).diseaseStatus(DiseaseStatus.STABLE)
            .symptomatic(false).creatinineClearanceMlMin(90.0)
            .priorTherapy(Therapy.SOMATOSTATIN_ANALOGUE, TherapyOutcome.STABLE).build();
    }

    /** Valid patient cases covering every field, every enum value, absent fields and boundary values. */
    public static Arbitrary<PatientCase> valid() {
        return Builders.withBuilder(PatientCase::builder)
            .use(ids()).in(PatientCase.Builder::id)
            .use(Arbitraries.integers().between(0, 120).injectNull(ABSENT)).in(PatientCase.Builder::age)
            .use(Arbitraries.integers().between(0, 4).injectNull(ABSENT)).in(PatientCase.Builder::ecog)
            .use(Arbitraries.of(PrimarySite.class)).in(PatientCase.Builder::primarySite)
            .use(Arbitraries.of(PrimaryStatus.class).injectNull(ABSENT)).in(PatientCase.Builder::primaryStatus)
            .use(flag()).in(PatientCase.Builder::primaryResectable)
            .use(Arbitraries.of(Differentiation.class)).in(PatientCase.Builder::differentiation)
            .use(measure(0, 100, 3, 10, 20, 55)).in(PatientCase.Builder::ki67Percent)
            .use(measure(0, 60, 2, 20)).in(PatientCase.Builder::mitosesPer2mm2)
            .use(Arbitraries.of(Grade.class).injectNull(0.5)).in(PatientCase.Builder::grade)
            .use(flag()).in(PatientCase.Builder::functional)
            .use(Arbitraries.of(LiverMetastasisType.class).injectNull(0.5)).in(PatientCase.Builder::liverMetastasisType)
            .use(count()).in(PatientCase.Builder::liverLesionCount)
            .use(measure(0.1, 25, 3, 5)).in(PatientCase.Builder::largestLesionCm)
            .use(flag()).in(PatientCase.Builder::bilobar)
            .use(measure(0, 100, 25, 50, 75)).in(PatientCase.Builder::liverTumorBurdenPercent)
            .use(flag()).in(PatientCase.Builder::extrahepaticDisease)
            .use(flag()).in(PatientCase.Builder::extrahepaticResectable)
            .use(flag()).in(PatientCase.Builder::resectable)
            .use(measure(0, 100, 30)).in(PatientCase.Builder::futureLiverRemnantPercent)
            .use(Arbitraries.of(ChildPugh.class).injectNull(ABSENT)).in(PatientCase.Builder::childPugh)
            .use(flag()).in(PatientCase.Builder::portalVeinThrombosis)
            .use(flag()).in(PatientCase.Builder::biliaryEntericAnastomosis)
            .use(Arbitraries.of(SstrStatus.class).injectNull(ABSENT)).in(PatientCase.Builder::sstrStatus)
            .use(Arbitraries.of(DiseaseStatus.class).injectNull(ABSENT)).in(PatientCase.Builder::diseaseStatus)
            .use(flag()).in(PatientCase.Builder::symptomatic)
            .use(measure(0, 200, 40)).in(PatientCase.Builder::creatinineClearanceMlMin)
            .use(priorTherapies()).in(PatientCase.Builder::priorTherapies)
            .build(PatientCase.Builder::build);
    }

    /**
     * {@code n} patients drawn from {@link #valid()} with a fixed seed: the same list on every call, for
     * equivalence checks and benchmark input outside a property.
     */
    public static List<PatientCase> sample(long seed, int n) {
        List<PatientCase> out = new ArrayList<>(n);
        JqwikSession.run(() -> {
            RandomGenerator<PatientCase> generator = valid().generator(1000);
            Random random = new Random(seed);
            for (int i = 0; i < n; i++) {
                out.add(generator.next(random).value());
            }
        });
        return out;
    }

    /** Neuroendocrine carcinomas (differentiation POOR), otherwise like {@link #valid()}. */
    public static Arbitrary<PatientCase> nec() {
        return valid().map(p -> p.toBuilder().differentiation(Differentiation.POOR).build());
    }

    /** Patients unfit for major liver surgery: ECOG 3-4 or Child-Pugh B/C (or both). */
    public static Arbitrary<PatientCase> unfit() {
        Arbitrary<Integer> ecog = Arbitraries.integers().between(0, 4).injectNull(0.2);
        Arbitrary<ChildPugh> childPugh = Arbitraries.of(ChildPugh.class).injectNull(0.2);
        return Combinators.combine(valid(), ecog, childPugh)
            .filter((p, e, c) -> (e != null && e >= 3) || c == ChildPugh.B || c == ChildPugh.C)
            .as((p, e, c) -> p.toBuilder().ecog(e).childPugh(c).build());
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '_').ofMinLength(1).ofMaxLength(24)
            .map(s -> "case-" + s);
    }

    private static Arbitrary<Boolean> flag() {
        return Arbitraries.of(true, false).injectNull(ABSENT);
    }

    /**
     * A measure in [min, max] (both inclusive), half of the time one of the model's thresholds or a
     * value just beside one, absent a quarter of the time.
     */
    private static Arbitrary<Double> measure(double min, double max, double... thresholds) {
        List<Double> special = new ArrayList<>(List.of(min, max));
        for (double t : thresholds) {
            special.add(t);
            special.add(Math.max(min, t - 0.1));
            special.add(Math.min(max, t + 0.1));
        }
        Arbitrary<Double> any = Arbitraries.doubles().between(min, max).ofScale(2);
        Arbitrary<Double> whole = Arbitraries.integers().between((int) Math.ceil(min), (int) max).map(Integer::doubleValue);
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(special)),
                Tuple.of(1, any),
                Tuple.of(1, whole))
            .injectNull(ABSENT);
    }

    /** A lesion count, half of the time one of the model's thresholds (1, 2, 5, 6, 10, 11). */
    private static Arbitrary<Integer> count() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(1, 2, 5, 6, 10, 11)),
                Tuple.of(1, Arbitraries.integers().between(1, 40)))
            .injectNull(ABSENT);
    }

    private static Arbitrary<List<PriorTherapy>> priorTherapies() {
        Arbitrary<PriorTherapy> one = Combinators.combine(
                Arbitraries.of(Therapy.class), Arbitraries.of(TherapyOutcome.class))
            .as(PriorTherapy::new);
        Arbitrary<PriorTherapy> commonOnes = Combinators.combine(
                Arbitraries.of(Therapy.SOMATOSTATIN_ANALOGUE, Therapy.EVEROLIMUS, Therapy.SUNITINIB, Therapy.PRRT,
                    Therapy.CHEMOTHERAPY, Therapy.SURUFATINIB),
                Arbitraries.of(TherapyOutcome.class))
            .as(PriorTherapy::new);
        return Arbitraries.oneOf(one, commonOnes).list().ofMaxSize(4).injectNull(ABSENT);
    }

    /** The patient JSON of {@code p} (interface.md), fields in interface.md order, absent fields left out. */
    public static ObjectNode toJson(PatientCase p) {
        return PatientJson.toTree(p);
    }

    /** The same object with its fields in the order {@code random} chooses. */
    public static ObjectNode shuffled(ObjectNode o, Random random) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        Collections.shuffle(names, random);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String n : names) {
            out.set(n, o.get(n).deepCopy());
        }
        return out;
    }

    /** The field names of {@code o}, in order (to show that a shuffle changed the order). */
    public static String order(ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names.stream().collect(Collectors.joining(","));
    }

}
