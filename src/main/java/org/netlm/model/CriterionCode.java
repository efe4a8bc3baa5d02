package org.netlm.model;

import java.util.List;

/**
 * Named eligibility criteria of the decision model. The classification layer derives each one once
 * per patient as a {@link Criterion} fact (MET, UNMET or UNKNOWN); recommendation rules match on them
 * so that they read like the model's sentences, and explanations (why / why not) are built on them.
 * The codes are stable: scenario files and tests refer to them by name.
 */
public enum CriterionCode {
    NET("well-differentiated tumour (NET, differentiation WELL); a NEC is outside the NET pathway", "differentiation"),
    FUNCTIONAL("hormonal syndrome present (functional tumour)", "functional"),
    GRADE_KNOWN("a grade is known (reported, or derived from Ki-67 / mitoses)", "grade", "ki67Percent", "mitosesPer2mm2"),
    GRADE_G1("grade G1", "grade", "ki67Percent", "mitosesPer2mm2"),
    GRADE_G1_G2("grade G1 or G2", "grade", "ki67Percent", "mitosesPer2mm2"),
    GRADE_G2_G3("grade G2 or G3", "grade", "ki67Percent", "mitosesPer2mm2"),
    GRADE_G2("grade G2", "grade", "ki67Percent", "mitosesPer2mm2"),
    GRADE_G3("grade G3", "grade", "ki67Percent", "mitosesPer2mm2"),
    LOW_PROLIFERATION("Ki-67 at most 10 % (or, Ki-67 unknown, grade G1): the CLARINET population", "ki67Percent", "grade"),
    KI67_BELOW_5("Ki-67 below 5 % (low G2 for surveillance)", "ki67Percent"),
    MITOSES_BELOW_2("mitoses below 2 per 2 mm2", "mitosesPer2mm2"),
    KI67_BELOW_10("Ki-67 below 10 % (Milan-NET transplant selection)", "ki67Percent"),
    KI67_AT_MOST_55("Ki-67 at most 55 %", "ki67Percent"),
    KI67_NETTER2_WINDOW("Ki-67 from 10 % to 55 % inclusive (NETTER-2 window)", "ki67Percent"),
    LIVER_TYPE_I_II("liver metastases of type I (simple) or type II (complex)", "liverMetastasisType", "liverLesionCount", "bilobar", "liverTumorBurdenPercent"),
    LIVER_TYPE_II("liver metastases of type II (complex)", "liverMetastasisType", "liverLesionCount", "bilobar", "liverTumorBurdenPercent"),
    LIVER_TYPE_II_III("liver metastases of type II (complex) or type III (diffuse)", "liverMetastasisType", "liverLesionCount", "bilobar", "liverTumorBurdenPercent"),
    LIVER_TYPE_III("liver metastases of type III (diffuse)", "liverMetastasisType", "liverLesionCount", "bilobar", "liverTumorBurdenPercent"),
    SURGEON_OVERRULED_TYPE_III("surgeon-overruled type III: type III derived from count or burden, surgeon judges resectable", "resectable", "liverMetastasisType", "liverLesionCount", "bilobar", "liverTumorBurdenPercent"),
    RESECTION_PATTERN("resection pattern: type I, type II, or a surgeon-overruled type III", "liverMetastasisType", "resectable", "liverLesionCount", "bilobar", "liverTumorBurdenPercent"),
    LIVER_TYPE_II_OR_OVERRULED_III("type II, or a surgeon-overruled type III (resection with ablation)", "liverMetastasisType", "resectable", "liverLesionCount", "bilobar", "liverTumorBurdenPercent"),
    EMBOLISATION_PATTERN("TAE pattern: type II, type III, or a multifocal type I", "liverMetastasisType", "liverLesionCount", "bilobar", "liverTumorBurdenPercent"),
    EXTENSIVE_LIVER_DISEASE("extensive liver disease: tumour burden above 50 % or more than 10 lesions", "liverTumorBurdenPercent", "liverLesionCount"),
    SURGEON_JUDGED_RESECTABLE("the surgeon judges at least 90 % of the liver disease resectable (resectable true)", "resectable"),
    RESECTABLE("liver disease resectable (surgeon's flag, or single type I, or multifocal type I / type II with remnant at least 30 %)", "resectable", "liverMetastasisType", "futureLiverRemnantPercent"),
    POTENTIALLY_RESECTABLE("liver disease potentially resectable (remnant too small or unknown, or reported type III judged resectable)", "resectable", "liverMetastasisType", "futureLiverRemnantPercent"),
    UNRESECTABLE("liver disease unresectable", "resectable", "liverMetastasisType"),
    NOT_COMPLETELY_RESECTABLE("liver disease potentially resectable or unresectable (no complete resection on offer)", "resectable", "liverMetastasisType", "futureLiverRemnantPercent"),
    NOT_CURATIVELY_RESECTABLE("not curatively resectable (advanced): liver disease potentially resectable or unresectable, extrahepatic disease (unless curative-intent), unfit, or resectability unknown after a therapy given only for advanced disease", "resectable", "liverMetastasisType", "extrahepaticDisease", "extrahepaticResectable", "ecog", "childPugh", "priorTherapies"),
    CURATIVE_INTENT_EXTRAHEPATIC("curative-intent extrahepatic: resectable extrahepatic disease with G1/G2 NET, a resection pattern, RESECTABLE liver, fit, primary not unresectable", "extrahepaticDisease", "extrahepaticResectable", "grade", "ki67Percent", "liverMetastasisType", "resectable", "ecog", "childPugh", "primaryResectable"),
    ASSUMED_ADVANCED("assumed advanced: resectability unknown and not known to be advanced (systemic options at most CONSIDER)", "liverMetastasisType", "liverLesionCount", "bilobar", "resectable", "priorTherapies"),
    ANTIPROLIFERATIVE_SETTING("not curatively resectable, assumed advanced, or curative-intent extrahepatic: the antiproliferative systemic rules apply", "resectable", "liverMetastasisType", "extrahepaticDisease", "extrahepaticResectable", "ecog", "childPugh", "priorTherapies"),
    FIT_FOR_SURGERY("fit for major liver surgery: ECOG at most 2 and Child-Pugh A (absent values count as fit)", "ecog", "childPugh"),
    ECOG_AT_MOST_1("ECOG performance status at most 1 (SANET trials)", "ecog"),
    ECOG_AT_MOST_2("ECOG performance status at most 2", "ecog"),
    ECOG_3("ECOG performance status 3", "ecog"),
    ECOG_4("ECOG performance status 4 (completely disabled)", "ecog"),
    AGE_AT_MOST_60("age at most 60 years", "age"),
    EXTRAHEPATIC_DISEASE("metastases outside the liver", "extrahepaticDisease"),
    RESECTABLE_EXTRAHEPATIC_DISEASE("resectable extrahepatic disease: extrahepatic disease that the surgeon judges removable with the liver disease", "extrahepaticDisease", "extrahepaticResectable"),
    MILAN_PATHWAY("on the Milan-NET transplant pathway: fit, ECOG known and at most 2, age at most 60, G1/G2 with Ki-67 below 10 %, no extrahepatic disease, burden at most 50 %", "ecog", "childPugh", "age", "grade", "ki67Percent", "extrahepaticDisease", "liverTumorBurdenPercent"),
    PRIMARY_UNRESECTABLE("the surgeon judged the primary tumour unresectable (primaryResectable false)", "primaryResectable"),
    PRIMARY_IN_SITU("primary tumour in situ", "primaryStatus"),
    PRIMARY_RESECTED("primary tumour resected", "primaryStatus"),
    PANCREATIC_PRIMARY("pancreatic primary", "primarySite"),
    SMALL_INTESTINE_PRIMARY("small-intestinal primary", "primarySite"),
    PORTAL_DRAINED_PRIMARY("primary drained by the portal system (not rectum, not unknown)", "primarySite"),
    BURDEN_LOW("liver tumour burden LOW (below 25 %)", "liverTumorBurdenPercent"),
    BURDEN_MODERATE("liver tumour burden MODERATE (25 % to 50 %)", "liverTumorBurdenPercent"),
    BURDEN_LOW_OR_MODERATE("liver tumour burden at most 50 % (LOW or MODERATE)", "liverTumorBurdenPercent"),
    BURDEN_HIGH("liver tumour burden HIGH (above 50 %)", "liverTumorBurdenPercent"),
    BURDEN_ABOVE_75("liver tumour burden above 75 %", "liverTumorBurdenPercent"),
    LESIONS_AT_MOST_3("at most 3 liver lesions", "liverLesionCount"),
    LESIONS_AT_MOST_5("at most 5 liver lesions", "liverLesionCount"),
    LARGEST_LESION_AT_MOST_3_CM("largest liver lesion at most 3 cm", "largestLesionCm"),
    LARGEST_LESION_AT_MOST_5_CM("largest liver lesion at most 5 cm", "largestLesionCm"),
    PORTAL_VEIN_THROMBOSIS("main portal vein thrombosis", "portalVeinThrombosis"),
    CHILD_PUGH_B("Child-Pugh class B", "childPugh"),
    CHILD_PUGH_C("Child-Pugh class C", "childPugh"),
    BILIARY_ENTERIC_ANASTOMOSIS("biliary-enteric anastomosis (e.g. after Whipple)", "biliaryEntericAnastomosis"),
    PROGRESSIVE("progressive disease (RECIST, last 12 months)", "diseaseStatus"),
    STABLE("stable disease (RECIST, last 12 months)", "diseaseStatus"),
    SYMPTOMATIC("tumour-related symptoms", "symptomatic"),
    PROGRESSION_ON_SSA("progression on a somatostatin analogue", "priorTherapies"),
    SSTR_POSITIVE("somatostatin-receptor imaging positive", "sstrStatus"),
    SSTR_NEGATIVE("somatostatin-receptor imaging negative", "sstrStatus"),
    SSA_FIRST_LINE("SSA first line: no other systemic or neoadjuvant therapy listed, and no SSA with progression, intolerance, unknown outcome, or recorded control while now progressive", "priorTherapies", "diseaseStatus"),
    NETTER2_FIRST_LINE("NETTER-2 first line: no prior therapy, or only a somatostatin analogue with intolerance", "priorTherapies"),
    SSA_INTOLERANCE("a somatostatin analogue listed with intolerance", "priorTherapies"),
    SSA_OUTCOME_UNKNOWN("a somatostatin analogue listed with an unrecorded outcome", "priorTherapies"),
    SSA_CONTROL_WHILE_PROGRESSIVE("a somatostatin analogue recorded as stable or responding while the disease is now progressive", "priorTherapies", "diseaseStatus"),
    OTHER_SYSTEMIC_THERAPY_LISTED("a systemic therapy other than SSA, or neoadjuvant therapy, listed (any outcome)", "priorTherapies"),
    PRIOR_ADVANCED_DISEASE_THERAPY("a therapy given only for advanced disease listed (everolimus, sunitinib, surufatinib, cabozantinib, PRRT, chemotherapy, platinum-etoposide, neoadjuvant therapy, embolisation)", "priorTherapies"),
    PRIOR_SYSTEMIC_PROGRESSION("progression on a prior systemic therapy or neoadjuvant therapy", "priorTherapies"),
    PRIOR_NON_SSA_SYSTEMIC_FAILURE("progression on, or intolerance of, a prior systemic therapy other than SSA (everolimus, sunitinib, PRRT, surufatinib, chemotherapy, neoadjuvant therapy)", "priorTherapies"),
    VEGFR_INHIBITOR_FAILURE("sunitinib or cabozantinib listed with progression or intolerance", "priorTherapies"),
    CHEMOTHERAPY_PROGRESSION("progression on chemotherapy", "priorTherapies"),
    PRRT_RETREATMENT("PRRT listed with stable disease, response or an unrecorded outcome (retreatment)", "priorTherapies"),
    NEOADJUVANT_FAILED("neoadjuvant therapy listed with progression or intolerance", "priorTherapies"),
    NEOADJUVANT_CONTROLLED("neoadjuvant therapy listed with stable disease or response", "priorTherapies"),
    NEOADJUVANT_OUTCOME_UNKNOWN("neoadjuvant therapy listed with an unrecorded outcome", "priorTherapies"),
    CREATININE_CLEARANCE_AT_LEAST_40("creatinine clearance at least 40 mL/min", "creatinineClearanceMlMin"),
    CREATININE_CLEARANCE_BELOW_30("creatinine clearance below 30 mL/min", "creatinineClearanceMlMin"),
    CREATININE_CLEARANCE_30_TO_50("creatinine clearance from 30 to 50 mL/min", "creatinineClearanceMlMin");

    private final String description;
    private final List<String> fields;

    CriterionCode(String description, String... fields) {
        this.description = description;
        this.fields = List.of(fields);
    }

    /**
     * What the criterion means, in clinical words.
     *
     * @return the description shown in explanations and docs/criteria.md
     */
    public String description() {
        return description;
    }

    /**
     * The patient fields that decide the criterion (for "give X to decide it").
     *
     * @return the JSON field names of {@link PatientCase}
     */
    public List<String> fields() {
        return fields;
    }
}
