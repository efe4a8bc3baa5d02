package org.netlm.model;

/** Site of the primary tumour (`primarySite`); UNKNOWN is a real category: unknown primary. */
public enum PrimarySite {
    PANCREAS, SMALL_INTESTINE, APPENDIX, COLON, RECTUM, STOMACH, DUODENUM, UNKNOWN
}
