package org.netlm.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.netlm.engine.AssessOptions;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.AssessmentJson;
import org.netlm.io.LineReader;
import org.netlm.io.PatientInput;
import org.netlm.io.PatientReader;
import org.netlm.model.Assessment;
import org.netlm.validation.InvalidPatientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NDJSON in, NDJSON out: each non-blank input line is parsed and assessed on a pool of worker threads,
 * and the assessments are written one a line, compact, in input order. Memory stays bounded: the reader
 * blocks once {@link #window()} lines are in flight (parsed, assessed or waiting to be written), whatever
 * the size of the input. A bad line is passed to the reject sink with its line number and the run goes on.
 *
 * <p>Threads: the calling thread reads, {@code threads} workers parse and assess, one writer thread writes
 * in order. The engine is shared (it is thread-safe).
 */
public final class BatchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

    /** Called about once per progress interval with the lines finished so far and the time elapsed. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, double seconds);
    }

    /**
     * What a run did.
     *
     * @param read     non-blank lines read
     * @param written  assessments written
     * @param rejected lines rejected (invalid JSON, invalid patient, or the engine failed on them)
     * @param nanos    wall time
     */
    public record Summary(long read, long written, long rejected, long nanos) {
        public double seconds() {
            return nanos / 1e9;
        }

        /** Lines finished per second. */
        public double perSecond() {
            return nanos == 0 ? 0 : (written + rejected) / seconds();
        }

        /** One line: {@code read 1000, written 998, rejected 2 in 3.1 s (322 patients/s)}. */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "read %d, written %d, rejected %d in %.1f s (%.0f patients/s)",
                read, written, rejected, seconds(), perSecond());
        }
    }

    /** The outcome of one line: the JSON to write, or the messages explaining its rejection. */
    private record Result(String json, List<String> rejections) {
    }

    private static final Future<Result> END = CompletableFuture.completedFuture(null);

    private final NetlmEngine engine;
    private final int threads;
    private final int window;
    private final long progressMillis;
    private final AssessOptions options;

    /**
     * @param engine  the engine (shared by the workers)
     * @param threads worker threads, at least 1
     */
    public BatchRunner(NetlmEngine engine, int threads) {
        this(engine, threads, Math.max(256, threads * 64), 1000, AssessOptions.withoutExplanations());
    }

    /** As {@link #BatchRunner(NetlmEngine, int)}, with the given assessment options (e.g. explanations on). */
    public BatchRunner(NetlmEngine engine, int threads, AssessOptions options) {
        this(engine, threads, Math.max(256, threads * 64), 1000, options);
    }

    /**
     * @param window         most lines in flight at once (bounds memory)
     * @param progressMillis interval between progress updates
     */
    public BatchRunner(NetlmEngine engine, int threads, int window, long progressMillis) {
        this(engine, threads, window, progressMillis, AssessOptions.withoutExplanations());
    }

    /**
     * @param options how to assess (the default for batch runs: without explanations, which cohort audits do not need)
     */
    public BatchRunner(NetlmEngine engine, int threads, int window, long progressMillis, AssessOptions options) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
        this.engine = Objects.requireNonNull(engine, "engine");
        this.threads = threads;
        this.window = window;
        this.progressMillis = progressMillis;
        this.options = Objects.requireNonNull(options, "options");
    }

    public int threads() {
        return threads;
    }

    /** Most lines in flight at once. */
    public int window() {
        return window;
    }

    /**
     * Runs the batch.
     *
     * @param lines     the input, line by line
     * @param inputName the input's name for messages ({@code name:line: …})
     * @param out       where the assessments go, one a line (flushed, not closed)
     * @param rejects   receives one message per problem of a rejected line, in input order
     * @param progress  receives progress updates from a timer thread; {@code null} for none
     * @throws IOException when the input cannot be read or the output cannot be written (the run stops)
     */
    public Summary run(LineReader lines, String inputName, Writer out, Consumer<String> rejects, Progress progress)
        throws IOException {
        long start = System.nanoTime();
        AtomicLong done = new AtomicLong();
        AtomicLong written = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BlockingQueue<Future<Result>> inFlight = new ArrayBlockingQueue<>(window);
        ExecutorService workers = Executors.newFixedThreadPool(threads, daemon("netlm-batch-worker"));
        ScheduledExecutorService timer = null;
        if (progress != null) {
            timer = Executors.newSingleThreadScheduledExecutor(daemon("netlm-batch-progress"));
            timer.scheduleAtFixedRate(() -> progress.update(done.get(), (System.nanoTime() - start) / 1e9),
                progressMillis, progressMillis, TimeUnit.MILLISECONDS);
        }
        Thread writer = daemon("netlm-batch-writer").newThread(() -> {
            try {
                for (Future<Result> f = inFlight.take(); f != END; f = inFlight.take()) {
                    if (failure.get() != null) {
                        continue; // drain so that the reader never blocks; the run is failing
                    }
                    try {
                        Result r = f.get();
                        if (r.json() != null) {
                            out.write(r.json());
                            out.write('\n');
                            written.incrementAndGet();
                        } else {
                            r.rejections().forEach(rejects);
                            rejected.incrementAndGet();
                        }
                        done.incrementAndGet();
                    } catch (IOException e) {
                        failure.compareAndSet(null, e);
                    } catch (ExecutionException e) {
                        failure.compareAndSet(null, e.getCause()); // process() handles every exception: this is an Error
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        long read = 0;
        try {
            for (LineReader.Line l = lines.next(); l != null && failure.get() == null; l = lines.next()) {
                if (l.isBlank()) {
                    continue;
                }
                read++;
                LineReader.Line line = l;
                inFlight.put(workers.submit(() -> process(line, inputName)));
            }
            inFlight.put(END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("batch interrupted", e);
        } finally {
            workers.shutdownNow();
            if (timer != null) {
                timer.shutdownNow();
            }
            writer.interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        } else if (t instanceof Error err) {
            throw err;
        } else if (t != null) {
            throw new IllegalStateException("batch failed", t);
        }
        out.flush();
        return new Summary(read, written.get(), rejected.get(), System.nanoTime() - start);
    }

    private Result process(LineReader.Line line, String inputName) {
        PatientInput in = line.tooLong() ? PatientReader.tooLong(inputName, line)
            : PatientReader.parseLine(line.text(), inputName, line.number());
        if (!in.isValid()) {
            return new Result(null, in.describeViolations());
        }
        try {
            Assessment a = engine.assess(in.patient(), options);
            return new Result(AssessmentJson.toCompactJson(a), null);
        } catch (InvalidPatientException e) {
            return new Result(null, e.getViolations().stream().map(v -> in.location() + " " + v.describe()).toList());
        } catch (RuntimeException e) {
            LOG.debug("Assessment failed at {}:{}", inputName, line.number(), e);
            return new Result(null, List.of(in.location() + " cannot be assessed: " + e));
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
