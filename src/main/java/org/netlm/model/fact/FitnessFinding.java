package org.netlm.model.fact;

/** Derived fact: fitness for major liver surgery; {@code assumed} when ECOG or Child-Pugh is absent. */
public final class FitnessFinding {
    private final boolean fit;
    private final boolean assumed;

    public FitnessFinding(boolean fit, boolean assumed) {
        this.fit = fit;
        this.assumed = assumed;
    }

    public boolean isFit() {
        return fit;
    }

    /** True when part of the data was absent and counted as fit. */
    public boolean isAssumed() {
        return assumed;
    }

    @Override
    public String toString() {
        return "FitnessFinding[fit=" + fit + (assumed ? ", assumed" : "") + "]";
    }
}
