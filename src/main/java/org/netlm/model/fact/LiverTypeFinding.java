package org.netlm.model.fact;

import org.netlm.model.CriterionState;
import org.netlm.model.LiverMetastasisType;
import org.netlm.model.PatientCase;

/** Derived fact: the liver metastasis type (reported, derived, or unknown). Immutable. */
public final class LiverTypeFinding {
    private final LiverMetastasisType type;
    private final boolean derived;
    private final boolean multifocal;

    private LiverTypeFinding(LiverMetastasisType type, boolean derived, boolean multifocal) {
        this.type = type;
        this.derived = derived;
        this.multifocal = multifocal;
    }

    public static LiverTypeFinding reported(LiverMetastasisType type) {
        return reported(type, null);
    }

    /** A reported type; a reported type I with at least 2 lesions is a multifocal type I. */
    public static LiverTypeFinding reported(LiverMetastasisType type, Integer lesionCount) {
        return new LiverTypeFinding(type, false, type == LiverMetastasisType.TYPE_I && lesionCount != null && lesionCount >= 2);
    }

    /** A derived type (a single type I when type I: derived from one lesion). */
    public static LiverTypeFinding derived(LiverMetastasisType type) {
        return new LiverTypeFinding(type, true, false);
    }

    /** Type I derived from lesions confined to one lobe, with more than one lesion or an unknown count: multifocal. */
    public static LiverTypeFinding derivedMultifocalTypeI() {
        return new LiverTypeFinding(LiverMetastasisType.TYPE_I, true, true);
    }

    public static LiverTypeFinding unknown() {
        return new LiverTypeFinding(null, false, false);
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

    /**
     * Multifocal type I (decision-model.md, Resectability): type I with at least 2 lesions, or derived from lesions
     * confined to one lobe with the count absent. Any other type I is a single type I.
     */
    public boolean isMultifocal() {
        return multifocal;
    }

    /**
     * Surgeon-overruled type III: the surgeon judges the liver disease resectable and type III was only derived from
     * the count or burden (a reported type III stays potentially resectable).
     */
    public boolean isSurgeonOverruledTypeIII(PatientCase p) {
        return type == LiverMetastasisType.TYPE_III && derived && Boolean.TRUE.equals(p.getResectable());
    }

    /** Resection pattern: type I, type II, or a surgeon-overruled type III (UNKNOWN when no type is known). */
    public CriterionState resectionPattern(PatientCase p) {
        return type == null ? CriterionState.UNKNOWN
            : Tri.of(type != LiverMetastasisType.TYPE_III || isSurgeonOverruledTypeIII(p));
    }

    /** TAE pattern: type II, type III, or a multifocal type I (UNKNOWN when no type is known). */
    public CriterionState embolisationPattern() {
        return type == null ? CriterionState.UNKNOWN
            : Tri.of(type != LiverMetastasisType.TYPE_I || multifocal);
    }

    @Override
    public String toString() {
        return "LiverTypeFinding[" + type + (derived ? ", derived" : "") + (multifocal ? ", multifocal" : "") + "]";
    }
}
