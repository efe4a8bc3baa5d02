package org.netlm.model.fact;

import java.util.Objects;

/**
 * Derived fact: a reason for the tumour board's particular attention that a rule found and no candidate carries
 * (e.g. "transplant assessment needs ECOG"). The resolution layer adds it to the tumour-board rationale. Immutable.
 */
public final class TumourBoardNote {
    private final String reason;

    public TumourBoardNote(String reason) {
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public static TumourBoardNote of(String reason) {
        return new TumourBoardNote(reason);
    }

    public String getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return "TumourBoardNote[" + reason + "]";
    }
}
