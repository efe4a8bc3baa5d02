package org.netlm.model;

/** WHO 2022 grade of a well-differentiated NET. */
public enum Grade {
    /** Ki-67 below 3 % and fewer than 2 mitoses per 2 mm². */
    G1,
    /** Ki-67 3-20 % or 2-20 mitoses per 2 mm² (both ends included). */
    G2,
    /** Ki-67 above 20 % or more than 20 mitoses per 2 mm². */
    G3
}
