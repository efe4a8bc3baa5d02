package org.netlm.model.fact;

import org.netlm.model.CriterionState;

/**
 * Three-valued (Kleene) logic for the classification layer: every comparison on an absent value is
 * UNKNOWN, never an exception, so a criterion can say "the data to decide this are missing".
 * "At most x" and "at least x" include x; "below x" and "above x" exclude it (decision model, section 1).
 */
public final class Tri {
    private Tri() {
    }

    public static CriterionState of(boolean value) {
        return value ? CriterionState.MET : CriterionState.UNMET;
    }

    /** A known flag; {@code null} is UNKNOWN. */
    public static CriterionState is(Boolean flag) {
        return flag == null ? CriterionState.UNKNOWN : of(flag);
    }

    /** A flag that counts as false when absent (symptomatic, functional, portal vein thrombosis, anastomosis). */
    public static CriterionState flag(Boolean flag) {
        return of(Boolean.TRUE.equals(flag));
    }

    public static CriterionState atMost(Number value, double limit) {
        return value == null ? CriterionState.UNKNOWN : of(value.doubleValue() <= limit);
    }

    public static CriterionState atLeast(Number value, double limit) {
        return value == null ? CriterionState.UNKNOWN : of(value.doubleValue() >= limit);
    }

    public static CriterionState below(Number value, double limit) {
        return value == null ? CriterionState.UNKNOWN : of(value.doubleValue() < limit);
    }

    public static CriterionState above(Number value, double limit) {
        return value == null ? CriterionState.UNKNOWN : of(value.doubleValue() > limit);
    }

    /** {@code low <= value <= high}. */
    public static CriterionState between(Number value, double low, double high) {
        return value == null ? CriterionState.UNKNOWN
            : of(value.doubleValue() >= low && value.doubleValue() <= high);
    }

    /** The value is one of {@code options}; {@code null} is UNKNOWN. */
    @SafeVarargs
    public static <E extends Enum<E>> CriterionState oneOf(E value, E... options) {
        if (value == null) {
            return CriterionState.UNKNOWN;
        }
        for (E option : options) {
            if (option == value) {
                return of(true);
            }
        }
        return of(false);
    }

    public static CriterionState not(CriterionState s) {
        switch (s) {
            case MET:
                return CriterionState.UNMET;
            case UNMET:
                return CriterionState.MET;
            default:
                return CriterionState.UNKNOWN;
        }
    }

    /** Kleene OR: MET if any is MET, else UNKNOWN if any is UNKNOWN, else UNMET. */
    public static CriterionState or(CriterionState... states) {
        boolean unknown = false;
        for (CriterionState s : states) {
            if (s == CriterionState.MET) {
                return CriterionState.MET;
            }
            unknown |= s == CriterionState.UNKNOWN;
        }
        return unknown ? CriterionState.UNKNOWN : CriterionState.UNMET;
    }

    /** Kleene AND: UNMET if any is UNMET, else UNKNOWN if any is UNKNOWN, else MET. */
    public static CriterionState and(CriterionState... states) {
        boolean unknown = false;
        for (CriterionState s : states) {
            if (s == CriterionState.UNMET) {
                return CriterionState.UNMET;
            }
            unknown |= s == CriterionState.UNKNOWN;
        }
        return unknown ? CriterionState.UNKNOWN : CriterionState.MET;
    }

    /** "field=value" pairs for a criterion's basis; absent values print as "absent". */
    public static String basis(Object... fieldValuePairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < fieldValuePairs.length; i += 2) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            Object v = fieldValuePairs[i + 1];
            sb.append(fieldValuePairs[i]).append('=').append(v == null ? "absent" : format(v));
        }
        return sb.toString();
    }

    private static String format(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }
}
