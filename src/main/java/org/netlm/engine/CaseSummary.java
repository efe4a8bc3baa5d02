package org.netlm.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netlm.model.Differentiation;
import org.netlm.model.DiseaseStatus;
import org.netlm.model.Findings;
import org.netlm.model.PatientCase;
import org.netlm.model.PrimarySite;
import org.netlm.model.PriorTherapy;
import org.netlm.model.SstrStatus;
import org.netlm.model.TherapyOutcome;

/**
 * The facts a clinician wants in front of every rationale, in one phrase:
 * "G2 pancreatic NET, type III liver metastases, progressive, SSTR-positive, extrahepatic disease judged resectable,
 * prior SOMATOSTATIN_ANALOGUE (progression), PRRT (outcome not recorded)". Unknown values are left out.
 */
final class CaseSummary {
    private CaseSummary() {
    }

    static String of(PatientCase p, Findings f) {
        List<String> parts = new ArrayList<>();
        String site = site(p.getPrimarySite());
        if (p.getDifferentiation() == Differentiation.POOR) {
            parts.add(site + " NEC");
        } else {
            parts.add((f.grade() == null ? "" : f.grade() + " ") + site + " NET");
        }
        if (f.liverMetastasisType() != null) {
            parts.add("type " + f.liverMetastasisType().name().substring(5) + " liver metastases");
        }
        if (f.tumorBurden() != null) {
            parts.add(f.tumorBurden().name().toLowerCase(Locale.ROOT) + " burden");
        }
        if (p.getDiseaseStatus() == DiseaseStatus.PROGRESSIVE) {
            parts.add("progressive");
        } else if (p.getDiseaseStatus() == DiseaseStatus.STABLE) {
            parts.add("stable");
        }
        if (p.getSstrStatus() == SstrStatus.POSITIVE) {
            parts.add("SSTR-positive");
        } else if (p.getSstrStatus() == SstrStatus.NEGATIVE) {
            parts.add("SSTR-negative");
        }
        if (Boolean.TRUE.equals(p.getExtrahepaticDisease())) {
            // extrahepaticResectable counts only with extrahepatic disease (interface.md)
            parts.add(Boolean.TRUE.equals(p.getExtrahepaticResectable()) ? "extrahepatic disease judged resectable" : "extrahepatic disease");
        }
        List<String> prior = new ArrayList<>();
        for (PriorTherapy t : p.priorTherapiesOrEmpty()) {
            prior.add(t.getTherapy() + " (" + outcome(t.getOutcome()) + ")");
        }
        if (!prior.isEmpty()) {
            parts.add("prior " + String.join(", ", prior));
        }
        return String.join(", ", parts);
    }

    private static String outcome(TherapyOutcome o) {
        return o == TherapyOutcome.UNKNOWN ? "outcome not recorded" : o.name().toLowerCase(Locale.ROOT);
    }

    private static String site(PrimarySite s) {
        switch (s) {
            case PANCREAS:
                return "pancreatic";
            case SMALL_INTESTINE:
                return "small-intestinal";
            case APPENDIX:
                return "appendiceal";
            case COLON:
                return "colonic";
            case RECTUM:
                return "rectal";
            case STOMACH:
                return "gastric";
            case DUODENUM:
                return "duodenal";
            default:
                return "unknown-primary";
        }
    }
}
