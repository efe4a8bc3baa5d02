package org.netlm.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.netlm.catalog.EvidenceRegistry;
import org.netlm.model.Citation;
import org.netlm.model.ClosingSentences;
import org.netlm.model.Opinion;
import org.netlm.model.Recommendation;
import org.netlm.model.ResolutionText;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;
import org.netlm.model.fact.Candidate;
import org.netlm.model.fact.StrengthLimit;

/**
 * The resolution layer, run once all candidates are in (decision-model.md allows it in Java; §1 Candidates and
 * resolution, §2 Order of recommendations, §3):
 * <ol>
 * <li>applies the limits the rules set to the offering candidates they concern ("not offered again" removes them;
 * "at most CONSIDER" turns a RECOMMENDED into CONSIDER and appends its reason prefixed "Caution:", also to a
 * candidate already at CONSIDER);</li>
 * <li>keeps one recommendation per therapy, the most restrictive (CONTRAINDICATED &gt; NOT_RECOMMENDED &gt;
 * RECOMMENDED &gt; CONSIDER), with every rule's opinion kept;</li>
 * <li>finds the conflicts: a candidate RECOMMENDED after caps meeting a non-offering one (CONFLICTING_RECOMMENDATIONS
 * names each such therapy, the withholding reason and the field to verify);</li>
 * <li>ends the rationale of an offered drug or procedure with the model's fixed sentences, completes the tumour-board
 * rationale, and puts the recommendations in the model's order.</li>
 * </ol>
 */
final class Resolver {
    private static final Comparator<Candidate> DECIDING_FIRST = Comparator
        .comparingInt((Candidate c) -> -c.getStrength().restrictiveness())
        .thenComparing(Candidate::getRuleId);

    /** The systemic therapies counted for the tumour board's "several systemic options" sentence. */
    private static final Set<Therapy> SEQUENCED_SYSTEMIC = EnumSet.of(Therapy.EVEROLIMUS, Therapy.SUNITINIB,
        Therapy.SURUFATINIB, Therapy.CABOZANTINIB, Therapy.PRRT, Therapy.CHEMOTHERAPY);

    /**
     * What resolution needs to know beyond the candidates and limits.
     *
     * @param warnings        the warning codes the rules raised (for the tumour-board reasons)
     * @param functionalNet   a functional NET (the functional-tumour sentence on procedures and PRRT)
     * @param shrinkageNeeded a NET with shrinkage needed (pancreatic G1/G2, progressive, symptomatic or HIGH burden)
     * @param boardNotes      reasons for the tumour board that rules found (e.g. "transplant assessment needs ECOG")
     * @param fieldsOfRule    the input fields that decide a rule's conditions, by rule id (the field to verify)
     * @param evidenceOfRule  the {@code @evidence} keys of a rule, by rule id (the deciding rule's citations)
     */
    record Context(Set<WarningCode> warnings, boolean functionalNet, boolean shrinkageNeeded, List<String> boardNotes,
                   Function<String, List<String>> fieldsOfRule, Function<String, List<String>> evidenceOfRule) {
        static final Context NONE = new Context(Set.of(), false, false, List.of(), id -> List.of(), id -> List.of());
    }

    /** A therapy a rule recommends (after caps) and a limit, contraindication or NOT_RECOMMENDED rule withholds. */
    record Conflict(Therapy therapy, List<Candidate> withholding, List<String> fields) {
    }

    /**
     * The outcome: one recommendation per therapy in the model's order, the therapies in conflict, per therapy the limits
     * that applied to a candidate (a cap whose condition held for an offering candidate, a NOT_OFFERED that removed
     * one), and the conflicts themselves.
     */
    record Result(List<Recommendation> recommendations, List<Therapy> contested, Map<Therapy, List<StrengthLimit>> applied,
                  List<Conflict> conflicts) {
    }

    private Resolver() {
    }

    static Result resolve(List<Candidate> candidates, List<StrengthLimit> limits, EvidenceRegistry evidence, String summary) {
        return resolve(candidates, limits, evidence, summary, Context.NONE);
    }

