package org.netlm.engine;

import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionState;

/**
 * What a rule's condition asks of one criterion, read from its {@code Criteria( … )} pattern, e.g.
 * {@code notMet(CriterionCode.SSTR_NEGATIVE)}.
 *
 * @param code   the criterion
 * @param expect what the pattern accepts
 */
public record Requirement(CriterionCode code, Expect expect) {

    /** The accepted states: {@code met}, {@code unmet}, {@code unknown}, {@code notMet} ("not true"), {@code notUnmet}. */
    public enum Expect {
        MET, UNMET, UNKNOWN, NOT_MET, NOT_UNMET;

        public boolean accepts(CriterionState s) {
            switch (this) {
                case MET:
                    return s == CriterionState.MET;
                case UNMET:
                    return s == CriterionState.UNMET;
                case UNKNOWN:
                    return s == CriterionState.UNKNOWN;
                case NOT_MET:
                    return s != CriterionState.MET;
                default:
                    return s != CriterionState.UNMET;
            }
        }

        /** The requirement with the opposite meaning (used for patterns under {@code not}). */
        public Expect negate() {
            switch (this) {
                case MET:
                    return NOT_MET;
                case UNMET:
                    return NOT_UNMET;
                case UNKNOWN:
                    return UNKNOWN;
                case NOT_MET:
                    return MET;
                default:
                    return UNMET;
            }
        }

        /** In words, for catalogues and explanations. */
        public String words() {
            switch (this) {
                case MET:
                    return "met";
                case UNMET:
                    return "known not to hold";
                case UNKNOWN:
                    return "unknown (data missing)";
                case NOT_MET:
                    return "not met (or unknown)";
                default:
                    return "met or unknown";
            }
        }
    }

    /** True when a criterion in {@code state} satisfies this requirement. */
    public boolean acceptedBy(CriterionState state) {
        return expect.accepts(state);
    }

    /**
     * True when the requirement is not satisfied but a value for the missing input could satisfy it
     * (the criterion is UNKNOWN and the rule wants it MET or UNMET).
     */
    public boolean waitsForData(CriterionState state) {
        return state == CriterionState.UNKNOWN && !expect.accepts(state);
    }

    public String describe() {
        return code + " " + expect.words();
    }
}
