package org.netlm.impact;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What impact needs from a parallel pipeline: apply {@code work} (e.g. "assess this patient with engine X and Y") to
 * an ordered stream of items on worker threads, and hand the results to {@code sink} one at a time, in input order.
 * Memory stays bounded whatever the length of the stream. {@link ExecutorPipeline} is the implementation; a shared
 * batch pipeline can take its place without changing {@link ImpactAnalysis}.
 */
@FunctionalInterface
public interface CohortPipeline {

    /** An ordered stream of items: {@code null} at the end. */
    @FunctionalInterface
    interface Source<T> {
        T next() throws IOException;
    }

    /**
     * Runs {@code work} over every item; {@code sink} receives the results in input order, never from two threads at
     * once. An exception from {@code work} or {@code sink} stops the run and is rethrown.
     *
     * @throws IOException when the source cannot be read
     */
    <T, R> void map(Source<? extends T> items, Function<? super T, ? extends R> work, Consumer<? super R> sink) throws IOException;
}
