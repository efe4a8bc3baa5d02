package org.netlm.model;

/** Child-Pugh class of liver function. */
public enum ChildPugh {
    A, B, C
}
