package org.netlm.cli;

import java.io.IOException;
import java.io.OutputStream;
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
import org.netlm.io.ByteLines;
import org.netlm.io.LineParser;
import org.netlm.io.LineReader;
import org.netlm.io.PatientInput;
import org.netlm.io.PatientReader;
import org.netlm.io.SourceReport;
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
 * <p>Threads: the calling thread reads, {@code threads} workers parse, assess and render, one writer thread
 * writes in order. The engine is shared (it is thread-safe). Lines travel in chunks of up to
 * {@value #MAX_CHUNK_LINES} (fewer for a small window), so that the queue, the future and the thread hand-offs are
 * paid once per chunk, not once per line; written to an {@link OutputStream}, a chunk's output is rendered as UTF-8
 * bytes by its worker into a reused buffer and written with one call.
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

    /** Most lines per work item (a chunk: read together, assessed by one worker, written together). */
    static final int MAX_CHUNK_LINES = 64;
    /** A chunk is closed once its lines hold this many characters, so that long lines do not make chunks huge. */
    static final long MAX_CHUNK_CHARS = 1L << 20;

    /**
     * Consecutive lines handled as one work item, so that queues, futures and thread hand-offs are paid once per
     * chunk instead of once per line. Filled by the reader, processed by one worker, written by the writer thread:
     * never touched by two threads at once (the hand-offs go through the executor and the future).
     */
    private static final class Chunk {
        final LineReader.Line[] lines;
        int size;
        long chars;
        /** Byte output: the lines' output, back to back; {@code ends[i]} is where line i's output ends. */
        ByteLines bytes;
        int[] ends;
        /** Text output: line i's JSON, or {@code null}. */
        String[] texts;
        /** The messages explaining the rejection of line i, or {@code null} when it was written. */
        List<String>[] rejections;

        @SuppressWarnings("unchecked")
        Chunk(int capacity) {
            lines = new LineReader.Line[capacity];
            rejections = new List[capacity];
        }

        boolean isFull(int limit) {
            return size == limit || chars >= MAX_CHUNK_CHARS;
        }

        void add(LineReader.Line l) {
            lines[size++] = l;
            chars += l.length();
        }
    }

    private static final Future<Chunk> END = CompletableFuture.completedFuture(null);

    private final NetlmEngine engine;
    private final int threads;
    private final int window;
    private final long progressMillis;
    private final AssessOptions options;
    private final LineParser parser;

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
        this(engine, threads, window, progressMillis, options, PatientReader::parseLine);
    }

    /** As {@link #BatchRunner(NetlmEngine, int, AssessOptions)}, reading each line with {@code parser} (e.g. FHIR Bundles). */
    public BatchRunner(NetlmEngine engine, int threads, AssessOptions options, LineParser parser) {
        this(engine, threads, Math.max(256, threads * 64), 1000, options, parser);
    }

    /**
     * @param parser how a line becomes a patient (patient JSON, or a FHIR Bundle whose mapping report joins the output)
     */
    public BatchRunner(NetlmEngine engine, int threads, int window, long progressMillis, AssessOptions options, LineParser parser) {
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
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    public int threads() {
        return threads;
    }

    /** Most lines in flight at once. */
    public int window() {
        return window;
    }

    /**
     * Runs the batch, writing UTF-8 bytes: the fast path for files. The bytes are those that {@link #run(LineReader,
     * String, Writer, Consumer, Progress)} writes through a UTF-8 {@link java.io.OutputStreamWriter}.
     *
     * @param lines     the input, line by line
     * @param inputName the input's name for messages ({@code name:line: …})
     * @param out       where the assessments go, one a line (flushed, not closed)
     * @param rejects   receives one message per problem of a rejected line, in input order
     * @param progress  receives progress updates from a timer thread; {@code null} for none
     * @throws IOException when the input cannot be read or the output cannot be written (the run stops)
     */
    public Summary run(LineReader lines, String inputName, OutputStream out, Consumer<String> rejects, Progress progress)
        throws IOException {
        return run(lines, inputName, new ByteSink(out), rejects, progress);
    }

    /**
     * Runs the batch, writing text (e.g. to a console or a test's {@link java.io.StringWriter}).
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
        return run(lines, inputName, new TextSink(out), rejects, progress);
    }

    private Summary run(LineReader lines, String inputName, Sink sink, Consumer<String> rejects, Progress progress)
        throws IOException {
        long start = System.nanoTime();
        AtomicLong done = new AtomicLong();
        AtomicLong written = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int chunkLines = chunkLines();
        // at most window lines in flight: the queued chunks, plus the one being written and the one being read
        BlockingQueue<Future<Chunk>> inFlight = new ArrayBlockingQueue<>(Math.max(1, window / chunkLines - 2));
        ExecutorService workers = Executors.newFixedThreadPool(threads, daemon("netlm-batch-worker"));
        ScheduledExecutorService timer = null;
        if (progress != null) {
            timer = Executors.newSingleThreadScheduledExecutor(daemon("netlm-batch-progress"));
            timer.scheduleAtFixedRate(() -> progress.update(done.get(), (System.nanoTime() - start) / 1e9),
                progressMillis, progressMillis, TimeUnit.MILLISECONDS);
        }
        Thread writer = daemon("netlm-batch-writer").newThread(() -> {
            try {
                for (Future<Chunk> f = inFlight.take(); f != END; f = inFlight.take()) {
                    if (failure.get() != null) {
                        continue; // drain so that the reader never blocks; the run is failing
                    }
                    try {
                        Chunk c = f.get();
                        int ok = sink.write(c, rejects);
                        sink.recycle(c);
                        written.addAndGet(ok);
                        rejected.addAndGet(c.size - ok);
                        done.addAndGet(c.size);
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
            Chunk chunk = new Chunk(chunkLines);
            for (LineReader.Line l = lines.next(); l != null && failure.get() == null; l = lines.next()) {
                if (l.isBlank()) {
                    continue;
                }
                read++;
                chunk.add(l);
                if (chunk.isFull(chunkLines)) {
                    submit(chunk, inputName, sink, workers, inFlight);
                    chunk = new Chunk(chunkLines);
                }
            }
            if (chunk.size > 0 && failure.get() == null) {
                submit(chunk, inputName, sink, workers, inFlight);
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
        sink.flush();
        return new Summary(read, written.get(), rejected.get(), System.nanoTime() - start);
    }

    /** Lines per chunk: large enough to make hand-offs rare, small enough to keep every worker busy within the window. */
    int chunkLines() {
        return Math.max(1, Math.min(MAX_CHUNK_LINES, window / (4 * threads)));
    }

    private void submit(Chunk chunk, String inputName, Sink sink, ExecutorService workers, BlockingQueue<Future<Chunk>> inFlight)
        throws InterruptedException {
        inFlight.put(workers.submit(() -> {
            sink.prepare(chunk);
            for (int i = 0; i < chunk.size; i++) {
                process(chunk, i, inputName, sink);
            }
            return chunk;
        }));
    }

    /** Assesses line {@code i} of the chunk: its output goes to the chunk, or its rejection messages. */
    private void process(Chunk chunk, int i, String inputName, Sink sink) {
        LineReader.Line line = chunk.lines[i];
        chunk.lines[i] = null; // the text is no longer needed
        PatientInput in = line.tooLong() ? PatientReader.tooLong(inputName, line)
            : parser.parse(line.text(), inputName, line.number());
        List<String> rejection;
        if (!in.isValid()) {
            rejection = in.describeViolations();
        } else {
            try {
                Assessment a = engine.assess(in.patient(), options);
                sink.render(a, in.report(), chunk, i);
                return;
            } catch (InvalidPatientException e) {
                rejection = e.getViolations().stream().map(v -> in.location() + " " + v.describe()).toList();
            } catch (RuntimeException e) {
                LOG.debug("Assessment failed at {}:{}", inputName, line.number(), e);
                rejection = List.of(in.location() + " cannot be assessed: " + e);
            }
        }
        sink.reject(chunk, i);
        chunk.rejections[i] = rejection;
    }

    /** Where the assessments go: renders them on the workers, writes them on the writer thread. */
    private interface Sink {
        /** Worker, before the chunk's first line. */
        void prepare(Chunk c);

        /** Worker: line {@code i}'s output, with the source's report if any (all or nothing: on an exception nothing of it is kept). */
        void render(Assessment a, SourceReport report, Chunk c, int i);

        /** Worker: line {@code i} has no output. */
        void reject(Chunk c, int i);

        /** Writer thread: the chunk's output and rejections, in line order; returns how many lines were written. */
        int write(Chunk c, Consumer<String> rejects) throws IOException;

        /** Writer thread, after {@link #write}: the chunk's buffers may be reused. */
        void recycle(Chunk c);

        void flush() throws IOException;
    }

    /**
     * UTF-8 bytes rendered on the workers straight into one buffer per chunk ({@link AssessmentJson#writeCompactLine}),
     * written with one call per run of accepted lines. Buffers are reused: as many exist as chunks are in flight.
     */
    private static final class ByteSink implements Sink {
        private final OutputStream out;
        private final java.util.Queue<ByteLines> free = new java.util.concurrent.ConcurrentLinkedQueue<>();

        ByteSink(OutputStream out) {
            this.out = out;
        }

        @Override
        public void prepare(Chunk c) {
            ByteLines b = free.poll();
            c.bytes = b != null ? b : new ByteLines(1 << 16);
            c.ends = new int[c.size];
        }

        @Override
        public void render(Assessment a, SourceReport report, Chunk c, int i) {
            int start = c.bytes.size();
            try {
                AssessmentJson.writeCompactLine(a, report, c.bytes);
            } catch (RuntimeException e) {
                c.bytes.truncate(start);
                throw e;
            }
            c.ends[i] = c.bytes.size();
        }

        @Override
        public void reject(Chunk c, int i) {
            c.ends[i] = c.bytes.size();
        }

        @Override
        public int write(Chunk c, Consumer<String> rejects) throws IOException {
            int from = 0;
            int ok = 0;
            for (int i = 0; i < c.size; i++) {
                if (c.rejections[i] == null) {
                    ok++;
                } else {
                    c.bytes.writeTo(out, from, c.ends[i]);
                    from = c.ends[i];
                    c.rejections[i].forEach(rejects);
                }
            }
            c.bytes.writeTo(out, from, c.bytes.size());
            return ok;
        }

        @Override
        public void recycle(Chunk c) {
            c.bytes.clear();
            free.offer(c.bytes);
            c.bytes = null;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    /** Text: each line's compact JSON ({@link AssessmentJson#toCompactJson}) written to a {@link Writer}. */
    private static final class TextSink implements Sink {
        private final Writer out;

        TextSink(Writer out) {
            this.out = out;
        }

        @Override
        public void prepare(Chunk c) {
            c.texts = new String[c.size];
        }

        @Override
        public void render(Assessment a, SourceReport report, Chunk c, int i) {
            c.texts[i] = AssessmentJson.toCompactJson(a, report);
        }

        @Override
        public void reject(Chunk c, int i) {
            // nothing to write
        }

        @Override
        public int write(Chunk c, Consumer<String> rejects) throws IOException {
            int ok = 0;
            for (int i = 0; i < c.size; i++) {
                if (c.rejections[i] == null) {
                    out.write(c.texts[i]);
                    out.write('\n');
                    ok++;
                } else {
                    c.rejections[i].forEach(rejects);
                }
            }
            return ok;
        }

        @Override
        public void recycle(Chunk c) {
            c.texts = null;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
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
