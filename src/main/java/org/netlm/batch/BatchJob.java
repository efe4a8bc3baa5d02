package org.netlm.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.netlm.engine.AssessOptions;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.AtomicFiles;
import org.netlm.io.LineParser;
import org.netlm.io.ByteLines;
import org.netlm.io.LineReader;
import org.netlm.io.PatientReader;
import org.netlm.model.Assessment;

/**
 * One {@code batch} run: patient JSON lines in, assessments out in a {@link BatchFormat}, optionally a
 * {@link CohortReport}. Written to a file, the output goes through a {@link PartialOutput} (renamed into place only
 * when the whole input is done; {@link #resume(boolean)} continues an interrupted run), and so does the report.
 *
 * <p>With a {@link Recorder} (an audit trail), each group of lines is recorded before it is written: the output, partial
 * or final, never holds a record that was not recorded. A recorder that fails stops the run with the records before
 * it in the partial file (never renamed into place). The records carry a run id that a resumed run keeps (it is in
 * {@code FILE.partial}{@value #AUDIT_RUN_SUFFIX} until the output is complete), so a line recorded by the interrupted
 * run and again by the resumed one is stored once.
 */
public final class BatchJob {
    /** Suffix (after {@link PartialOutput#partialOf}) of the file that keeps an audited run's id until it commits. */
    public static final String AUDIT_RUN_SUFFIX = ".audit-run";

    /** Records the assessed lines of a run before they are written (an audit trail, docs/audit.md). */
    @FunctionalInterface
    public interface Recorder {
        /**
         * Records, all or nothing, the assessed outcomes among {@code outcomes} (consecutive lines in input order; the
         * rejected ones are for the recorder to pass over) as lines of run {@code run}; a line of the run that is already
         * recorded must not be recorded twice.
         *
         * @throws IOException when they could not be recorded (nothing of them is)
         */
        void record(String run, List<Outcome<Assessment>> outcomes) throws IOException;
    }

    private final NetlmEngine engine;
    private final BatchFormat format;
    private int threads = Runtime.getRuntime().availableProcessors();
    private AssessOptions options = AssessOptions.withoutExplanations();
    private Path report;
    private boolean resume;
    private Consumer<String> rejects = m -> { };
    private BatchPipeline.Progress progress;
    private long progressMillis = 1000;
    private LineParser parser = PatientReader::parseLine;
    private Recorder recorder;

    /**
     * What the run did, and what an earlier run had done when this one resumed it.
     *
     * @param resumedAfter  records an earlier run wrote (input lines done), 0 for a new output
     * @param rejectedEarlier rejected lines among them
     */
    public record Result(BatchPipeline.Summary summary, long resumedAfter, long rejectedEarlier) {
        /** Rejected lines in the whole output. */
        public long rejected() {
            return summary.rejected() + rejectedEarlier;
        }

        /** {@link BatchPipeline.Summary#describe()}, plus what the earlier run did. */
        public String describe() {
            return summary.describe() + (resumedAfter == 0 ? "" : "; " + resumedAfter
                + " lines before them written by an earlier run (" + rejectedEarlier + " of them rejected)");
        }
    }

