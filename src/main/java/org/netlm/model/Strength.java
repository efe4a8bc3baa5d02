package org.netlm.model;

/**
 * Strength of a recommendation. {@link #restrictiveness()} orders them for the resolution layer:
 * CONTRAINDICATED &gt; NOT_RECOMMENDED &gt; RECOMMENDED &gt; CONSIDER (the most restrictive wins).
 */
public enum Strength {
    /** The evidence supports the therapy for this patient: on offer. */
    RECOMMENDED(2, true),
    /** The therapy is an option for the tumour board to weigh: on offer. */
    CONSIDER(1, true),
    /** The evidence speaks against the therapy for this patient: not offered. */
    NOT_RECOMMENDED(3, false),
    /** The therapy must not be given to this patient: not offered. */
    CONTRAINDICATED(4, false);

    private final int restrictiveness;
    private final boolean offered;

    Strength(int restrictiveness, boolean offered) {
        this.restrictiveness = restrictiveness;
        this.offered = offered;
    }

    /**
     * Rank used by "most restrictive wins".
     *
     * @return the rank; the higher one wins
     */
    public int restrictiveness() {
        return restrictiveness;
    }

    /**
     * Whether the therapy is on offer at this strength.
     *
     * @return true for RECOMMENDED and CONSIDER
     */
    public boolean isOffered() {
        return offered;
    }
}
