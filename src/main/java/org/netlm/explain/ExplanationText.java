package org.netlm.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.netlm.catalog.Requirement;
import org.netlm.catalog.RuleInfo;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionPredicate;
import org.netlm.model.CriterionState;
import org.netlm.model.MissingInput;
import org.netlm.model.Therapy;
import org.netlm.model.explanation.DerivedCriterion;
import org.netlm.model.explanation.Explanations;
import org.netlm.model.explanation.FiredRule;
import org.netlm.model.explanation.LimitExplanation;
import org.netlm.model.explanation.OfferingRuleCheck;
import org.netlm.model.explanation.UnmetRequirement;
import org.netlm.model.explanation.Why;
import org.netlm.model.explanation.WhyNot;

/**
 * The one text renderer of explanations: every sentence a reader sees about why a therapy is or is not on offer is
 * written here: the "Why and why not" section of the text report ({@link #section}), the detailed plain text of failure
 * messages, CDS Hooks cards and impact reports ({@link #detail(Why)}, {@link #detail(WhyNot)}), the missing-data lines,
 * and the words for what a rule asks ({@link #words}) and produces ({@link #produces}) used by the rule catalogue.
 * To change a why-not sentence, change it here. Lines end with {@code \n}; the output is deterministic.
 */
public final class ExplanationText {
    private static final String INDENT = "    ";
    /** The criterion that sets the population a rule applies to: well-differentiated NET (MET) or NEC (UNMET). */
    private static final CriterionCode POPULATION = CriterionCode.NET;

    private ExplanationText() {
    }

    // ---- the text report's "Why and why not" section ------------------------------------------------------------

    /**
     * Why each recommendation was made (the deciding rule and the criteria it matched, with the patient's values) and why
     * each other therapy is not on offer (what blocks it, what data would decide it), for the text report.
     * @param e the assessment's explanations
     * @param sb the report being written; the section is appended
     */
    public static void section(Explanations e, StringBuilder sb) {
        sb.append("\nWhy and why not\n");
        if (e == null || e.isEmpty()) {
            sb.append(INDENT).append("(assessed without explanations)\n");
            return;
        }
        for (Therapy t : e.therapies()) {
            e.why(t).filter(w -> w.strength().isOffered()).ifPresent(w -> why(w, sb));
            e.whyNot(t).ifPresent(n -> sb.append(INDENT).append(n.therapy()).append(" not offered")
                .append(n.strength() == null ? "" : " (" + n.strength() + ")").append(": ")
                .append(String.join("; ", whyNotReasons(n))).append('\n'));
        }
    }

    private static void why(Why w, StringBuilder sb) {
        sb.append(INDENT).append(w.therapy()).append(' ').append(w.strength())
            .append(" [").append(w.deciding().ruleId()).append("] because ").append(because(w.deciding())).append('\n');
        for (LimitExplanation l : w.limits()) {
            sb.append(INDENT).append(INDENT).append("limited by ").append(l.ruleId()).append(": ").append(l.reason()).append('\n');
        }
        if (w.upgradableByData()) {
            sb.append(INDENT).append(INDENT).append("could be RECOMMENDED with data: give ")
                .append(String.join(", ", w.upgradeInputFields())).append('\n');
        }
    }

