package org.netlm.model;

/**
 * Read-only helpers the classification rules use on the input fact (the model's conventions on
 * UNKNOWN values and on "first line"), kept in one place so that no rule repeats them.
 */
public final class PatientFacts {
    private PatientFacts() {
    }

    /** UNKNOWN and absent primary status both count as absent. */
    public static CriterionState primaryStatusIs(PatientCase p, PrimaryStatus status) {
        PrimaryStatus s = p.getPrimaryStatus();
        return s == null || s == PrimaryStatus.UNKNOWN ? CriterionState.UNKNOWN : Tri.of(s == status);
    }

    /** UNKNOWN and absent disease status both count as absent. */
    public static CriterionState diseaseStatusIs(PatientCase p, DiseaseStatus status) {
        DiseaseStatus s = p.getDiseaseStatus();
        return s == null || s == DiseaseStatus.UNKNOWN ? CriterionState.UNKNOWN : Tri.of(s == status);
    }

    /** UNKNOWN and absent SSTR status both count as absent. */
    public static CriterionState sstrStatusIs(PatientCase p, SstrStatus status) {
        SstrStatus s = p.getSstrStatus();
        return s == null || s == SstrStatus.UNKNOWN ? CriterionState.UNKNOWN : Tri.of(s == status);
    }

    /** First line: no prior therapy, or only somatostatin analogue with an outcome other than progression. */
    public static boolean isFirstLine(PatientCase p) {
        for (PriorTherapy t : p.priorTherapiesOrEmpty()) {
            if (t.getTherapy() != Therapy.SOMATOSTATIN_ANALOGUE || t.getOutcome() == TherapyOutcome.PROGRESSION) {
                return false;
            }
        }
        return true;
    }
}
