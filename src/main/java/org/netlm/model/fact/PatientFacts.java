package org.netlm.model.fact;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.netlm.model.CriterionState;
import org.netlm.model.DiseaseStatus;
import org.netlm.model.PatientCase;
import org.netlm.model.PrimaryStatus;
import org.netlm.model.PriorTherapy;
import org.netlm.model.SstrStatus;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;

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

    /** The systemic therapies other than the somatostatin analogue (decision-model.md §1, Systemic therapies). */
    public static final Set<Therapy> SYSTEMIC_OTHER_THAN_SSA = Collections.unmodifiableSet(EnumSet.of(Therapy.EVEROLIMUS,
        Therapy.SUNITINIB, Therapy.SURUFATINIB, Therapy.CABOZANTINIB, Therapy.PRRT, Therapy.CHEMOTHERAPY, Therapy.PLATINUM_ETOPOSIDE));

    /** The therapies given only for advanced disease (prior advanced-disease therapy, any outcome). */
    public static final Set<Therapy> ADVANCED_DISEASE_THERAPIES = Collections.unmodifiableSet(EnumSet.of(Therapy.EVEROLIMUS,
        Therapy.SUNITINIB, Therapy.SURUFATINIB, Therapy.CABOZANTINIB, Therapy.PRRT, Therapy.CHEMOTHERAPY, Therapy.PLATINUM_ETOPOSIDE,
        Therapy.NEOADJUVANT_THERAPY, Therapy.TRANSARTERIAL_EMBOLIZATION));

    /** The prior lines that open cabozantinib when they failed (CABINET; platinum-etoposide does not count). */
    public static final Set<Therapy> CABOZANTINIB_PRIOR_LINES = Collections.unmodifiableSet(EnumSet.of(Therapy.EVEROLIMUS,
        Therapy.SUNITINIB, Therapy.PRRT, Therapy.SURUFATINIB, Therapy.CHEMOTHERAPY, Therapy.NEOADJUVANT_THERAPY));

    /** The therapies whose earlier course may need review before they are offered again (prior therapy to review). */
    public static final Set<Therapy> REVIEWED_ON_REOFFER = Collections.unmodifiableSet(EnumSet.of(Therapy.EVEROLIMUS,
        Therapy.SUNITINIB, Therapy.SURUFATINIB, Therapy.CABOZANTINIB, Therapy.CHEMOTHERAPY, Therapy.PLATINUM_ETOPOSIDE));

    private static boolean lists(PatientCase p, Set<Therapy> therapies) {
        for (PriorTherapy t : p.priorTherapiesOrEmpty()) {
            if (therapies.contains(t.getTherapy())) {
                return true;
            }
        }
        return false;
    }

    private static boolean progressive(PatientCase p) {
        return p.getDiseaseStatus() == DiseaseStatus.PROGRESSIVE;
    }

    /** Prior advanced-disease therapy: one of {@link #ADVANCED_DISEASE_THERAPIES} listed, any outcome. */
    public static boolean hasPriorAdvancedDiseaseTherapy(PatientCase p) {
        return lists(p, ADVANCED_DISEASE_THERAPIES);
    }

    /** Prior systemic progression: any systemic therapy, or neoadjuvant therapy, listed with outcome PROGRESSION. */
    public static boolean hasPriorSystemicProgression(PatientCase p) {
        for (PriorTherapy t : p.priorTherapiesOrEmpty()) {
            boolean systemic = t.getTherapy() == Therapy.SOMATOSTATIN_ANALOGUE || SYSTEMIC_OTHER_THAN_SSA.contains(t.getTherapy())
                || t.getTherapy() == Therapy.NEOADJUVANT_THERAPY;
            if (systemic && t.getOutcome() == TherapyOutcome.PROGRESSION) {
                return true;
            }
        }
        return false;
    }

    /** A systemic therapy other than SSA, or neoadjuvant therapy, listed with any outcome (SSA as add-on or backbone). */
    public static boolean listsOtherSystemicTherapy(PatientCase p) {
        for (PriorTherapy t : p.priorTherapiesOrEmpty()) {
            if (SYSTEMIC_OTHER_THAN_SSA.contains(t.getTherapy()) || t.getTherapy() == Therapy.NEOADJUVANT_THERAPY) {
                return true;
            }
        }
        return false;
    }

    /** SSA listed with STABLE or RESPONSE while the disease is progressive (the analogue may have failed). */
    public static boolean ssaControlRecordedWhileProgressive(PatientCase p) {
        return progressive(p) && p.hadOutcome(Therapy.SOMATOSTATIN_ANALOGUE, TherapyOutcome.STABLE, TherapyOutcome.RESPONSE);
    }

    /**
     * SSA first line: no other systemic therapy or neoadjuvant therapy listed, no SSA with PROGRESSION, INTOLERANCE or
     * UNKNOWN, and no SSA with STABLE or RESPONSE while the disease is progressive.
     */
    public static boolean isSsaFirstLine(PatientCase p) {
        return !listsOtherSystemicTherapy(p)
            && !p.hadOutcome(Therapy.SOMATOSTATIN_ANALOGUE, TherapyOutcome.PROGRESSION, TherapyOutcome.INTOLERANCE, TherapyOutcome.UNKNOWN)
            && !ssaControlRecordedWhileProgressive(p);
    }

    /** NETTER-2 first line: no prior therapy at all, or only SSA with outcome INTOLERANCE. */
    public static boolean isNetter2FirstLine(PatientCase p) {
        for (PriorTherapy t : p.priorTherapiesOrEmpty()) {
            if (t.getTherapy() != Therapy.SOMATOSTATIN_ANALOGUE || t.getOutcome() != TherapyOutcome.INTOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** Failure of a prior line that opens cabozantinib (PROGRESSION or INTOLERANCE; UNKNOWN does not count). */
    public static boolean hasFailedCabozantinibPriorLine(PatientCase p) {
        for (Therapy t : CABOZANTINIB_PRIOR_LINES) {
            if (p.failed(t)) {
                return true;
            }
        }
        return false;
    }

    /** A VEGFR inhibitor (sunitinib or cabozantinib) listed with PROGRESSION or INTOLERANCE. */
    public static boolean vegfrInhibitorFailed(PatientCase p) {
        return p.failed(Therapy.SUNITINIB) || p.failed(Therapy.CABOZANTINIB);
    }

    /**
     * Prior therapy to review, for {@code therapy} (one of {@link #REVIEWED_ON_REOFFER}): listed, not with PROGRESSION
     * or INTOLERANCE, and either with STABLE or RESPONSE while the disease is progressive, or with UNKNOWN.
     */
    public static boolean isPriorTherapyToReview(PatientCase p, Therapy therapy) {
        return REVIEWED_ON_REOFFER.contains(therapy) && !p.failed(therapy)
            && (p.hadOutcome(therapy, TherapyOutcome.UNKNOWN)
                || (progressive(p) && p.hadOutcome(therapy, TherapyOutcome.STABLE, TherapyOutcome.RESPONSE)));
    }

    /** Whether any therapy is a prior therapy to review (for the tumour board). */
    public static boolean hasPriorTherapyToReview(PatientCase p) {
        for (Therapy t : REVIEWED_ON_REOFFER) {
            if (isPriorTherapyToReview(p, t)) {
                return true;
            }
        }
        return false;
    }
}
