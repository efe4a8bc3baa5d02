package org.netlm.engine;

import java.util.ArrayList;
import java.util.List;
import org.netlm.model.Criterion;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionState;
import org.netlm.model.Grade;
import org.netlm.model.PatientCase;
import org.netlm.model.WarningCode;
import org.netlm.model.fact.GradeFinding;
import org.netlm.model.fact.Tri;
import org.netlm.model.fact.WarningFact;

/**
 * Benchmark baseline only: rules/classification/grade.drl (16 rules) hand-written in plain Java, producing the
 * same facts (grade finding, 10 criteria, warnings). Shows what the rule engine costs per rule group.
 */
public final class PlainJavaGrade {
    private PlainJavaGrade() {
    }

    public static List<Object> derive(PatientCase p) {
        List<Object> out = new ArrayList<>(16);
        Double ki67 = p.getKi67Percent();
        Double mit = p.getMitosesPer2mm2();
        Grade measured = null;
        if ((ki67 != null && ki67 > 20) || (mit != null && mit > 20)) {
            measured = Grade.G3;                                                       // CLASS-GRADE-01
        } else if ((ki67 != null && ki67 >= 3) || (mit != null && mit >= 2)) {
            measured = Grade.G2;                                                       // CLASS-GRADE-02
        } else if (ki67 != null || mit != null) {
            measured = Grade.G1;                                                       // CLASS-GRADE-03
        }
        GradeFinding g;
        if (p.getGrade() != null) {
            g = GradeFinding.reported(p.getGrade());                                   // CLASS-GRADE-04
            if (ki67 != null && measured != null && measured != p.getGrade()) {      // CLASS-GRADE-07
                out.add(WarningFact.of(WarningCode.GRADE_KI67_MISMATCH, "Reported grade " + p.getGrade() + " differs from grade "
                    + measured + " implied by Ki-67/mitoses; the reported grade is used: ask pathology to confirm."));
            }
        } else if (measured != null) {
            g = GradeFinding.derived(measured);                                        // CLASS-GRADE-05
        } else {
            g = GradeFinding.unknown();                                                // CLASS-GRADE-06
            out.add(WarningFact.of(WarningCode.GRADE_UNKNOWN, "No grade, Ki-67 or mitotic count: no grade-dependent therapy is offered until pathology gives one."));
        }
        out.add(g);
        String basis = Tri.basis("grade", g.getGrade());
        out.add(Criterion.of(CriterionCode.GRADE_KNOWN, Tri.of(g.getGrade() != null), basis));
        out.add(Criterion.of(CriterionCode.GRADE_G1, g.is(Grade.G1), basis));
        out.add(Criterion.of(CriterionCode.GRADE_G1_G2, g.is(Grade.G1, Grade.G2), basis));
        out.add(Criterion.of(CriterionCode.GRADE_G2_G3, g.is(Grade.G2, Grade.G3), basis));
        out.add(Criterion.of(CriterionCode.GRADE_G3, g.is(Grade.G3), basis));
        CriterionState low = ki67 != null ? Tri.atMost(ki67, 10) : g.is(Grade.G1);
        out.add(Criterion.of(CriterionCode.LOW_PROLIFERATION, low, Tri.basis("ki67Percent", ki67, "grade", g.getGrade())));
        String kb = Tri.basis("ki67Percent", ki67);
        out.add(Criterion.of(CriterionCode.KI67_BELOW_10, Tri.below(ki67, 10), kb));
        out.add(Criterion.of(CriterionCode.KI67_AT_MOST_55, Tri.atMost(ki67, 55), kb));
        out.add(Criterion.of(CriterionCode.KI67_NETTER2_WINDOW, Tri.between(ki67, 10, 55), kb));
        return out;
    }
}
