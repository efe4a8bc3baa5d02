package org.netlm.engine;

import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * The time limit of one assessment: before each rule firing the clock is read, and once the deadline has passed the
 * session is halted (the rule about to fire is the last). Runs on the assessing thread: no thread, timer or scheduled
 * task per patient, one clock read per firing. A single firing that never returns cannot be stopped this way; the
 * rule policy (docs/rule-policy.md) keeps loops and recursion out of rule code for that reason.
 */
final class TimeLimit extends DefaultAgendaEventListener {
    private final long deadline;
    private boolean exceeded;

    TimeLimit(long limitNanos) {
        this.deadline = System.nanoTime() + limitNanos;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        if (!exceeded && System.nanoTime() - deadline > 0) {
            exceeded = true;
            event.getKieRuntime().halt();
        }
    }

    boolean exceeded() {
        return exceeded;
    }
}
