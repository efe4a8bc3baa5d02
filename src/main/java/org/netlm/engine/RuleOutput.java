package org.netlm.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.netlm.model.fact.Candidate;
import org.netlm.model.fact.Criteria;
import org.netlm.model.fact.FitnessFinding;
import org.netlm.model.fact.GradeFinding;
import org.netlm.model.fact.LiverTypeFinding;
import org.netlm.model.fact.ResectabilityFinding;
import org.netlm.model.fact.StrengthLimit;
import org.netlm.model.fact.TumorBurdenFinding;
import org.netlm.model.fact.TumourBoardNote;
import org.netlm.model.fact.WarningFact;

/**
 * What the rules of one session derived, by kind: each fact is routed once, when it is inserted, to the typed slot of
 * its class (every fact class is final, so its class is its kind); facts of other classes (the patient, its prior
 * therapies) are not kept. A deleted fact leaves its slot again. One per session; not thread-safe.
 */
final class RuleOutput {
    /** Where each kind of derived fact goes. */
    private static final Map<Class<?>, BiConsumer<RuleOutput, Object>> ROUTES = Map.of(
        Candidate.class, (o, f) -> o.candidates.add((Candidate) f),
        StrengthLimit.class, (o, f) -> o.limits.add((StrengthLimit) f),
        WarningFact.class, (o, f) -> o.warnings.add((WarningFact) f),
        TumourBoardNote.class, (o, f) -> o.boardNotes.add((TumourBoardNote) f),
        Criteria.class, (o, f) -> o.criteria = (Criteria) f,
        GradeFinding.class, (o, f) -> o.grade = (GradeFinding) f,
        LiverTypeFinding.class, (o, f) -> o.liverType = (LiverTypeFinding) f,
        ResectabilityFinding.class, (o, f) -> o.resectability = (ResectabilityFinding) f,
        TumorBurdenFinding.class, (o, f) -> o.burden = (TumorBurdenFinding) f,
        FitnessFinding.class, (o, f) -> o.fitness = (FitnessFinding) f);

    final List<Candidate> candidates = new ArrayList<>(32);
    final List<StrengthLimit> limits = new ArrayList<>(8);
    final List<WarningFact> warnings = new ArrayList<>(4);
    final List<TumourBoardNote> boardNotes = new ArrayList<>(2);
    Criteria criteria;
    GradeFinding grade;
    LiverTypeFinding liverType;
    ResectabilityFinding resectability;
    TumorBurdenFinding burden;
    FitnessFinding fitness;

    void inserted(Object fact) {
        BiConsumer<RuleOutput, Object> route = ROUTES.get(fact.getClass());
        if (route != null) {
            route.accept(this, fact);
        }
    }

    /** A fact the rules deleted (the rule hygiene forbids it; kept exact all the same). */
    void deleted(Object fact) {
        removeSame(candidates, fact);
        removeSame(limits, fact);
        removeSame(warnings, fact);
        removeSame(boardNotes, fact);
        criteria = criteria == fact ? null : criteria;
        grade = grade == fact ? null : grade;
        liverType = liverType == fact ? null : liverType;
        resectability = resectability == fact ? null : resectability;
        burden = burden == fact ? null : burden;
        fitness = fitness == fact ? null : fitness;
    }

    private static void removeSame(List<?> list, Object fact) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i) == fact) {
                list.remove(i);
                return;
            }
        }
    }
}
