package org.netlm.model;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The wording of the resolution layer (decision-model.md §2), written once here: how a recommendation's rationale
 * names the rules that disagreed, the cautions of the strength caps it met and the limits applied to it, the
 * reasons the tumour board's rationale adds, and the CONFLICTING_RECOMMENDATIONS warning. The resolver
 * ({@code org.netlm.engine.Resolver}) decides what applies and calls these; the model's fixed closing sentences are
 * {@link ClosingSentences}.
 */
public final class ResolutionText {
    /** The tumour board's reason for each warning that asks for one, in the order the reasons are listed. */
    private static final List<Map.Entry<WarningCode, String>> BOARD_REASONS = List.of(
        Map.entry(WarningCode.RESECTABILITY_CONFLICT,
            "resectability conflict: the surgeon judges resectable a diffuse (type III) pattern; re-review imaging"),
        Map.entry(WarningCode.RESECTABILITY_UNKNOWN, "resectability unknown: HPB surgical and imaging review"),
        Map.entry(WarningCode.GRADE_KI67_MISMATCH, "grade mismatch between the reported and the measured grade: ask pathology"));

    private ResolutionText() {
    }

    /**
     * A recommendation's rationale: the case summary, the deciding rule's rationale and, when other rules gave another
     * strength, {@code "Other rules disagreed: CONSIDER by SYS-03 (…)"} for each of them.
     * @param summary the one-line case summary
     * @param deciding the rationale of the rule that set the strength
     * @param disagreeing the opinions of the rules that gave another strength
     * @return the rationale
     */
    public static String rationale(String summary, String deciding, List<Opinion> disagreeing) {
        StringBuilder text = new StringBuilder(summary).append(": ").append(deciding);
        if (!disagreeing.isEmpty()) {
            text.append(" Other rules disagreed:");
            for (Opinion o : disagreeing) {
                text.append(' ').append(o.strength()).append(" by ").append(o.ruleId()).append(" (").append(o.rationale()).append(')');
            }
        }
        return text.toString();
    }

    /**
     * A candidate's rationale with the reasons of the caps it met, each once: {@code "… Caution: <reason>"}.
     * @param rationale the candidate's rationale so far
     * @param reasons the reasons of the limits that capped the candidate
     * @return the rationale with one caution per distinct reason
     */
    public static String withCautions(String rationale, Collection<String> reasons) {
        StringBuilder text = new StringBuilder(rationale);
        for (String reason : reasons) {
            text.append(" Caution: ").append(reason);
        }
        return text.toString();
    }

    /**
     * A limit applied to a recommendation, as its {@code limits} list shows it: {@code "LIM-03: <reason>"}.
     * @param ruleId the limiting rule's {@code @id}
     * @param reason the limit's reason
     * @return the limit as listed on the recommendation
     */
    public static String appliedLimit(String ruleId, String reason) {
        return ruleId + ": " + reason;
    }

    /**
     * A rationale closed by the model's fixed sentences ({@link ClosingSentences}), in the order given.
     * @param rationale the rationale so far
     * @param sentences the closing sentences
     * @return the closed rationale
     */
    public static String closed(String rationale, List<String> sentences) {
        return rationale + " " + String.join(" ", sentences);
    }

    /**
     * The tumour board's reason when recommended options are withheld by a limit or contraindication.
     * @param therapies the recommended options withheld
     * @return the board reason naming them
     */
    public static String withheldOptions(List<Therapy> therapies) {
        return "a recommended option withheld by a limit or contraindication: "
            + therapies.stream().map(Therapy::name).collect(Collectors.joining(", "));
    }

    /**
     * The tumour board's reasons for those of {@code warnings} that ask for one, in a fixed order.
     * @param warnings the warnings of the assessment
     * @return the board reasons, possibly empty
     */
    public static List<String> boardReasons(Set<WarningCode> warnings) {
        return BOARD_REASONS.stream().filter(r -> warnings.contains(r.getKey())).map(Map.Entry::getValue).toList();
    }

    /**
     * The tumour board's rationale completed: {@code " Also: <reason>; <reason>."} when there are reasons (each once),
     * then {@link ClosingSentences#SEVERAL_SYSTEMIC_OPTIONS} when several systemic options are recommended.
     * @param rationale the board note's rationale so far
     * @param reasons the board reasons
     * @param severalSystemicOptions whether more than one systemic option is recommended
     * @return the completed rationale
     */
    public static String board(String rationale, Collection<String> reasons, boolean severalSystemicOptions) {
        StringBuilder text = new StringBuilder(rationale);
        if (!reasons.isEmpty()) {
            text.append(" Also: ").append(String.join("; ", new LinkedHashSet<>(reasons))).append('.');
        }
        if (severalSystemicOptions) {
            text.append(' ').append(ClosingSentences.SEVERAL_SYSTEMIC_OPTIONS);
        }
        return text.toString();
    }

    /**
     * One therapy of the CONFLICTING_RECOMMENDATIONS warning: {@code "<therapy> would be RECOMMENDED but <reason>; and
     * <reason>: verify <field>, <field>"} (the withholding rules' rationales without their final period; "the limiting
     * value" when no field is known).
     * @param therapy the therapy that would be recommended
     * @param withholdingRationales the rationales of the rules that withhold it
     * @param fields the input fields whose values trigger the withholding
     * @return one part of the warning's message
     */
    public static String conflict(Therapy therapy, List<String> withholdingRationales, List<String> fields) {
        String reason = withholdingRationales.stream().map(ResolutionText::trimPeriod).distinct().collect(Collectors.joining("; and "));
        String verify = fields.isEmpty() ? "the limiting value" : String.join(", ", fields);
        return therapy + " would be RECOMMENDED but " + reason + ": verify " + verify;
    }

    /**
     * The CONFLICTING_RECOMMENDATIONS warning's message from its parts ({@link #conflict}).
     * @param parts the parts, one per therapy
     * @return the message
     */
    public static String conflicts(List<String> parts) {
        return String.join(". ", parts) + ".";
    }

    private static String trimPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
