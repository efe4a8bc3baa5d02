package org.netlm.model;

/** Therapy and process codes of the decision model (section 2). */
public enum Therapy {
    /** Curative-intent resection of all liver metastases (with the primary if in situ). */
    RADICAL_RESECTION,
    /** Parenchyma-sparing resection plus ablation of small lesions. */
    RESECTION_WITH_ABLATION,
    /** Debulking surgery removing at least 70 % of the liver disease. */
    CYTOREDUCTIVE_SURGERY,
    /** Resection of the primary tumour in situ. */
    PRIMARY_TUMOR_RESECTION,
    /** Liver transplantation, for highly selected patients (Milan-NET criteria). */
    LIVER_TRANSPLANTATION,
    /** Radiofrequency or microwave ablation. */
    ABLATION,
    /** Transarterial (chemo)embolisation (TAE/TACE). */
    TRANSARTERIAL_EMBOLIZATION,
    /** Somatostatin analogue (octreotide LAR, lanreotide). */
    SOMATOSTATIN_ANALOGUE,
    /** Everolimus (mTOR inhibitor). */
    EVEROLIMUS,
    /** Sunitinib (tyrosine kinase inhibitor), for pancreatic NET. */
    SUNITINIB,
    /** Surufatinib (tyrosine kinase inhibitor). */
    SURUFATINIB,
    /** Cabozantinib (tyrosine kinase inhibitor), after prior systemic therapy. */
    CABOZANTINIB,
    /** Peptide receptor radionuclide therapy (177Lu-DOTATATE), for SSTR-positive disease. */
    PRRT,
    /** Cytotoxic chemotherapy: capecitabine-temozolomide or streptozocin-5-FU. */
    CHEMOTHERAPY,
    /** Platinum-etoposide chemotherapy (NEC, or selected G3 NET). */
    PLATINUM_ETOPOSIDE,
    /** Downstaging therapy (PRRT or capecitabine-temozolomide) before re-assessing resectability. */
    NEOADJUVANT_THERAPY,
    /** Review by a multidisciplinary tumour board. */
    MULTIDISCIPLINARY_TUMOR_BOARD,
    /** Active surveillance with imaging every 3-6 months. */
    SURVEILLANCE,
    /** Somatostatin-receptor imaging (68Ga-DOTATATE PET/CT). */
    SSTR_IMAGING,
    /** Restaging imaging to establish the disease status. */
    RESTAGING
}
