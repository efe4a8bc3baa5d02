package org.netlm.model;

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

    @Override
    public String toString() {
        return "GradeFinding[" + grade + ", " + source + "]";
    }
}
