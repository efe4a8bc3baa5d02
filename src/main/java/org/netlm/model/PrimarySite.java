package org.netlm.model;

/** Site of the primary tumour (`primarySite`); UNKNOWN is a real category: unknown primary. */
public enum PrimarySite {
    /** Pancreatic NET. */
    PANCREAS,
    /** Small intestine (jejunum, ileum): midgut NET. */
    SMALL_INTESTINE,
    /** Appendix. */
    APPENDIX,
    /** Colon. */
    COLON,
    /** Rectum. */
    RECTUM,
    /** Stomach. */
    STOMACH,
    /** Duodenum. */
    DUODENUM,
    /** Primary not found (unknown primary), a category of its own. */
    UNKNOWN
}