    /**
     * The reasons a therapy is not on offer, each a non-empty phrase: the rules against it, the limits that remove
     * it, what blocks every rule that could offer it (or that no rule offers it for the patient's population), the
     * data that would decide it. Never empty: when none of these can be named, the offering rules that did not fire
     * are named.
     * @param n the explanation of one therapy not on offer
     * @return the reasons, one clause each, never empty
     */
    public static List<String> whyNotReasons(WhyNot n) {
        List<String> parts = new ArrayList<>();
        for (FiredRule r : n.negativeRules()) {
            parts.add(r.ruleId() + " " + r.strength() + " because " + because(r));
        }
        for (LimitExplanation l : n.suppressions()) {
            parts.add(l.ruleId() + ": " + l.reason());
        }
        if (!n.blockedBy().isEmpty()) {
            parts.add(blockers(n));
        }
        if (!n.missingInputs().isEmpty()) {
            parts.add("missing data: give " + String.join(", ", n.missingInputFields())
                + (n.unlockableByData() ? " (could put it on offer)" : ""));
        }
        if (n.offeringRules().isEmpty()) {
            parts.add("no rule in the rule folder offers it");
        } else if (parts.isEmpty()) {
            // Nothing the criteria show: the offering rules failed on conditions that are not criteria.
            List<String> ids = n.offeringRules().stream().filter(r -> !r.fired()).map(OfferingRuleCheck::ruleId).toList();
            parts.add(ids.isEmpty() ? "its offering rules fired but the offer was outranked"
                : "the conditions of " + String.join(", ", ids) + " are not met");
        }
        return parts;
    }

    /**
     * What blocks every rule that could offer it decides; the other unmet conditions are counted, not listed. When
     * the population criterion (NET or NEC) blocks every offering rule, that is the reason ("no rule offers it for
     * this population (NET)"); elsewhere it is only counted, since a NET's rules for NECs say nothing about the NET.
     */
    private static String blockers(WhyNot n) {
        Set<CriterionCode> decisive = n.blockingEveryRule();
        DerivedCriterion population = n.blockedBy().stream().filter(c -> c.code() == POPULATION).findFirst().orElse(null);
        if (population != null && population.isDerived() && decisive.contains(POPULATION)) {
            return "no rule offers it for this population (" + (population.state() == CriterionState.MET ? "NET" : "NEC") + ")";
        }
        List<DerivedCriterion> shown = n.blockedBy().stream()
            .filter(c -> c.code() != POPULATION && (decisive.isEmpty() || decisive.contains(c.code()))).toList();
        int others = n.blockedBy().size() - shown.size();
        return "blocked by " + criteria(shown) + (others == 0 ? "" : " (and " + others + " other unmet condition"
            + (others == 1 ? "" : "s") + ")");
    }

    /**
     * The criteria a fired rule matched, without the population (every NET rule asks for NET: saying so on every line
     * hides what matters), unless it is all the rule matched; the rule's name when it matched no criterion.
     */
    private static String because(FiredRule r) {
        List<DerivedCriterion> shown = r.matched().stream()
            .filter(c -> !(c.code() == POPULATION && c.state() == CriterionState.MET)).toList();
        if (shown.isEmpty()) {
            shown = r.matched();
        }
        return shown.isEmpty() ? r.ruleName().toLowerCase(Locale.ROOT) : criteria(shown);
    }

    private static String criteria(List<DerivedCriterion> cs) {
        List<String> out = new ArrayList<>();
        for (DerivedCriterion c : cs) {
            String state = c.state() == null ? "not derived by any rule: " : c.state() == CriterionState.MET ? ""
                : c.state() == CriterionState.UNMET ? "not " : "unknown: ";
            out.add(state + c.code().description() + (c.basis().isEmpty() || !c.isDerived() ? "" : " (" + c.basis() + ")"));
        }
        return String.join("; ", out);
    }

    /**
     * One line of the report's "Missing data": {@code grade unknown: give ki67Percent or mitoticCount: decides PRRT}.
     * @param m one input whose absence keeps a criterion undecided
     * @return the report line
     */
    public static String missingInput(MissingInput m) {
        List<String> fields = m.fields();
        String give = fields.size() == 1 ? fields.get(0)
            : String.join(", ", fields.subList(0, fields.size() - 1)) + " or " + fields.get(fields.size() - 1);
        return m.finding() + " unknown: give " + give + ": decides " + String.join(", ", m.decides().stream().map(Enum::name).toList());
    }

    // ---- the detailed plain text (failure messages, CDS Hooks cards, impact reports) --------------------------

