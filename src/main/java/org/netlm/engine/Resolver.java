package org.netlm.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.netlm.model.Candidate;
import org.netlm.model.Opinion;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.StrengthLimit;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;

/**
 * The resolution layer's merge, run once all candidates are in (decision-model.md allows it in Java):
 * applies the limits the rules set ("at most CONSIDER", "not offered again"), then keeps one
 * recommendation per therapy, the most restrictive (CONTRAINDICATED &gt; NOT_RECOMMENDED &gt;
 * RECOMMENDED &gt; CONSIDER), with every rule's opinion kept, and raises CONFLICTING_RECOMMENDATIONS when
 * rules disagreed on a therapy.
 */
final class Resolver {
    private static final Comparator<Candidate> DECIDING_FIRST = Comparator
        .comparingInt((Candidate c) -> -c.getStrength().restrictiveness())
        .thenComparing(Candidate::getRuleId);

    /**
     * The outcome: one recommendation per therapy in enum order, the therapies whose rules disagreed, and per
     * therapy the limits that changed a candidate (a cap that lowered a RECOMMENDED, a NOT_OFFERED that removed an offer).
     */
    record Result(List<Recommendation> recommendations, List<Therapy> contested, Map<Therapy, List<StrengthLimit>> applied) {
    }

    private Resolver() {
    }

    static Result resolve(List<Candidate> candidates, List<StrengthLimit> limits, EvidenceRegistry evidence, String summary) {
        Map<Therapy, List<Candidate>> byTherapy = new EnumMap<>(Therapy.class);
        for (Candidate c : candidates) {
            byTherapy.computeIfAbsent(c.getTherapy(), t -> new ArrayList<>()).add(c);
        }
        Map<Therapy, List<StrengthLimit>> limitsBy = new EnumMap<>(Therapy.class);
        for (StrengthLimit l : limits) {
            limitsBy.computeIfAbsent(l.getTherapy(), t -> new ArrayList<>()).add(l);
        }
        List<Recommendation> out = new ArrayList<>();
        List<Therapy> contested = new ArrayList<>();
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
            if (disagree) {
                contested.add(therapy);
            }
            StringBuilder rationale = new StringBuilder(summary).append(": ").append(deciding.getRationale());
            if (disagree) {
                rationale.append(" Other rules disagreed: ");
                for (int i = 1; i < opinions.size(); i++) {
                    Opinion o = opinions.get(i);
                    if (o.strength() != deciding.getStrength()) {
                        rationale.append(o.strength()).append(" by ").append(o.ruleId()).append(" (").append(o.rationale()).append(") ");
                    }
                }
                rationale.setLength(rationale.length() - 1);
            }
            out.add(new Recommendation(therapy, deciding.getStrength(), rationale.toString(),
                evidence.citations(deciding.getEvidenceKeys()), deciding.getRuleId(), opinions,
                applied.stream().map(l -> l.getRuleId() + ": " + l.getReason()).distinct().toList()));
        }
        if (!contested.isEmpty()) {
            out.replaceAll(r -> r.therapy() == Therapy.MULTIDISCIPLINARY_TUMOR_BOARD ? withConflicts(r, contested) : r);
        }
        return new Result(out, contested, appliedBy);
    }

    /** The tumour-board referral names the therapies the rules disagreed on (conflicting options). */
    private static Recommendation withConflicts(Recommendation board, List<Therapy> contested) {
        String text = board.rationale();
        String extra = "Conflicting options to weigh: " + contested.stream().map(Enum::name).collect(java.util.stream.Collectors.joining(", ")) + ".";
        return new Recommendation(board.therapy(), board.strength(), text + " " + extra, board.evidence(), board.ruleId(),
            board.opinions(), board.limits());
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

    /** The candidate after the therapy's limits; {@code null} when a limit removes it. */
    private static Candidate apply(Candidate c, List<StrengthLimit> limits, List<StrengthLimit> applied) {
        if (!c.getStrength().isOffered()) {
            return c;
        }
        for (StrengthLimit l : limits) {
            if (l.getKind() == StrengthLimit.Kind.NOT_OFFERED) {
                applied.add(l);
                return null;
            }
        }
        if (limits.isEmpty()) {
            return c;
        }
        List<StrengthLimit> caps = limits.stream().filter(l -> l.getKind() == StrengthLimit.Kind.AT_MOST_CONSIDER).toList();
        if (caps.isEmpty()) {
            return c;
        }
        // A cap lowers RECOMMENDED to CONSIDER; on a CONSIDER it changes nothing but its reason is still
        // stated, so that the reader sees it (e.g. the abscess risk of TACE after a Whipple procedure).
        boolean lowers = c.getStrength() == Strength.RECOMMENDED;
        StringBuilder why = new StringBuilder(c.getRationale()).append(lowers ? " At most CONSIDER:" : " Caution:");
        for (StrengthLimit l : caps) {
            applied.add(l);
            why.append(' ').append(l.getReason());
        }
        return new Candidate(c.getTherapy(), Strength.CONSIDER, c.getRuleId(), c.getEvidenceKeys(), why.toString());
    }

    static Warning conflictWarning(List<Therapy> contested) {
        return new Warning(WarningCode.CONFLICTING_RECOMMENDATIONS,
            "Rules disagreed on " + contested + ": the most restrictive strength is shown, with every rule's rationale; discuss at the tumour board.");
    }
}
