package org.netlm.model.fact;

import java.util.ArrayList;
import java.util.List;
import org.netlm.model.ChildPugh;
import org.netlm.model.CriterionCode;
import org.netlm.model.Differentiation;
import org.netlm.model.DiseaseStatus;
import org.netlm.model.Grade;
import org.netlm.model.LiverMetastasisType;
import org.netlm.model.PatientCase;
import org.netlm.model.SstrStatus;
import org.netlm.model.TumorBurden;

/**
 * The reasons a case needs the multidisciplinary tumour board's particular attention, in words (decision-model.md §2,
 * MULTIDISCIPLINARY_TUMOR_BOARD). The reasons known from the patient and the criteria are named here; those only
 * resolution knows (a recommended option withheld, warnings, several recommended systemic options) are added by the
 * resolution layer.
 */
public final class TumourBoard {
    private TumourBoard() {
    }

    /** The rationale of the tumour-board referral, naming the reasons that apply (no criteria: only the patient's). */
    public static String rationale(PatientCase p, GradeFinding g, LiverTypeFinding t, TumorBurdenFinding b) {
        return rationale(p, g, t, b, Criteria.of(List.of()));
    }

    /** The rationale of the tumour-board referral, naming the reasons that apply. */
    public static String rationale(PatientCase p, GradeFinding g, LiverTypeFinding t, TumorBurdenFinding b, Criteria c) {
        List<String> reasons = new ArrayList<>();
        boolean nec = p.getDifferentiation() == Differentiation.POOR;
        if (nec) {
            reasons.add("neuroendocrine carcinoma outside the NET pathway");
        }
        // For a NEC the grade is derived but no NET rule uses it (decision model, Grade): not a "G3 NET".
        if (!nec && g.getGrade() == Grade.G3) {
            reasons.add("G3 NET (management controversial)");
            if (p.getKi67Percent() != null && p.getKi67Percent() > 55) {
                reasons.add("NET G3 with Ki-67 above 55 % (grey zone towards NEC)");
            }
        }
        if (t.getType() == LiverMetastasisType.TYPE_II || t.getType() == LiverMetastasisType.TYPE_III) {
            reasons.add("type " + t.getType().name().substring(5) + " liver metastases");
        }
        if (b.getBurden() == TumorBurden.HIGH) {
            reasons.add("HIGH liver tumour burden (multimodal and neoadjuvant options)");
        }
        List<String> missing = missingFields(p, g, t, nec);
        if (!missing.isEmpty()) {
            reasons.add("missing data: " + String.join(", ", missing));
        }
        if (!nec) {
            List<String> limits = limitsInForce(p);
            if (!limits.isEmpty()) {
                reasons.add("a limit from performance status or organ function in force (" + String.join(", ", limits) + ")");
            }
            if (c.met(CriterionCode.RESECTABLE_EXTRAHEPATIC_DISEASE)) {
                reasons.add("resectable extrahepatic disease (curative-intent resection of all disease)");
            }
            if (c.met(CriterionCode.PRRT_RETREATMENT)) {
                reasons.add("PRRT retreatment");
            }
            if (c.met(CriterionCode.VEGFR_INHIBITOR_FAILURE)) {
                reasons.add("a VEGFR inhibitor failed (surufatinib not offered)");
            }
            if (c.met(CriterionCode.NEOADJUVANT_FAILED)) {
                reasons.add("failed neoadjuvant therapy of unrecorded agent");
            }
        }
        if (PatientFacts.hasPriorTherapyToReview(p)) {
            reasons.add("a prior therapy to review (outcome not recorded, or recorded as controlling a now progressive disease)");
        }
        String base = "Multidisciplinary care is crucial for neuroendocrine liver metastases (Xue 2025): discuss every case at the tumour board";
        return reasons.isEmpty() ? base + "." : base + "; in particular: " + String.join("; ", reasons) + ".";
    }

    /** The missing fields the model names: grade/Ki-67/mitoses, liver pattern, ECOG, Child-Pugh, SSTR (NET), course, staging. */
    private static List<String> missingFields(PatientCase p, GradeFinding g, LiverTypeFinding t, boolean nec) {
        List<String> missing = new ArrayList<>();
        if (g.getGrade() == null) {
            missing.add("grade (or Ki-67, mitoses)");
        }
        if (t.getType() == null) {
            missing.add("liver metastasis type");
        }
        if (p.getEcog() == null) {
            missing.add("ECOG");
        }
        if (p.getChildPugh() == null) {
            missing.add("Child-Pugh");
        }
        // SSTR status matters for a NET only (SSTR_STATUS_UNKNOWN and SSTR_IMAGING are NET items).
        if (!nec && (p.getSstrStatus() == null || p.getSstrStatus() == SstrStatus.UNKNOWN)) {
            missing.add("SSTR status");
        }
        if (p.getDiseaseStatus() == null || p.getDiseaseStatus() == DiseaseStatus.UNKNOWN) {
            missing.add("disease status");
        }
        if (p.getExtrahepaticDisease() == null) {
            missing.add("extrahepatic staging");
        }
        return missing;
    }

    /** The limits of §2 in force: ECOG 3 or more, Child-Pugh B or C, creatinine clearance at most 50 mL/min. */
    private static List<String> limitsInForce(PatientCase p) {
        List<String> limits = new ArrayList<>();
        if (p.getEcog() != null && p.getEcog() >= 3) {
            limits.add("ECOG " + p.getEcog());
        }
        if (p.getChildPugh() == ChildPugh.B || p.getChildPugh() == ChildPugh.C) {
            limits.add("Child-Pugh " + p.getChildPugh());
        }
        if (p.getCreatinineClearanceMlMin() != null && p.getCreatinineClearanceMlMin() <= 50) {
            limits.add("creatinine clearance at most 50 mL/min");
        }
        return limits;
    }
}
