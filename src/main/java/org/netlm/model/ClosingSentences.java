package org.netlm.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fixed sentences of decision-model.md that the resolution layer appends, once, to the rationale of an offered
 * recommendation (resolved RECOMMENDED or CONSIDER): the reasons for the order of recommended systemic therapies (§2,
 * Order of recommendations), "Check before use" (§2, Comorbidities), the functional-tumour sentence (§1, Scope), and
 * the tumour board's sentence when several systemic options are recommended. Written once, here.
 */
public final class ClosingSentences {
    /** Chemotherapy first when tumour shrinkage is needed (SEQTOR). */
    public static final String SHRINKAGE = "Preferred when tumour shrinkage is needed: higher objective response with "
        + "streptozocin–5-FU than with everolimus, with similar progression-free survival (SEQTOR).";
    /** The evidence key behind {@link #SHRINKAGE}. */
    public static final String SHRINKAGE_EVIDENCE = "SEQTOR";

    /** PRRT before everolimus when both are recommended (COMPETE). */
    public static final String PRRT_BEFORE_EVEROLIMUS = "¹⁷⁷Lu-edotreotide gave longer progression-free survival than "
        + "everolimus in SSTR-positive G1/G2 GEP-NET (COMPETE).";
    /** The evidence key behind {@link #PRRT_BEFORE_EVEROLIMUS}. */
    public static final String PRRT_BEFORE_EVEROLIMUS_EVIDENCE = "COMPETE";

    /** The therapies whose rationale, for a functional NET, ends with {@link #FUNCTIONAL}. */
    public static final Set<Therapy> FUNCTIONAL_THERAPIES = Collections.unmodifiableSet(EnumSet.of(
        Therapy.RADICAL_RESECTION, Therapy.RESECTION_WITH_ABLATION, Therapy.CYTOREDUCTIVE_SURGERY, Therapy.PRIMARY_TUMOR_RESECTION,
        Therapy.LIVER_TRANSPLANTATION, Therapy.ABLATION, Therapy.TRANSARTERIAL_EMBOLIZATION, Therapy.PRRT));

    /** Peri-procedural control of the hormonal syndrome and carcinoid heart disease (ENETS_PERIOP). */
    public static final String FUNCTIONAL = "Functional tumour: plan control of the hormonal syndrome around the procedure "
        + "(risk of a hormonal crisis; somatostatin-analogue cover unless the SSTR status is negative or an insulinoma is "
        + "suspected); with carcinoid syndrome, check for carcinoid heart disease (echocardiography) before surgery.";
    /** The evidence key behind {@link #FUNCTIONAL}. */
    public static final String FUNCTIONAL_EVIDENCE = "ENETS_PERIOP";

    /** The tumour board's sentence when two or more of the sequenced systemic therapies are RECOMMENDED. */
    public static final String SEVERAL_SYSTEMIC_OPTIONS = "Several systemic options are recommended; no trial defines a "
        + "full sequence. Choose by SSTR uptake, Ki-67 and growth rate, need for shrinkage, toxicity, comorbidity and patient "
        + "preference.";

    private static final String VEGFR = "Check before use: blood-pressure control, bleeding risk, recent thrombosis, "
        + "planned surgery or unhealed wounds, proteinuria, thyroid function.";

    private ClosingSentences() {
    }

    /**
     * The "Check before use" sentence of a drug (§2, Comorbidities): comorbidities are not inputs and are not
     * evaluated, so an offered drug's rationale ends with what to check.
     *
     * @param t the therapy
     * @return the sentence for EVEROLIMUS, SUNITINIB, SURUFATINIB, CABOZANTINIB, CHEMOTHERAPY, PRRT and
     *         PLATINUM_ETOPOSIDE; empty for any other therapy
     */
    public static Optional<String> checkBeforeUse(Therapy t) {
        return Optional.ofNullable(switch (t) {
            case EVEROLIMUS -> "Check before use: blood glucose and diabetes control, lipids, infection risk, pneumonitis, stomatitis.";
            case SUNITINIB, SURUFATINIB, CABOZANTINIB -> VEGFR;
            case CHEMOTHERAPY -> "Check before use: DPD deficiency (test before capecitabine or 5-FU), blood counts, renal and liver function.";
            case PRRT -> "Check before use: pregnancy and breast-feeding, bone-marrow reserve, renal function.";
            case PLATINUM_ETOPOSIDE -> "Check before use: renal function and hearing (cisplatin), blood counts.";
            default -> null;
        });
    }

    /**
     * The evidence keys behind a drug's "Check before use" sentence: the drug labels, where evidence.md names one.
     *
     * @param t the therapy
     * @return the keys of evidence.md (e.g. {@code EVEROLIMUS_LABEL}); empty when no label is cited
     */
    public static List<String> checkBeforeUseEvidence(Therapy t) {
        return switch (t) {
            case EVEROLIMUS -> List.of("EVEROLIMUS_LABEL");
            case CABOZANTINIB -> List.of("CABOZANTINIB_LABEL");
            case CHEMOTHERAPY -> List.of("CAPECITABINE_LABEL");
            case PRRT -> List.of("LUTATHERA_LABEL");
            default -> List.of();
        };
    }
}
