package org.netlm.model;

/**
 * Strength of a recommendation. {@link #restrictiveness()} orders them for the resolution layer:
 * CONTRAINDICATED &gt; NOT_RECOMMENDED &gt; RECOMMENDED &gt; CONSIDER (the most restrictive wins).
 */
public enum Strength {
    RECOMMENDED(2, true),
    CONSIDER(1, true),
    NOT_RECOMMENDED(3, false),
    CONTRAINDICATED(4, false);

    private final int restrictiveness;
    private final boolean offered;

    Strength(int restrictiveness, boolean offered) {
        this.restrictiveness = restrictiveness;
        this.offered = offered;
    }

    /** Rank used by "most restrictive wins": higher wins. */
    public int restrictiveness() {
        return restrictiveness;
    }

    /** True for RECOMMENDED and CONSIDER: the therapy is on offer. */
    public boolean isOffered() {
        return offered;
    }
}
