package org.netlm.impact;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link CohortPipeline} on a fixed pool of worker threads. The calling thread reads items, groups them into chunks
 * (so that hand-offs are paid once per chunk, as in {@code batch}), submits each chunk and, once {@code window}
 * chunks are in flight, waits for the oldest and hands its results to the sink: results arrive in input order and
 * at most {@code window} chunks are held at once.
 */
public final class ExecutorPipeline implements CohortPipeline {
    private final int threads;
    private final int chunk;
    private final int window;

    /** {@code threads} workers, chunks of 32 items, four chunks in flight per worker. */
    public ExecutorPipeline(int threads) {
        this(threads, 32, 4 * threads);
    }

    public ExecutorPipeline(int threads, int chunk, int window) {
        if (threads < 1 || chunk < 1 || window < 1) {
            throw new IllegalArgumentException("threads, chunk and window must be at least 1");
        }
        this.threads = threads;
        this.chunk = chunk;
        this.window = window;
    }

    public int threads() {
        return threads;
    }

    @Override
    public <T, R> void map(Source<? extends T> items, Function<? super T, ? extends R> work, Consumer<? super R> sink)
        throws IOException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "netlm-impact-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Deque<Future<List<R>>> inFlight = new ArrayDeque<>();
        try {
            List<T> batch = new ArrayList<>(chunk);
            for (T item = items.next(); item != null; item = items.next()) {
                batch.add(item);
                if (batch.size() == chunk) {
                    submit(pool, batch, work, inFlight);
                    batch = new ArrayList<>(chunk);
                    while (inFlight.size() >= window) {
                        drainOne(inFlight, sink);
                    }
                }
            }
            if (!batch.isEmpty()) {
                submit(pool, batch, work, inFlight);
            }
            while (!inFlight.isEmpty()) {
                drainOne(inFlight, sink);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T, R> void submit(ExecutorService pool, List<T> batch, Function<? super T, ? extends R> work,
                                      Deque<Future<List<R>>> inFlight) {
        inFlight.addLast(pool.submit(() -> {
            List<R> out = new ArrayList<>(batch.size());
            for (T t : batch) {
                out.add(work.apply(t));
            }
            return out;
        }));
    }

    private static <R> void drainOne(Deque<Future<List<R>>> inFlight, Consumer<? super R> sink) throws IOException {
        List<R> results;
        try {
            results = inFlight.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
        results.forEach(sink);
    }
}
