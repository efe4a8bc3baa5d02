package org.netlm.model;

import java.util.ArrayList;
import java.util.List;

/** The reasons a case needs the multidisciplinary tumour board's particular attention, in words. */
public final class TumourBoard {
    private TumourBoard() {
    }

    /** The rationale of the tumour-board referral, naming the reasons that apply. */
    public static String rationale(PatientCase p, GradeFinding g, LiverTypeFinding t, TumorBurdenFinding b) {
        List<String> reasons = new ArrayList<>();
        if (p.getDifferentiation() == Differentiation.POOR) {
            reasons.add("neuroendocrine carcinoma outside the NET pathway");
        }
        if (g.getGrade() == Grade.G3) {
            reasons.add("G3 NET (management controversial)");
        }
        if (t.getType() == LiverMetastasisType.TYPE_II || t.getType() == LiverMetastasisType.TYPE_III) {
            reasons.add("type " + t.getType().name().substring(5) + " liver metastases");
        }
        if (b.getBurden() == TumorBurden.HIGH) {
            reasons.add("HIGH liver tumour burden (multimodal and neoadjuvant options)");
        }
        List<String> missing = new ArrayList<>();
        if (g.getGrade() == null) {
            missing.add("grade");
        }
        if (t.getType() == null) {
            missing.add("liver metastasis type");
        }
        if (p.getSstrStatus() == null || p.getSstrStatus() == SstrStatus.UNKNOWN) {
            missing.add("SSTR status");
        }
        if (p.getDiseaseStatus() == null || p.getDiseaseStatus() == DiseaseStatus.UNKNOWN) {
            missing.add("disease status");
        }
        if (p.getExtrahepaticDisease() == null) {
            missing.add("extrahepatic staging");
        }
        if (p.getEcog() == null || p.getChildPugh() == null) {
            missing.add("fitness (ECOG, Child-Pugh)");
        }
        if (!missing.isEmpty()) {
            reasons.add("missing data: " + String.join(", ", missing));
        }
        String base = "Multidisciplinary care is crucial for NET liver metastases (Xue 2025): discuss every case at the tumour board";
        return reasons.isEmpty() ? base + "." : base + "; in particular: " + String.join("; ", reasons) + ".";
    }
}
