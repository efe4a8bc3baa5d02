package org.netlm.model;

/** Frilling 2014 pattern: simple (I), complex (II), diffuse (III). */
public enum LiverMetastasisType {
    TYPE_I, TYPE_II, TYPE_III
}