    static Result resolve(List<Candidate> candidates, List<StrengthLimit> limits, EvidenceRegistry evidence, String summary,
                          Context context) {
        Map<Therapy, List<Candidate>> byTherapy = new EnumMap<>(Therapy.class);
        for (Candidate c : candidates) {
            byTherapy.computeIfAbsent(c.getTherapy(), t -> new ArrayList<>()).add(c);
        }
        Map<Therapy, List<StrengthLimit>> limitsBy = new EnumMap<>(Therapy.class);
        for (StrengthLimit l : limits) {
            limitsBy.computeIfAbsent(l.getTherapy(), t -> new ArrayList<>()).add(l);
        }
        Map<Therapy, Recommendation> out = new EnumMap<>(Therapy.class);
        List<Conflict> conflicts = new ArrayList<>();
        Map<Therapy, List<StrengthLimit>> appliedBy = new EnumMap<>(Therapy.class);
        for (Map.Entry<Therapy, List<Candidate>> e : byTherapy.entrySet()) {
            Therapy therapy = e.getKey();
            List<StrengthLimit> ls = limitsBy.getOrDefault(therapy, List.of());
            List<StrengthLimit> applied = new ArrayList<>();
            List<Candidate> kept = new ArrayList<>();
            for (Candidate c : e.getValue()) {
                Candidate limited = apply(c, ls, applied);
                if (limited != null) {
                    kept.add(limited);
                }
            }
            if (!applied.isEmpty()) {
                appliedBy.put(therapy, applied.stream().distinct().toList());
            }
            if (kept.isEmpty()) {
                continue;
            }
            kept.sort(DECIDING_FIRST);
            Candidate deciding = kept.get(0);
            List<Opinion> opinions = new ArrayList<>(kept.size());
            boolean disagree = false;
            for (Candidate c : kept) {
                disagree |= c.getStrength() != deciding.getStrength();
                if (!hasOpinion(opinions, c)) {
                    opinions.add(new Opinion(c.getStrength(), c.getRuleId(), c.getRationale()));
                }
            }
            List<Candidate> withholding = kept.stream().filter(c -> !c.getStrength().isOffered()).toList();
            if (!withholding.isEmpty() && kept.stream().anyMatch(c -> c.getStrength() == Strength.RECOMMENDED)) {
                Set<String> fields = new LinkedHashSet<>();
                withholding.forEach(c -> fields.addAll(context.fieldsOfRule().apply(c.getRuleId())));
                conflicts.add(new Conflict(therapy, withholding, List.copyOf(fields)));
            }
            List<Opinion> disagreeing = disagree
                ? opinions.subList(1, opinions.size()).stream().filter(o -> o.strength() != deciding.getStrength()).toList()
                : List.of();
            out.put(therapy, new Recommendation(therapy, deciding.getStrength(),
                ResolutionText.rationale(summary, deciding.getRationale(), disagreeing),
                evidence.citations(context.evidenceOfRule().apply(deciding.getRuleId())), deciding.getRuleId(), opinions,
                applied.stream().map(l -> ResolutionText.appliedLimit(l.getRuleId(), l.getReason())).distinct().toList()));
        }
        closeRationales(out, context, evidence);
        Recommendation board = out.get(Therapy.MULTIDISCIPLINARY_TUMOR_BOARD);
        if (board != null) {
            out.put(Therapy.MULTIDISCIPLINARY_TUMOR_BOARD, completeBoard(board, out, conflicts, context));
        }
        List<Therapy> contested = conflicts.stream().map(Conflict::therapy).toList();
        return new Result(ordered(out, context), contested, appliedBy, conflicts);
    }

    /**
     * The fixed sentences of the model, once each, on every offered (RECOMMENDED or CONSIDER) therapy they concern:
     * first the reasons for the order (shrinkage: chemotherapy; COMPETE: PRRT before everolimus), then "Check before use",
     * then the functional-tumour sentence.
     */
    private static void closeRationales(Map<Therapy, Recommendation> out, Context context, EvidenceRegistry evidence) {
        for (Map.Entry<Therapy, Recommendation> e : out.entrySet()) {
            Recommendation r = e.getValue();
            if (!r.strength().isOffered()) {
                continue;
            }
            Therapy t = e.getKey();
            List<String> sentences = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            if (t == Therapy.CHEMOTHERAPY && r.strength() == Strength.RECOMMENDED && context.shrinkageNeeded()) {
                sentences.add(ClosingSentences.SHRINKAGE);
                keys.add(ClosingSentences.SHRINKAGE_EVIDENCE);
            }
            if (t == Therapy.PRRT && r.strength() == Strength.RECOMMENDED && recommended(out, Therapy.EVEROLIMUS)) {
                sentences.add(ClosingSentences.PRRT_BEFORE_EVEROLIMUS);
                keys.add(ClosingSentences.PRRT_BEFORE_EVEROLIMUS_EVIDENCE);
            }
            ClosingSentences.checkBeforeUse(t).ifPresent(s -> {
                sentences.add(s);
                keys.addAll(ClosingSentences.checkBeforeUseEvidence(t));
            });
            if (context.functionalNet() && ClosingSentences.FUNCTIONAL_THERAPIES.contains(t)) {
                sentences.add(ClosingSentences.FUNCTIONAL);
                keys.add(ClosingSentences.FUNCTIONAL_EVIDENCE);
            }
            if (!sentences.isEmpty()) {
                List<Citation> cites = new ArrayList<>(r.evidence());
                for (Citation c : evidence.citations(keys)) {
                    if (!cites.contains(c)) {
                        cites.add(c);
                    }
                }
                e.setValue(new Recommendation(t, r.strength(), ResolutionText.closed(r.rationale(), sentences), cites,
                    r.ruleId(), r.opinions(), r.limits()));
            }
        }
    }

