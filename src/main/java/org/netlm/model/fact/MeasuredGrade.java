package org.netlm.model.fact;

import org.netlm.model.Grade;

/** Derived fact: the WHO grade implied by Ki-67 and mitoses alone (used to derive or to cross-check). */
public final class MeasuredGrade {
    private final Grade grade;

    public MeasuredGrade(Grade grade) {
        this.grade = grade;
    }

    public Grade getGrade() {
        return grade;
    }

    @Override
    public String toString() {
        return "MeasuredGrade[" + grade + "]";
    }
}
