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
        boolean nec = p.getDifferentiation() == Differentiation.POOR;
        if (nec) {
            reasons.add("neuroendocrine carcinoma outside the NET pathway");
        }
        // For a NEC the grade is derived but no NET rule uses it (decision model, Grade): not a "G3 NET".
        if (!nec && g.getGrade() == Grade.G3) {
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
        if (p.getEcog() == null || p.getChildPugh() == null) {
            missing.add("fitness (ECOG, Child-Pugh)");
        }
        if (!missing.isEmpty()) {
            reasons.add("missing data: " + String.join(", ", missing));
        }
        String base = "Multidisciplinary care is crucial for neuroendocrine liver metastases (Xue 2025): discuss every case at the tumour board";
        return reasons.isEmpty() ? base + "." : base + "; in particular: " + String.join("; ", reasons) + ".";
    }
}
