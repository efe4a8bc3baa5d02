package org.netlm.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.netlm.engine.AssessOptions;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.LineReader;
import org.netlm.io.PatientReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code batch --input FILE --output FILE}: NDJSON in, NDJSON out (one compact assessment a line, in input
 * order) via {@link BatchRunner}. Rejected lines go to standard error with their line number; progress about
 * once a second and a summary at the end, on standard error. Exit 0, or 1 when any line was rejected.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Assess an NDJSON file (one patient a line) on all cores; write one assessment a line, in input order.",
        "A bad line is reported on standard error with its line number and skipped; the run goes on."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every line assessed", "1:some lines rejected (or the input cannot be read)", "2:rules do not compile"})
final class BatchCommand implements Callable<Integer> {
    @ParentCommand
    NetlmCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "NDJSON patients, one a line; - for standard input.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "NDJSON assessments; - for standard output.")
    String output;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all available cores).")
    Integer threads;

    @Mixin
    RulesOption rules;

    @Mixin
    InputOptions inputFormat;

    @Option(names = "--explain", description = "Include the why / why-not explanations in every output line (off by default: "
        + "cohort audits need the recommendations, and the lines stay small).")
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
        if (in != null && Files.isDirectory(in)) {
            throw new CliException(ErrorHandler.INVALID_INPUT, input + ": is a folder, not an NDJSON file");
        }
        if (in != null && !Files.isReadable(in)) {
            throw new CliException(ErrorHandler.INVALID_INPUT, input + ": " + (Files.exists(in) ? "cannot read" : "no such file"));
        }
        if (in != null && out != null && Files.exists(out) && Files.isSameFile(in, out)) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "--output is the input file " + input + ": choose another file");
        }
        inputFormat.check();
        NetlmEngine engine = rules.engine();
        PrintWriter err = spec.commandLine().getErr();
        String name = stdin ? PatientReader.STDIN_NAME : input;
        CompletableFuture<Long> total = in == null || !Files.isRegularFile(in) ? null
            : CompletableFuture.supplyAsync(() -> countNonBlankLines(in));
        BatchRunner runner = new BatchRunner(engine, n, explain ? AssessOptions.DEFAULT : AssessOptions.withoutExplanations(),
            inputFormat.lineParser());
        BatchRunner.Summary summary;
        java.util.function.Consumer<String> rejects = line -> {
            err.println(line);
            err.flush();
        };
        BatchRunner.Progress shown = (done, seconds) -> {
            err.println(progress(done, total == null ? -1 : total.getNow(-1L), seconds));
            err.flush();
        };
        // UTF-8 bytes rendered on the workers go to a file, or to standard output when it is the process's own;
        // otherwise (in-process use with another writer) text goes through the command line's writer
        OutputStream consoleBytes = stdout ? cli.consoleBytes(spec.commandLine().getOut()) : null;
        try (InputStream raw = stdin ? cli.stdin() : Files.newInputStream(in);
             LineReader lines = new LineReader(PatientReader.utf8(raw), PatientReader.MAX_LINE_LENGTH);
             Writer console = stdout && consoleBytes == null ? new NonClosing(spec.commandLine().getOut()) : null;
             OutputStream file = stdout ? null : new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            if (file != null || consoleBytes != null) {
                spec.commandLine().getOut().flush();
                summary = runner.run(lines, name, file != null ? file : consoleBytes, rejects, shown);
            } else {
                summary = runner.run(lines, name, console, rejects, shown);
            }
        }
        err.println("batch: " + summary.describe() + (summary.rejected() > 0 ? " (rejected lines listed above)" : ""));
        err.flush();
        return summary.rejected() == 0 ? ErrorHandler.OK : ErrorHandler.INVALID_INPUT;
    }

    /**
     * One progress line: {@code batch: 12000 / 100000 (12 %), 4100 patients/s, about 21 s left}; without a
     * known total, {@code batch: 12000 done, 4100 patients/s}.
     */
    static String progress(long done, long total, double seconds) {
        double rate = seconds <= 0 ? 0 : done / seconds;
        if (total <= 0) {
            return String.format(Locale.ROOT, "batch: %d done, %.0f patients/s", done, rate);
        }
        long left = Math.max(0, total - done);
        String eta = rate <= 0 ? "?" : String.format(Locale.ROOT, "%.0f s", left / rate);
        return String.format(Locale.ROOT, "batch: %d / %d (%.0f %%), %.0f patients/s, about %s left",
            done, total, 100.0 * done / total, rate, eta);
    }

    /** Non-blank lines of a file, counted on raw bytes (an NDJSON line is never blank inside). */
    static long countNonBlankLines(Path file) {
        long count = 0;
        boolean content = false;
        byte[] buf = new byte[1 << 16];
        try (InputStream s = Files.newInputStream(file)) {
            for (int r = s.read(buf); r > 0; r = s.read(buf)) {
                for (int i = 0; i < r; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        if (content) {
                            count++;
                        }
                        content = false;
                    } else if (b != ' ' && b != '\t' && b != '\r') {
                        content = true;
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return content ? count + 1 : count;
    }

    /** Standard output must stay open after the run. */
    private static final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
