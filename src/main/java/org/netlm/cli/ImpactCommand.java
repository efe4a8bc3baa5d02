package org.netlm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.netlm.engine.NetlmEngine;
import org.netlm.impact.CohortFiles;
import org.netlm.impact.ImpactAnalysis;
import org.netlm.impact.ImpactFormat;
import org.netlm.impact.ImpactReport;
import org.netlm.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code impact --before DIR|bundled --after DIR --cohort FILE…}: which patients' findings, recommendations and
 * warnings an edit of the rules changes ({@link ImpactAnalysis}). Exit 0 nothing changed, 3 something changed,
 * 1 bad input, 2 rules do not compile.
 */
@Command(name = "impact", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Assess every patient of a cohort with two rule sets and report what the edit changes:",
        "patients changed, transitions per therapy, findings, warnings, the rules whose firing changed, and examples with the why of both sides."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:nothing changed", "3:some patient's assessment changed", "1:bad input (cohort or options)",
        "2:rules do not compile"})
final class ImpactCommand implements Callable<Integer> {
    /** Exit code when the edit changes some patient's assessment. */
    static final int CHANGED = 3;
    /** The value of --before that names the rules bundled in the jar. */
    static final String BUNDLED = "bundled";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--before", required = true, paramLabel = "DIR|bundled", description = "The rules before the edit: a folder, or 'bundled'.")
    String before;

    @Option(names = "--after", required = true, paramLabel = "DIR", description = "The rules after the edit (a folder, or 'bundled').")
    String after;

    @Option(names = "--cohort", required = true, arity = "1..*", paramLabel = "FILE",
        description = "Patients (JSON, array or NDJSON), scenario files, or folders of them (e.g. examples/cohort); "
            + "with --input-format fhir, FHIR Bundles (one a file, or NDJSON of them).")
    List<Path> cohort;

    @Mixin
    InputOptions input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default), json, markdown or html.")
    ImpactFormat format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE (atomically) instead of standard output.")
    Path output;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "3", description = "Example patients per kind of change (default 3).")
    int examples;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all available cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1 || examples < 0) {
            throw new CliException(ErrorHandler.INVALID_INPUT, n < 1 ? "--threads must be at least 1, was " + n
                : "--examples must be at least 0, was " + examples);
        }
        input.check();
        List<Path> files;
        try {
            files = CohortFiles.files(cohort);
        } catch (NoSuchFileException e) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "--cohort: no such file: " + e.getFile());
        }
        if (files.isEmpty()) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "--cohort: no .json or .ndjson file in " + cohort);
        }
        NetlmEngine b = engine(before);
        NetlmEngine a = engine(after);
        PrintWriter err = spec.commandLine().getErr();
        ImpactReport report = new ImpactAnalysis(b, a, n, examples).run(files, input.cohortFormat(), describe(cohort, files), m -> {
            err.println(m);
            err.flush();
        });
        String text = format.render(report);
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            AtomicFiles.writeString(output, text);
            err.println("impact: report written to " + output);
        }
        err.println("impact: " + report.changed() + " of " + report.patients() + " patients changed"
            + (report.rejected() > 0 ? ", " + report.rejected() + " could not be assessed (listed above)" : ""));
        err.flush();
        if (report.rejected() > 0) {
            return ErrorHandler.INVALID_INPUT;
        }
        return report.anyChange() ? CHANGED : ErrorHandler.OK;
    }

    /** The cohort as given, a folder with the number of files read from it. */
    private static List<String> describe(List<Path> given, List<Path> files) {
        return given.stream().map(p -> Files.isDirectory(p)
            ? p + " (" + count(files.stream().filter(f -> f.startsWith(p)).count(), "file") + ")" : p.toString()).toList();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static NetlmEngine engine(String rules) {
        return BUNDLED.equals(rules) && !Files.isDirectory(Path.of(rules)) ? NetlmCli.engine(null) : NetlmCli.engine(Path.of(rules));
    }
}