    /**
     * Why and why not for one therapy, or "PRRT: no explanation recorded".
     * @param e the assessment's explanations
     * @param therapy the therapy to explain
     * @return multi-line text, one line per fact, ending in a newline
     */
    public static String detail(Explanations e, Therapy therapy) {
        List<String> parts = new ArrayList<>();
        e.why(therapy).ifPresent(w -> parts.add(detail(w)));
        e.whyNot(therapy).ifPresent(w -> parts.add(detail(w)));
        return parts.isEmpty() ? therapy + ": no explanation recorded\n" : String.join("", parts);
    }

    /**
     * Why a therapy got its strength, multi-line.
     * @param w the explanation of one recommended therapy
     * @return multi-line text
     */
    public static String detail(Why w) {
        StringBuilder sb = new StringBuilder();
        sb.append(w.therapy()).append(' ').append(w.strength()).append(" because:\n");
        sb.append("  deciding ").append(firedRule(w.deciding())).append('\n');
        for (FiredRule r : w.contributing()) {
            sb.append("  also ").append(firedRule(r)).append('\n');
        }
        for (LimitExplanation l : w.limits()) {
            sb.append("  limit ").append(limit(l)).append('\n');
        }
        if (w.upgradableByData()) {
            sb.append("  could be RECOMMENDED with data for ")
                .append(w.upgradeInputs().stream().map(DerivedCriterion::code).toList())
                .append(": give ").append(String.join(", ", w.upgradeInputFields())).append('\n');
        }
        return sb.toString();
    }

    /**
     * Why a therapy is not on offer, multi-line: every reason, limit, blocker, missing datum and offering rule.
     * @param n the explanation of one therapy not on offer
     * @return multi-line text
     */
    public static String detail(WhyNot n) {
        StringBuilder sb = new StringBuilder();
        sb.append(n.therapy()).append(" is not offered").append(n.strength() == null ? "" : " (" + n.strength() + ")").append(":\n");
        if (!n.reasons().isEmpty()) {
            sb.append("  reasons ").append(n.reasons()).append('\n');
        }
        for (FiredRule r : n.negativeRules()) {
            sb.append("  ").append(firedRule(r)).append('\n');
        }
        for (LimitExplanation l : n.limits()) {
            sb.append("  limit ").append(limit(l)).append('\n');
        }
        if (!n.blockedBy().isEmpty()) {
            List<String> b = new ArrayList<>();
            n.blockedBy().forEach(c -> b.add(criterion(c)));
            sb.append("  blocked by ").append(String.join("; ", b)).append('\n');
            Set<CriterionCode> every = n.blockingEveryRule();
            if (!every.isEmpty()) {
                sb.append("  blocking every rule that offers it: ").append(every).append('\n');
            }
        }
        if (!n.missingInputs().isEmpty()) {
            sb.append("  missing data ").append(n.missingInputs().stream().map(DerivedCriterion::code).toList())
                .append(": give ").append(String.join(", ", n.missingInputFields()))
                .append(n.unlockableByData() ? " (could put it on offer)" : "").append('\n');
        }
        if (n.offeringRules().isEmpty()) {
            sb.append("  no rule offers it\n");
        }
        for (OfferingRuleCheck r : n.offeringRules()) {
            sb.append("  rule ").append(offeringRule(r)).append('\n');
        }
        return sb.toString();
    }

    /**
     * {@code FIT_FOR_SURGERY=UNMET (ecog=3, childPugh=A)}; {@code X=NOT_DERIVED (not derived by any rule)}.
     * @param c a criterion as the rules derived it for this patient
     * @return the criterion, its state and the patient values it rests on
     */
    public static String criterion(DerivedCriterion c) {
        return c.code() + "=" + (c.isDerived() ? c.state().name() : "NOT_DERIVED") + (c.basis().isEmpty() ? "" : " (" + c.basis() + ")");
    }

    /**
     * {@code FIT_FOR_SURGERY=UNMET (ecog=3), needs MET}, with the fields to give when data are missing.
     * @param u a condition of an offering rule that the patient does not meet
     * @return the condition, its state, the state needed, and what data to give
     */
    public static String unmet(UnmetRequirement u) {
        String needs = u.accepted().stream().map(Enum::name).reduce((a, b) -> a + " or " + b).orElse("nothing");
        return criterion(u.criterion()) + ", needs " + needs
            + (u.missingData() ? "; give " + String.join(" / ", u.criterion().inputFields()) : "");
    }

