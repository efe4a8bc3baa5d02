package org.netlm.impact;

import org.netlm.model.Finding;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.WarningCode;

/** One kind of change an edit makes to a patient's assessment; patients are counted per kind. */
public sealed interface ChangeKind permits ChangeKind.TherapyTransition, ChangeKind.FindingTransition, ChangeKind.WarningTransition {

    /** For a person: {@code PRRT: CONSIDER → RECOMMENDED}. */
    String label();

    /**
     * A therapy's resolved strength changed.
     *
     * @param from the strength before, or {@code null} when the therapy was absent
     * @param to   the strength after, or {@code null} when it is absent
     */
    record TherapyTransition(Therapy therapy, Strength from, Strength to) implements ChangeKind {
        @Override
        public String label() {
            return therapy + ": " + name(from) + " → " + name(to);
        }

        /** {@code CONSIDER → RECOMMENDED} (the therapy left out). */
        public String transition() {
            return name(from) + " → " + name(to);
        }

        static String name(Strength s) {
            return s == null ? "absent" : s.name();
        }
    }

    /**
     * A derived finding changed.
     *
     * @param from the value before, or {@code null} when not derived
     * @param to   the value after, or {@code null} when not derived
     */
    record FindingTransition(Finding finding, String from, String to) implements ChangeKind {
        @Override
        public String label() {
            return finding.key() + ": " + (from == null ? "none" : from) + " → " + (to == null ? "none" : to);
        }
    }

    /** A warning appeared ({@code added}) or went away. */
    record WarningTransition(WarningCode code, boolean added) implements ChangeKind {
        @Override
        public String label() {
            return code + (added ? " added" : " removed");
        }
    }
}
