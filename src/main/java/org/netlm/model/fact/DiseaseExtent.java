package org.netlm.model.fact;

import org.netlm.model.CriterionState;
import org.netlm.model.Differentiation;
import org.netlm.model.Grade;
import org.netlm.model.PatientCase;
import org.netlm.model.Resectability;

/**
 * The model's reading of how far the disease goes (decision-model.md §1 Conventions): not curatively resectable
 * (NCR), curative-intent extrahepatic, assumed advanced. Read-only, used by the classification rules that derive the
 * criteria of the same names, so that each definition lives in one place.
 */
public final class DiseaseExtent {
    private DiseaseExtent() {
    }

    /**
     * Curative-intent extrahepatic: a NET with resectable extrahepatic disease ({@code extrahepaticDisease} and
     * {@code extrahepaticResectable} both true) for which the RADICAL_RESECTION CONSIDER branch holds: grade G1/G2,
     * a resection pattern, resectability RESECTABLE, fit, {@code primaryResectable} not false.
     */
    public static CriterionState curativeIntentExtrahepatic(PatientCase p, GradeFinding g, LiverTypeFinding t,
                                                            ResectabilityFinding r, FitnessFinding f) {
        if (p.getDifferentiation() != Differentiation.WELL) {
            return CriterionState.UNMET;
        }
        // every condition holds only when its field is present: a NET that misses one (grade unknown included) is NCR
        return Tri.of(CriterionState.MET == Tri.and(Tri.is(p.getExtrahepaticDisease()), Tri.flag(p.getExtrahepaticResectable()), g.is(Grade.G1, Grade.G2),
            t.resectionPattern(p), r.is(Resectability.RESECTABLE), Tri.of(f.isFit()),
            Tri.of(!Boolean.FALSE.equals(p.getPrimaryResectable()))));
    }

    /**
     * Not curatively resectable (advanced): resectability POTENTIALLY_RESECTABLE or UNRESECTABLE; extrahepatic disease
     * unless curative-intent extrahepatic; unfit; or resectability UNKNOWN with a prior advanced-disease therapy.
     */
    public static CriterionState notCurativelyResectable(PatientCase p, GradeFinding g, LiverTypeFinding t,
                                                         ResectabilityFinding r, FitnessFinding f) {
        boolean unknownResectability = r.getValue() == null || r.getValue() == Resectability.UNKNOWN;
        return Tri.or(r.is(Resectability.POTENTIALLY_RESECTABLE, Resectability.UNRESECTABLE),
            Tri.and(Tri.is(p.getExtrahepaticDisease()), Tri.not(curativeIntentExtrahepatic(p, g, t, r, f))),
            Tri.of(!f.isFit()),
            Tri.of(unknownResectability && PatientFacts.hasPriorAdvancedDiseaseTherapy(p)));
    }

    /** Assumed advanced: a NET whose resectability is UNKNOWN and for which NCR does not hold. */
    public static boolean assumedAdvanced(PatientCase p, GradeFinding g, LiverTypeFinding t, ResectabilityFinding r,
                                          FitnessFinding f) {
        return p.getDifferentiation() == Differentiation.WELL
            && (r.getValue() == null || r.getValue() == Resectability.UNKNOWN)
            && notCurativelyResectable(p, g, t, r, f) != CriterionState.MET;
    }
}
