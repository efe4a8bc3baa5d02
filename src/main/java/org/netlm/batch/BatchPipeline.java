package org.netlm.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import org.netlm.io.ByteLines;
import org.netlm.io.LineParser;
import org.netlm.io.LineReader;
import org.netlm.io.PatientInput;
import org.netlm.io.PatientReader;
import org.netlm.model.PatientCase;
import org.netlm.validation.InvalidPatientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patients in, one record per patient out, in input order: each non-blank input line is parsed into a
 * {@link PatientCase} and given to a {@link Task} (for {@code batch}: the engine's assessment) on a pool of worker
 * threads; the {@link OutcomeFormat} renders each {@link Outcome} as bytes on the worker, and one writer thread writes
 * them in input order and hands every outcome, in order, to a listener (rejection messages, a cohort report). Memory
 * stays bounded: the reader blocks once {@link #window()} lines are in flight, whatever the size of the input. A bad
 * line becomes a rejected outcome with its line number and the run goes on.
 *
 * <p>Lines travel in chunks of up to {@value #MAX_CHUNK_LINES} (fewer for a small window), so that the queue, the
 * future and the thread hand-offs are paid once per chunk; a chunk's output is rendered into one reused buffer and
 * written with one call per chunk, so the output only ever ends between two chunks' records or inside the last one.
 *
 * <pre>{@code
 * BatchPipeline.Summary s = new BatchPipeline(threads).run(
 *     BatchPipeline.Input.json(lines, "cohort.ndjson"),
 *     patient -> engine.assess(patient, AssessOptions.withoutExplanations()),
 *     BatchFormat.SUMMARY.format(), out, outcome -> { … in input order … }, null);
 * }</pre>
 */
public final class BatchPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(BatchPipeline.class);

    /** What the workers do with a valid patient. Called by several threads at once. */
    @FunctionalInterface
    public interface Task<R> {
        /**
         * @return the result (never {@code null})
         * @throws InvalidPatientException when the patient is rejected (its violations become the problems)
         */
        R apply(PatientCase patient);
    }

    /**
     * The input of a run.
     *
     * @param lines  the input, line by line
     * @param name   the input's name for messages ({@code name:line: …})
     * @param parser reads one line
     * @param skip   non-blank lines to pass over unread (a resumed run: lines an earlier run already wrote)
     */
    public record Input(LineReader lines, String name, LineParser parser, long skip) {
        public Input {
            Objects.requireNonNull(lines, "lines");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(parser, "parser");
            if (skip < 0) {
                throw new IllegalArgumentException("skip must not be negative, was " + skip);
            }
        }

        /** Patient JSON, one object a line (NDJSON), from the start. */
        public static Input json(LineReader lines, String name) {
            return new Input(lines, name, PatientReader::parseLine, 0);
        }

        /** The same input, passing over its first {@code n} non-blank lines. */
        public Input skipping(long n) {
            return new Input(lines, name, parser, n);
        }
    }

    /**
     * Sees the outcomes of each group of consecutive lines, in input order, on the writer thread, <em>before</em> their
     * records are written (e.g. to record them in an audit trail first, so that nothing is written that was not
     * recorded). Throwing stops the run: nothing of that group, nor anything after it, is written.
     */
    @FunctionalInterface
    public interface BeforeWrite<R> {
        void accept(List<Outcome<R>> outcomes) throws IOException;
    }

    /** Called about once per progress interval (on a timer thread) with the lines finished so far and the time elapsed. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, double seconds);
    }

    /**
     * What a run did.
     *
     * @param read     non-blank lines read and processed (not counting the skipped ones)
     * @param written  lines with a result
     * @param rejected lines rejected (invalid JSON, invalid patient, or the task failed on them)
     * @param skipped  non-blank lines passed over ({@link Input#skip()})
     * @param nanos    wall time
     */
    public record Summary(long read, long written, long rejected, long skipped, long nanos) {
        public double seconds() {
            return nanos / 1e9;
        }

        /** Lines finished per second. */
        public double perSecond() {
            return nanos == 0 ? 0 : (written + rejected) / seconds();
        }

        /** One line: {@code read 1000, written 998, rejected 2 in 3.1 s (322 patients/s)}. */
        public String describe() {
            return String.format(Locale.ROOT, "read %d, written %d, rejected %d in %.1f s (%.0f patients/s)",
                read, written, rejected, seconds(), perSecond());
        }
    }

    /** Most lines per work item (a chunk: read together, processed by one worker, written together). */
    static final int MAX_CHUNK_LINES = 64;
    /** A chunk is closed once its lines hold this many characters, so that long lines do not make chunks huge. */
    static final long MAX_CHUNK_CHARS = 1L << 20;

    /**
     * Consecutive lines handled as one work item. Filled by the reader, processed by one worker, written by the writer
     * thread: never touched by two threads at once (the hand-offs go through the executor and the future).
     */
    private static final class Chunk<R> {
        final LineReader.Line[] lines;
        final Outcome<R>[] outcomes;
        int size;
        long chars;
        /** The lines' output, back to back. */
        ByteLines bytes;

        @SuppressWarnings("unchecked")
        Chunk(int capacity) {
            lines = new LineReader.Line[capacity];
            outcomes = (Outcome<R>[]) new Outcome<?>[capacity];
        }

        boolean isFull(int limit) {
            return size == limit || chars >= MAX_CHUNK_CHARS;
        }

        void add(LineReader.Line l) {
            lines[size++] = l;
            chars += l.length();
        }
    }

    private final int threads;
    private final int window;
    private final long progressMillis;

    /** @param threads worker threads, at least 1 */
    public BatchPipeline(int threads) {
        this(threads, Math.max(256, threads * 64), 1000);
    }

    /**
     * @param threads        worker threads, at least 1
     * @param window         most lines in flight at once (bounds memory)
     * @param progressMillis interval between progress updates
     */
    public BatchPipeline(int threads, int window, long progressMillis) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
        if (progressMillis < 1) {
            throw new IllegalArgumentException("progressMillis must be at least 1, was " + progressMillis);
        }
        this.threads = threads;
        this.window = window;
        this.progressMillis = progressMillis;
    }

    public int threads() {
        return threads;
    }

    /** Most lines in flight at once. */
    public int window() {
        return window;
    }

    /**
     * Runs the pipeline. Writes no header: a new output starts with {@link OutcomeFormat#header}, written by the caller.
     *
     * @param input    the lines, their name, their parser, how many to skip
     * @param task     what happens to each valid patient (on the workers)
     * @param format   how an outcome is written (on the workers)
     * @param out      where the records go, in input order (flushed, not closed)
     * @param inOrder  receives every outcome in input order on the writer thread, after its record was written
     *                 (rejection messages, tallies); must be quick
     * @param progress receives progress updates from a timer thread; {@code null} for none
     * @throws IOException when the input cannot be read (the lines read before are processed and written first) or the
     *                     output cannot be written (the run stops; what was written ends between two chunks or inside
     *                     the last one written)
     */
    public <R> Summary run(Input input, Task<R> task, OutcomeFormat<R> format, OutputStream out,
                           Consumer<? super Outcome<R>> inOrder, Progress progress) throws IOException {
        return run(input, task, format, out, outcomes -> { }, inOrder, progress);
    }

    /**
     * {@link #run(Input, Task, OutcomeFormat, OutputStream, Consumer, Progress)} with {@code beforeWrite} seeing each
     * group of outcomes before its records are written; when it throws, the run stops with that exception (an
     * {@link IOException} as it is) and the output ends with the group before.
     */
    public <R> Summary run(Input input, Task<R> task, OutcomeFormat<R> format, OutputStream out, BeforeWrite<R> beforeWrite,
                           Consumer<? super Outcome<R>> inOrder, Progress progress) throws IOException {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(beforeWrite, "beforeWrite");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(inOrder, "inOrder");
        long start = System.nanoTime();
        AtomicLong done = new AtomicLong();
        AtomicLong written = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Queue<ByteLines> free = new ConcurrentLinkedQueue<>();
        int chunkLines = chunkLines();
        // at most window lines in flight: the queued chunks, plus the one being written and the one being read
        BlockingQueue<Future<Chunk<R>>> inFlight = new ArrayBlockingQueue<>(Math.max(1, window / chunkLines - 2));
        Future<Chunk<R>> end = CompletableFuture.completedFuture(null);
        ExecutorService workers = Executors.newFixedThreadPool(threads, daemon("netlm-batch-worker"));
        ScheduledExecutorService timer = null;
        if (progress != null) {
            timer = Executors.newSingleThreadScheduledExecutor(daemon("netlm-batch-progress"));
            timer.scheduleAtFixedRate(() -> progress.update(done.get(), (System.nanoTime() - start) / 1e9),
                progressMillis, progressMillis, TimeUnit.MILLISECONDS);
        }
        Thread writer = daemon("netlm-batch-writer").newThread(() -> {
            try {
                for (Future<Chunk<R>> f = inFlight.take(); f != end; f = inFlight.take()) {
                    if (failure.get() != null) {
                        continue; // drain so that the reader never blocks; the run is failing
                    }
                    try {
                        Chunk<R> c = f.get();
                        beforeWrite.accept(Arrays.asList(c.outcomes).subList(0, c.size));
                        c.bytes.writeTo(out, 0, c.bytes.size());
                        c.bytes.clear();
                        free.offer(c.bytes);
                        c.bytes = null;
                        int ok = 0;
                        for (int i = 0; i < c.size; i++) {
                            Outcome<R> o = c.outcomes[i];
                            c.outcomes[i] = null;
                            ok += o.isRejected() ? 0 : 1;
                            inOrder.accept(o);
                        }
                        written.addAndGet(ok);
                        rejected.addAndGet(c.size - ok);
                        done.addAndGet(c.size);
                    } catch (IOException | RuntimeException e) {
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
        long skipped = 0;
        IOException inputFailure = null;
        try {
            Chunk<R> chunk = new Chunk<>(chunkLines);
            LineReader lines = input.lines();
            try {
                for (LineReader.Line l = lines.next(); l != null && failure.get() == null; l = lines.next()) {
                    if (l.isBlank()) {
                        continue;
                    }
                    if (skipped < input.skip()) {
                        skipped++;
                        continue;
                    }
                    read++;
                    chunk.add(l);
                    if (chunk.isFull(chunkLines)) {
                        submit(chunk, input, task, format, free, workers, inFlight);
                        chunk = new Chunk<>(chunkLines);
                    }
                }
            } catch (IOException e) {
                inputFailure = e; // the lines read before it are complete: they are still processed and written
            }
            if (chunk.size > 0 && failure.get() == null) {
                submit(chunk, input, task, format, free, workers, inFlight);
            }
            inFlight.put(end);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new IOException("batch interrupted", e));
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
        } else if (t instanceof RuntimeException re) {
            throw re;
        } else if (t instanceof Error err) {
            throw err;
        } else if (t != null) {
            throw new IllegalStateException("batch failed", t);
        }
        out.flush();
        if (inputFailure != null) {
            throw inputFailure;
        }
        if (input.skip() > skipped) {
            throw new IOException(input.name() + ": has " + skipped + " patient lines, fewer than the " + input.skip()
                + " the output already holds: is it the same input?");
        }
        return new Summary(read, written.get(), rejected.get(), skipped, System.nanoTime() - start);
    }

    /** Lines per chunk: large enough to make hand-offs rare, small enough to keep every worker busy within the window. */
    int chunkLines() {
        return Math.max(1, Math.min(MAX_CHUNK_LINES, window / (4 * threads)));
    }

    private <R> void submit(Chunk<R> chunk, Input input, Task<R> task, OutcomeFormat<R> format, Queue<ByteLines> free,
                            ExecutorService workers, BlockingQueue<Future<Chunk<R>>> inFlight) throws InterruptedException {
        inFlight.put(workers.submit(() -> {
            ByteLines b = free.poll();
            chunk.bytes = b != null ? b : new ByteLines(1 << 16);
            for (int i = 0; i < chunk.size; i++) {
                process(chunk, i, input, task, format);
            }
            return chunk;
        }));
    }

    /** Processes line {@code i} of the chunk: its outcome, and its record appended to the chunk's bytes. */
    private static <R> void process(Chunk<R> chunk, int i, Input input, Task<R> task, OutcomeFormat<R> format) {
        LineReader.Line line = chunk.lines[i];
        chunk.lines[i] = null; // the text is no longer needed
        PatientInput in = line.tooLong() ? PatientReader.tooLong(input.name(), line)
            : input.parser().parse(line.text(), input.name(), line.number());
        Outcome<R> outcome;
        if (!in.isValid()) {
            outcome = Outcome.rejected(line.number(), in.patientId(), in.describeViolations());
        } else {
            try {
                outcome = Outcome.of(line.number(), in.patientId(), task.apply(in.patient()), in.report(), in.patient());
            } catch (InvalidPatientException e) {
                outcome = Outcome.rejected(line.number(), in.patientId(),
                    e.getViolations().stream().map(v -> in.location() + " " + v.describe()).toList());
            } catch (RuntimeException e) {
                LOG.debug("Task failed at {}:{}", input.name(), line.number(), e);
                outcome = Outcome.rejected(line.number(), in.patientId(), List.of(in.location() + " cannot be assessed: " + e));
            }
        }
        int start = chunk.bytes.size();
        try {
            format.write(outcome, chunk.bytes);
        } catch (RuntimeException e) {
            chunk.bytes.truncate(start);
            LOG.debug("Output failed at {}:{}", input.name(), line.number(), e);
            outcome = Outcome.rejected(line.number(), in.patientId(), List.of(in.location() + " cannot be written: " + e));
            try {
                format.write(outcome, chunk.bytes);
            } catch (RuntimeException again) {
                chunk.bytes.truncate(start);
            }
        }
        chunk.outcomes[i] = outcome;
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
