package org.netlm.model;

/** Child-Pugh class of liver function. */
public enum ChildPugh {
    /** Well-compensated liver function (5-6 points). */
    A,
    /** Significantly compromised liver function (7-9 points): unfit for major liver surgery. */
    B,
    /** Decompensated liver function (10-15 points): unfit for major liver surgery. */
    C
}
