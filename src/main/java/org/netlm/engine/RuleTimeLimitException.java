package org.netlm.engine;

import java.time.Duration;

/**
 * The rules ran longer than the engine's time limit for one patient ({@link NetlmEngine#timeLimit()}): a rule is
 * too slow or fires without end. The session was halted; no assessment is returned.
 */
public class RuleTimeLimitException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient Duration limit;

    /**
     * A stopped assessment.
     *
     * @param message what ran too long, for the caller's log
     * @param limit   the time limit that was exceeded
     */
    public RuleTimeLimitException(String message, Duration limit) {
        super(message);
        this.limit = limit;
    }

    /**
     * The time limit that was exceeded.
     *
     * @return the engine's time limit for one patient
     */
    public Duration getLimit() {
        return limit;
    }
}