    /**
     * {@code SYS-14 RECOMMENDED "PRRT for ..." matched [NET=MET (differentiation=WELL), ...]}.
     * @param r a rule that fired for this patient
     * @return the rule, its strength, its text and the criteria it matched
     */
    public static String firedRule(FiredRule r) {
        return r.ruleId() + " " + r.strength() + " \"" + r.ruleName() + "\"" + (r.matched().isEmpty() ? ""
            : " matched " + r.matched().stream().map(ExplanationText::criterion).toList());
    }

    /**
     * {@code LIMIT-03 AT_MOST_CONSIDER: reason [ECOG_3=MET (ecog=3)]}.
     * @param l a limit that capped a therapy's strength
     * @return the limiting rule, the cap, its reason and the criterion that caused it
     */
    public static String limit(LimitExplanation l) {
        return l.ruleId() + " " + l.kind() + (l.applied() ? "" : " (set, not applied)") + ": " + l.reason()
            + (l.cause() == null ? "" : " [" + criterion(l.cause()) + "]");
    }

    /**
     * {@code SYS-14 (RECOMMENDED) did not fire: blocked by …; waits for …}.
     * @param r an offering rule checked against this patient
     * @return the rule, its strength and what blocked it or what it waits for
     */
    public static String offeringRule(OfferingRuleCheck r) {
        StringBuilder sb = new StringBuilder(r.ruleId()).append(" (").append(r.strength()).append(") ");
        if (r.fired()) {
            sb.append("fired");
        } else if (r.blockedBy().isEmpty() && r.missingInputs().isEmpty()) {
            sb.append(r.conditionsFullyRead() ? "did not fire" : "did not fire (conditions beyond the criteria)");
        } else {
            sb.append("did not fire:");
            for (UnmetRequirement u : r.blockedBy()) {
                sb.append(" blocked by ").append(unmet(u)).append(';');
            }
            for (UnmetRequirement u : r.missingInputs()) {
                sb.append(" waits for ").append(unmet(u)).append(';');
            }
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }

    // ---- the rule catalogue's words ---------------------------------------------------------------------------

    /**
     * A condition's predicate in words, for catalogues and explanations: "not met (or unknown)".
     * @param p the state a rule's condition asks of a criterion
     * @return the predicate in words
     */
    public static String words(CriterionPredicate p) {
        return switch (p) {
            case MET -> "met";
            case UNMET -> "known not to hold";
            case UNKNOWN -> "unknown (data missing)";
            case NOT_MET -> "not met (or unknown)";
            case NOT_UNMET -> "met or unknown";
        };
    }

    /**
     * {@code SSTR_NEGATIVE not met (or unknown)}.
     * @param q a condition of a rule
     * @return the criterion code followed by the predicate in words
     */
    public static String requirement(Requirement q) {
        return q.code() + " " + words(q.predicate());
    }

    /**
     * What a rule produces, from its declarations: "`PRRT` RECOMMENDED", "limits `ABLATION` to at most CONSIDER", several
     * joined by "; ", or "findings, criteria or warnings (no recommendation)".
     * @param r a rule from the catalogue
     * @return what the rule offers or limits, in words
     */
    public static String produces(RuleInfo r) {
        List<String> parts = new ArrayList<>();
        for (RuleInfo.Offer o : r.offers()) {
            parts.add("`" + o.therapy().name() + "` " + o.strength().name());
        }
        for (RuleInfo.Limit l : r.limits()) {
            String kind = switch (l.kind()) {
                case AT_MOST_CONSIDER -> "at most CONSIDER";
                case NOT_OFFERED -> "not offered (at most NOT_RECOMMENDED)";
            };
            parts.add("limits `" + l.therapy().name() + "` to " + kind);
        }
        return parts.isEmpty() ? "findings, criteria or warnings (no recommendation)" : String.join("; ", parts);
    }
}
