package org.netlm.model;

/** Derived fact: the liver metastasis type (reported, derived, or unknown). Immutable. */
public final class LiverTypeFinding {
    private final LiverMetastasisType type;
    private final boolean derived;

    private LiverTypeFinding(LiverMetastasisType type, boolean derived) {
        this.type = type;
        this.derived = derived;
    }

    public static LiverTypeFinding reported(LiverMetastasisType type) {
        return new LiverTypeFinding(type, false);
    }

    public static LiverTypeFinding derived(LiverMetastasisType type) {
        return new LiverTypeFinding(type, true);
    }

    public static LiverTypeFinding unknown() {
        return new LiverTypeFinding(null, false);
    }

    /** The type, or {@code null} when unknown. */
    public LiverMetastasisType getType() {
        return type;
    }

    public boolean isDerived() {
        return derived;
    }

    /** MET when the type is one of {@code types}, UNKNOWN when no type is known. */
    public CriterionState is(LiverMetastasisType... types) {
        return Tri.oneOf(type, types);
    }

    @Override
    public String toString() {
        return "LiverTypeFinding[" + type + (derived ? ", derived" : "") + "]";
    }
}
