package org.netlm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.netlm.batch.BatchFormat;
import org.netlm.batch.BatchJob;
import org.netlm.batch.CohortReport;
import org.netlm.batch.PartialOutput;
import org.netlm.batch.ProgressBar;
import org.netlm.batch.TextOutput;
import org.netlm.engine.AssessOptions;
import org.netlm.io.PatientReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code batch --input FILE --output FILE [--format full|summary|csv] [--report FILE] [--resume]}: parses the options
 * and runs a {@link BatchJob} (docs/batch.md). Rejected lines go to standard error with their line number; a progress
 * bar on standard error when it is a terminal; a summary line at the end. Exit 0, or 1 when any line was rejected.
 * With {@code --audit} every assessed line is recorded before its record is written (docs/audit.md).
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Assess an NDJSON file (one patient a line) on all cores; write one record a line, in input order.",
        "A bad line is reported on standard error with its line number and the run goes on.",
        "A file output appears only when the run is complete (until then it is FILE.partial)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every line assessed", "1:some lines rejected (or the input cannot be read, or --audit could not record: "
        + "then the output stays FILE.partial)", "2:rules do not compile"})
final class BatchCommand implements Callable<Integer> {
    @ParentCommand
    NetlmCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "NDJSON patients, one a line; - for standard input.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where the records go; - for standard output.")
    String output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "full",
        description = "full (the assessment JSON, default), summary (one lean JSON line per input line) or csv (one row per input line).")
    BatchFormat format;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write a cohort report (counts per therapy and strength, "
        + "warning, finding value; rejected lines): FILE.md for Markdown, FILE.html for one self-contained page.")
    Path report;

    @Option(names = "--resume", description = "Continue an interrupted run from the last complete record of FILE.partial "
        + "(summary and csv; same input, same format).")
    boolean resume;

    @Option(names = "--progress", negatable = true, description = "Show a progress bar on standard error "
        + "(default: only when standard error is a terminal).")
    Boolean progress;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all available cores).")
    Integer threads;

    @Mixin
    RulesOption rules;

    @Mixin
    InputOptions inputFormat;

    @Mixin
    AuditOption audit;

    @Option(names = "--explain", description = "Include the why / why-not explanations in every line of the full format "
        + "(off by default: cohort audits need the recommendations, and the lines stay small).")
    boolean explain;

    @Override
    public Integer call() throws IOException {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "--threads must be at least 1, was " + n);
        }
        boolean stdin = "-".equals(input);
        boolean stdout = "-".equals(output);
        Path in = stdin ? null : Path.of(input);
        Path out = stdout ? null : Path.of(output);
        checkFiles(in, out);
        if (explain && format != BatchFormat.FULL) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "--explain applies to --format full only");
        }
        if (resume && (stdout || !format.oneRecordPerLine())) {
            throw new CliException(ErrorHandler.INVALID_INPUT, stdout ? "--resume needs an output file, not -"
                : "--resume needs --format summary or csv (they write one record for every input line; full skips rejected lines)");
        }
        inputFormat.check();
        try (AuditOption.Recorder recorder = audit.open("batch")) {
            return run(n, in, out, stdin, recorder);
        }
    }

    private int run(int n, Path in, Path out, boolean stdin, AuditOption.Recorder recorder) throws IOException {
        BatchJob job = new BatchJob(rules.engine(), format).threads(n).parser(inputFormat.lineParser())
            .options(explain ? AssessOptions.DEFAULT : AssessOptions.withoutExplanations())
            .report(report).resume(resume).recorder(audit.enabled() ? recorder::recordAll : null);
        PrintWriter err = spec.commandLine().getErr();
        boolean showProgress = progress != null ? progress : System.console() != null;
        ProgressBar bar = showProgress ? new ProgressBar(err, in == null || !Files.isRegularFile(in) ? null : in) : null;
        if (bar != null) {
            job.progress(bar::update, 250);
        }
        job.rejects(line -> {
            if (bar != null) {
                bar.clear();
            }
            err.println(line);
            err.flush();
        });
        String name = stdin ? PatientReader.STDIN_NAME : input;
        BatchJob.Result result;
        try (InputStream raw = stdin ? cli.stdin() : Files.newInputStream(in)) {
            if (out != null) {
                // Ctrl-C: the JVM stops the run; say where the records are and how to continue
                Thread interrupted = new Thread(() -> {
                    err.println();
                    err.println("batch: interrupted; the records written so far are in " + PartialOutput.partialOf(out)
                        + (format.oneRecordPerLine() ? ": run the same command with --resume to continue" : ""));
                    err.flush();
                });
                Runtime.getRuntime().addShutdownHook(interrupted);
                try {
                    result = job.toFile(raw, name, out);
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(interrupted);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running or about to: nothing to undo
                    }
                }
            } else {
                // bytes straight to the process's standard output; otherwise (in-process use) text through its writer
                OutputStream bytes = cli.consoleBytes(spec.commandLine().getOut());
                spec.commandLine().getOut().flush();
                result = job.toStream(raw, name, bytes != null ? bytes : new TextOutput(spec.commandLine().getOut()));
            }
            if (bar != null) {
                bar.finish(result.summary().read(), result.summary().seconds());
            }
        } finally {
            if (bar != null) {
                bar.clear();
            }
        }
        err.println("batch: " + result.describe() + (result.summary().rejected() > 0 ? " (rejected lines listed above)" : ""));
        err.flush();
        return result.rejected() == 0 ? ErrorHandler.OK : ErrorHandler.INVALID_INPUT;
    }

    private void checkFiles(Path in, Path out) throws IOException {
        if (in != null && Files.isDirectory(in)) {
            throw new CliException(ErrorHandler.INVALID_INPUT, input + ": is a folder, not an NDJSON file");
        }
        if (in != null && !Files.isReadable(in)) {
            throw new CliException(ErrorHandler.INVALID_INPUT, input + ": " + (Files.exists(in) ? "cannot read" : "no such file"));
        }
        if (in != null && out != null && Files.exists(out) && Files.isSameFile(in, out)) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "--output is the input file " + input + ": choose another file");
        }
        if (out != null && Files.isDirectory(out)) {
            throw new CliException(ErrorHandler.INVALID_INPUT, output + ": is a folder; --output names a file");
        }
        if (report != null) {
            if (CohortReport.Style.forFile(report) == null) {
                throw new CliException(ErrorHandler.INVALID_INPUT, "--report " + report + ": the name must end in .md or .html");
            }
            if (out != null && report.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())
                || in != null && Files.exists(report) && Files.isSameFile(in, report)) {
                throw new CliException(ErrorHandler.INVALID_INPUT, "--report " + report + ": is the input or the output file");
            }
        }
        if (out != null && resume && !Files.exists(PartialOutput.partialOf(out))) {
            spec.commandLine().getErr().println("batch: no " + PartialOutput.partialOf(out) + " to resume: starting from the first line");
        }
    }

}
