package org.netlm.model.explanation;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.netlm.model.CriterionCode;
import org.netlm.model.MissingInput;
import org.netlm.model.Therapy;

/**
 * The explanations of one assessment, built from the rules' own execution: a {@link Why} for every resolved
 * recommendation and a {@link WhyNot} for every therapy not on offer (absent, NOT_RECOMMENDED or CONTRAINDICATED).
 * A NOT_RECOMMENDED or CONTRAINDICATED therapy has both. Both lists are sorted in {@link Therapy} order.
 *
 * @param why    one per resolved recommendation
 * @param whyNot one per therapy not on offer
 */
public record Explanations(List<Why> why, List<WhyNot> whyNot) {
    /** No explanations (an assessment run without them). */
    public static final Explanations NONE = new Explanations(List.of(), List.of());

    public Explanations {
        why = why.stream().sorted(Comparator.comparing(Why::therapy)).toList();
        whyNot = whyNot.stream().sorted(Comparator.comparing(WhyNot::therapy)).toList();
    }

    public Optional<Why> why(Therapy therapy) {
        return why.stream().filter(w -> w.therapy() == therapy).findFirst();
    }

    public Optional<WhyNot> whyNot(Therapy therapy) {
        return whyNot.stream().filter(w -> w.therapy() == therapy).findFirst();
    }

    /** True when nothing was explained (e.g. {@link #NONE}). */
    public boolean isEmpty() {
        return why.isEmpty() && whyNot.isEmpty();
    }

    /** The therapies explained, in enum order (every therapy when the explanations were built). */
    public Set<Therapy> therapies() {
        Set<Therapy> out = EnumSet.noneOf(Therapy.class);
        why.forEach(w -> out.add(w.therapy()));
        whyNot.forEach(w -> out.add(w.therapy()));
        return out;
    }

    /**
     * The criteria named as reasons against {@code therapy}, or as holding it back:
     * for a therapy not on offer, {@link WhyNot#reasons()}; for an offered therapy, the causes of the limits that
     * were applied to it (e.g. SSTR_POSITIVE for a PRRT capped at CONSIDER) and its {@link Why#upgradeInputs()}.
     */
    public Set<CriterionCode> reasonsAgainst(Therapy therapy) {
        Optional<WhyNot> wn = whyNot(therapy);
        Set<CriterionCode> out = EnumSet.noneOf(CriterionCode.class);
        if (wn.isPresent()) {
            out.addAll(wn.get().reasons());
            return out;
        }
        why(therapy).ifPresent(w -> {
            w.limits().stream().filter(l -> l.applied() && l.cause() != null).forEach(l -> out.add(l.cause().code()));
            w.upgradeInputs().forEach(c -> out.add(c.code()));
        });
        return out;
    }

    /**
     * The patient fields whose absence holds {@code therapy} back: {@link WhyNot#missingInputFields()} for a therapy
     * not on offer, {@link Why#upgradeInputFields()} for a CONSIDER that data could make RECOMMENDED.
     */
    public List<String> missingInputFields(Therapy therapy) {
        Optional<WhyNot> wn = whyNot(therapy);
        if (wn.isPresent()) {
            return wn.get().missingInputFields();
        }
        return why(therapy).map(Why::upgradeInputFields).orElse(List.of());
    }

    /**
     * The missing data that would decide therapies, one entry per finding (criteria named by the same first input
     * field share an entry, whose fields are those every one of them is decided by), ordered by their first
     * criterion: for every therapy not on offer that data could put on offer ({@link WhyNot#unlockableByData()}), its
     * {@link WhyNot#missingInputs()}; for every CONSIDER that data could make RECOMMENDED, its
     * {@link Why#upgradeInputs()}. Empty when nothing missing decides anything, and for {@link #NONE}.
     */
    public List<MissingInput> missingInputs() {
        Map<String, List<String>> fields = new HashMap<>();
        Map<String, Set<CriterionCode>> criteria = new HashMap<>();
        Map<String, Set<Therapy>> decides = new HashMap<>();
        BiConsumer<List<DerivedCriterion>, Therapy> add = (cs, t) -> {
            for (DerivedCriterion c : cs) {
                if (c.inputFields().isEmpty()) {
                    continue; // nothing to give
                }
                String finding = c.inputFields().get(0);
                fields.merge(finding, c.inputFields(), (a, b) -> a.stream().filter(b::contains).toList());
                criteria.computeIfAbsent(finding, f -> EnumSet.noneOf(CriterionCode.class)).add(c.code());
                decides.computeIfAbsent(finding, f -> EnumSet.noneOf(Therapy.class)).add(t);
            }
        };
        whyNot.stream().filter(WhyNot::unlockableByData).forEach(n -> add.accept(n.missingInputs(), n.therapy()));
        why.stream().filter(Why::upgradableByData).forEach(w -> add.accept(w.upgradeInputs(), w.therapy()));
        return criteria.keySet().stream()
            .sorted(Comparator.comparing(f -> criteria.get(f).iterator().next()))
            .map(f -> new MissingInput(f, fields.get(f), List.copyOf(criteria.get(f)), List.copyOf(decides.get(f))))
            .toList();
    }
}
