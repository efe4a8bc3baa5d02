package org.netlm.batch;

import org.netlm.io.ByteLines;

/**
 * One output format of the pipeline: renders each outcome as UTF-8 bytes on the worker that produced it; the
 * pipeline writes them in input order. Implementations are called by several workers at once (keep per-thread
 * state in thread locals, as the writers of {@code org.netlm.io} do).
 *
 * @param <R> the task's result type
 */
public interface OutcomeFormat<R> {
    /** Bytes written once before the first outcome of a new output (e.g. a CSV header); by default none. */
    default void header(ByteLines out) {
    }

    /**
     * Appends the outcome's record to {@code out}: whole lines, each ended by {@code \n}; may append nothing (the full
     * format writes nothing for a rejected line). All or nothing: on an exception the pipeline drops what was appended.
     */
    void write(Outcome<R> outcome, ByteLines out);
}