    private static boolean recommended(Map<Therapy, Recommendation> out, Therapy t) {
        Recommendation r = out.get(t);
        return r != null && r.strength() == Strength.RECOMMENDED;
    }

    /** The tumour-board rationale completed with the reasons that resolution knows (decision-model.md §2). */
    private static Recommendation completeBoard(Recommendation board, Map<Therapy, Recommendation> out, List<Conflict> conflicts,
                                                Context context) {
        List<String> reasons = new ArrayList<>();
        if (!conflicts.isEmpty()) {
            reasons.add(ResolutionText.withheldOptions(conflicts.stream().map(Conflict::therapy).toList()));
        }
        reasons.addAll(ResolutionText.boardReasons(context.warnings()));
        reasons.addAll(context.boardNotes());
        long recommendedSystemic = SEQUENCED_SYSTEMIC.stream().filter(t -> recommended(out, t)).count();
        return new Recommendation(board.therapy(), board.strength(),
            ResolutionText.board(board.rationale(), reasons, recommendedSystemic >= 2), board.evidence(), board.ruleId(),
            board.opinions(), board.limits());
    }

    /**
     * The order of §2 (Order of recommendations): RECOMMENDED, CONSIDER, NOT_RECOMMENDED, CONTRAINDICATED, each in
     * section order (the {@link Therapy} order); among the RECOMMENDED, chemotherapy moves to just before the
     * somatostatin analogue when shrinkage is needed, and PRRT to just before everolimus when both are recommended.
     */
    private static List<Recommendation> ordered(Map<Therapy, Recommendation> out, Context context) {
        boolean prrtFirst = recommended(out, Therapy.PRRT) && recommended(out, Therapy.EVEROLIMUS);
        boolean chemoFirst = recommended(out, Therapy.CHEMOTHERAPY) && context.shrinkageNeeded();
        Comparator<Recommendation> order = Comparator
            .comparingInt((Recommendation r) -> rank(r.strength()))
            .thenComparingDouble(r -> position(r, prrtFirst, chemoFirst));
        return out.values().stream().sorted(order).toList();
    }

    private static int rank(Strength s) {
        return switch (s) {
            case RECOMMENDED -> 0;
            case CONSIDER -> 1;
            case NOT_RECOMMENDED -> 2;
            case CONTRAINDICATED -> 3;
        };
    }

    private static double position(Recommendation r, boolean prrtFirst, boolean chemoFirst) {
        if (r.strength() == Strength.RECOMMENDED) {
            if (chemoFirst && r.therapy() == Therapy.CHEMOTHERAPY) {
                return Therapy.SOMATOSTATIN_ANALOGUE.ordinal() - 0.5;
            }
            if (prrtFirst && r.therapy() == Therapy.PRRT) {
                return Therapy.EVEROLIMUS.ordinal() - 0.25;
            }
        }
        return r.therapy().ordinal();
    }

    /** Whether a rule already gave this opinion (same rule, same strength): it is listed once. */
    private static boolean hasOpinion(List<Opinion> opinions, Candidate c) {
        for (Opinion o : opinions) {
            if (o.strength() == c.getStrength() && o.ruleId().equals(c.getRuleId())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The candidate after the limits that concern it; {@code null} when a limit removes it. A non-offering candidate is
     * never changed. Each cap whose condition holds appends its reason once, prefixed "Caution:", and turns a
     * RECOMMENDED into CONSIDER.
     */
    private static Candidate apply(Candidate c, List<StrengthLimit> limits, List<StrengthLimit> applied) {
        if (!c.getStrength().isOffered()) {
            return c;
        }
        List<StrengthLimit> concerning = limits.stream().filter(l -> l.appliesTo(c)).toList();
        for (StrengthLimit l : concerning) {
            if (l.getKind() == StrengthLimit.Kind.NOT_OFFERED) {
                applied.add(l);
                return null;
            }
        }
        if (concerning.isEmpty()) {
            return c;
        }
        Set<String> reasons = new LinkedHashSet<>();
        for (StrengthLimit l : concerning) {
            applied.add(l);
            reasons.add(l.getReason());
        }
        return c.with(Strength.CONSIDER, ResolutionText.withCautions(c.getRationale(), reasons));
    }

    /**
     * The CONFLICTING_RECOMMENDATIONS warning: for each therapy, "<therapy> would be RECOMMENDED but <reason>: verify
     * <field>".
     */
    static Warning conflictWarning(List<Conflict> conflicts) {
        List<String> parts = new ArrayList<>();
        for (Conflict c : conflicts) {
            parts.add(ResolutionText.conflict(c.therapy(), c.withholding().stream().map(Candidate::getRationale).toList(), c.fields()));
        }
        return new Warning(WarningCode.CONFLICTING_RECOMMENDATIONS, ResolutionText.conflicts(parts));
    }
}
