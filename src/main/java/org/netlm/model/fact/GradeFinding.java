package org.netlm.model.fact;

import org.netlm.model.CriterionState;
import org.netlm.model.Grade;

/** Derived fact: the grade finding (reported, derived from Ki-67 / mitoses, or unknown). Immutable. */
public final class GradeFinding {
    /** Where the grade came from. */
    public enum Source { REPORTED, DERIVED, UNKNOWN }

    private final Grade grade;
    private final Source source;

    private GradeFinding(Grade grade, Source source) {
        this.grade = grade;
        this.source = source;
    }

    public static GradeFinding reported(Grade grade) {
        return new GradeFinding(grade, Source.REPORTED);
    }

    public static GradeFinding derived(Grade grade) {
        return new GradeFinding(grade, Source.DERIVED);
    }

    public static GradeFinding unknown() {
        return new GradeFinding(null, Source.UNKNOWN);
    }

    /** The grade, or {@code null} when unknown. */
    public Grade getGrade() {
        return grade;
    }

    public Source getSource() {
        return source;
    }

    /** MET when the grade is one of {@code grades}, UNKNOWN when no grade is known. */
    public CriterionState is(Grade... grades) {
        return Tri.oneOf(grade, grades);
    }

    /**
     * The GRADE_KI67_MISMATCH message: the measure(s), both grades and the grade used (the higher), e.g.
     * "Reported G2, Ki-67 35 % (measured G3): treated as G3; ask pathology to confirm."
     */
    public static String mismatchMessage(Grade reported, Grade measured, Double ki67Percent, Double mitosesPer2mm2) {
        StringBuilder m = new StringBuilder("Reported ").append(reported);
        if (ki67Percent != null) {
            m.append(", Ki-67 ").append(number(ki67Percent)).append(" %");
        }
        if (mitosesPer2mm2 != null) {
            m.append(", mitoses ").append(number(mitosesPer2mm2)).append(" per 2 mm2");
        }
        Grade used = measured.compareTo(reported) > 0 ? measured : reported;
        return m.append(" (measured ").append(measured).append("): treated as ").append(used)
            .append(", the higher of the two; ask pathology to confirm.").toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Override
    public String toString() {
        return "GradeFinding[" + grade + ", " + source + "]";
    }
}