    public BatchJob(NetlmEngine engine, BatchFormat format) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.format = Objects.requireNonNull(format, "format");
    }

    public BatchJob threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + n);
        }
        this.threads = n;
        return this;
    }

    /** Assessment options (default: without explanations; explanations are written by the full format only). */
    public BatchJob options(AssessOptions o) {
        this.options = Objects.requireNonNull(o, "options");
        return this;
    }

    /** Also write a cohort report to {@code file} (Markdown or HTML by its extension, {@link CohortReport.Style}). */
    public BatchJob report(Path file) {
        if (file != null && CohortReport.Style.forFile(file) == null) {
            throw new IllegalArgumentException(file + ": a report is .md or .html");
        }
        this.report = file;
        return this;
    }

    /** Continue the partial output of an interrupted run (formats with one record per line only; files only). */
    public BatchJob resume(boolean on) {
        if (on && !format.oneRecordPerLine()) {
            throw new IllegalArgumentException("--resume needs a format that writes one record for every input line "
                + "(summary or csv); the full format writes nothing for a rejected line");
        }
        this.resume = on;
        return this;
    }

    /** How an input line becomes a patient (default: patient JSON, {@link PatientReader#parseLine}; e.g. a FHIR Bundle a line). */
    public BatchJob parser(LineParser p) {
        this.parser = Objects.requireNonNull(p, "parser");
        return this;
    }

    /** Records every assessed line before it is written ({@link Recorder}); {@code null} for none. */
    public BatchJob recorder(Recorder r) {
        this.recorder = r;
        return this;
    }

    /** Receives one message per problem of each rejected line, in input order. */
    public BatchJob rejects(Consumer<String> sink) {
        this.rejects = Objects.requireNonNull(sink, "rejects");
        return this;
    }

    /** Receives the lines done so far (those of a resumed earlier run included) every {@code millis}. */
    public BatchJob progress(BatchPipeline.Progress p, long millis) {
        this.progress = p;
        this.progressMillis = millis;
        return this;
    }

    /**
     * Runs with the output in {@code output}: written to its partial file, renamed to {@code output} at the end. When
     * the run fails, the partial file stays and the exception says how to continue.
     */
    public Result toFile(InputStream in, String inputName, Path output) throws IOException {
        // an earlier run's partial file, even one that holds no record yet: its run may have recorded lines already
        boolean continuing = resume && Files.exists(PartialOutput.partialOf(output));
        PartialOutput out = resume ? PartialOutput.resume(output, format) : PartialOutput.create(output, format);
        long done = out.recordsKept();
        BatchPipeline.Summary summary;
        CohortReport tally = report == null ? null : new CohortReport(inputName);
        Path runFile = auditRunFile(output);
        String run;
        try {
            run = auditRun(runFile, out, done, continuing);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        try (out) {
            summary = run(in, inputName, out.stream(), done, tally, run);
            byte[] reportBytes = tally == null ? null : reportBytes(tally, done);
            if (reportBytes != null) {
                Files.write(PartialOutput.partialOf(report), reportBytes);
            }
            out.commit();
            Files.deleteIfExists(runFile);
            if (reportBytes != null) {
                PartialOutput.moveIntoPlace(PartialOutput.partialOf(report), report);
            }
        } catch (IOException e) {
            throw new IOException(reason(e) + "; " + (format.oneRecordPerLine()
                ? "the " + "records written so far are in " + out.partial() + ": run the same command with --resume to continue"
                : "the output so far is in " + out.partial() + " (not resumable in the full format)"), e);
        }
        return new Result(summary, done, out.rejectedKept());
    }

    /** The file that keeps the id of the audited run writing {@code output}'s partial file. */
    public static Path auditRunFile(Path output) {
        Path partial = PartialOutput.partialOf(output);
        return partial.resolveSibling(partial.getFileName() + AUDIT_RUN_SUFFIX);
    }

    /**
     * The audit run id of this output ({@code null} without a recorder): the resumed run's own when an earlier run's
     * partial file is continued (even without a complete record: the earlier run may have recorded lines whose write
     * was lost), else a new one, kept beside the partial file before anything is recorded. A partial file whose records
     * were written with a recorder cannot be continued without one, nor the other way round: the finished output would
     * hold records that are not in the audit trail.
     */
    private String auditRun(Path runFile, PartialOutput out, long kept, boolean continuing) throws IOException {
        boolean audited = Files.exists(runFile);
        if (kept > 0 && recorder != null && !audited) {
            throw new IOException(out.partial() + " was written without --audit, so its " + kept + " records are not in "
                + "the audit trail: resume it without --audit, or remove it and run again from the start");
        }
        if (kept > 0 && recorder == null && audited) {
            throw new IOException(out.partial() + " was written with --audit: resume it with --audit (and the same audit "
                + "store) so that the rest is recorded too, or remove it and run again from the start");
        }
        if (recorder == null) {
            Files.deleteIfExists(runFile);
            return null;
        }
        if (continuing && audited) {
            String run = Files.readString(runFile, StandardCharsets.UTF_8).strip();
            if (run.isEmpty() || run.length() > AuditRunIds.MAX_LENGTH) {
                throw new IOException(runFile + ": not an audit run id; remove " + out.partial() + " and run again from the start");
            }
            return run;
        }
        String run = AuditRunIds.next();
        AtomicFiles.writeString(runFile, run + "\n");
        return run;
    }

    /** Runs with the output on a stream (e.g. standard output): the format's header first, no partial file, no resume. */
    public Result toStream(InputStream in, String inputName, OutputStream out) throws IOException {
        if (resume) {
            throw new IllegalArgumentException("--resume needs an output file");
        }
        ByteLines header = new ByteLines(1024);
        format.header(header);
        header.writeTo(out, 0, header.size());
        CohortReport tally = report == null ? null : new CohortReport(inputName);
        BatchPipeline.Summary summary = run(in, inputName, out, 0, tally, recorder == null ? null : AuditRunIds.next());
        if (tally != null) {
            Files.write(PartialOutput.partialOf(report), reportBytes(tally, 0));
            PartialOutput.moveIntoPlace(PartialOutput.partialOf(report), report);
        }
        return new Result(summary, 0, 0);
    }

    /** An I/O failure in words: the file and the system's reason ("x: Permission denied"), else the message. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason()
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.NoSuchFileException ? "no such file or folder" : e.getClass().getSimpleName());
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private BatchPipeline.Summary run(InputStream raw, String inputName, OutputStream out, long skip, CohortReport tally,
                                      String auditRun) throws IOException {
        Consumer<Outcome<Assessment>> inOrder = o -> o.problems().forEach(rejects);
        if (tally != null) {
            inOrder = inOrder.andThen(tally);
        }
        BatchPipeline.Progress shown = progress == null ? null : (d, s) -> progress.update(skip + d, s);
        BatchPipeline.BeforeWrite<Assessment> record = recorder == null ? outcomes -> { }
            : outcomes -> recorder.record(auditRun, outcomes);
        try (LineReader lines = new LineReader(PatientReader.utf8(raw), PatientReader.MAX_LINE_LENGTH)) {
            return new BatchPipeline(threads, Math.max(256, threads * 64), progressMillis).run(
                new BatchPipeline.Input(lines, inputName, parser, skip),
                patient -> engine.assess(patient, options), format, out, record, inOrder, shown);
        }
    }

    private byte[] reportBytes(CohortReport tally, long resumedAfter) {
        tally.resumedAfter(resumedAfter);
        return tally.render(CohortReport.Style.forFile(report)).getBytes(StandardCharsets.UTF_8);
    }
}
