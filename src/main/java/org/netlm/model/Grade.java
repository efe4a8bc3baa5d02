package org.netlm.model;

/** WHO 2022 grade of a well-differentiated NET. */
public enum Grade {
    G1, G2, G3
}
