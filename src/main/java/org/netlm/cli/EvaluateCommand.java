package org.netlm.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.AssessmentJson;
import org.netlm.io.AssessmentText;
import org.netlm.io.PatientInput;
import org.netlm.io.PatientInputException;
import org.netlm.io.PatientSource;
import org.netlm.io.SourceReport;
import org.netlm.model.Assessment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: assesses every patient of the files. JSON: one object when the input held one patient,
 * else an array (of the valid patients' assessments). Every violation goes to standard error, one line each;
 * the valid patients are still assessed. Exit 0, 1 when any input was invalid, 2 when the rules do not compile.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Assess patients and print the recommendations.",
        "A file holds one patient object, an array of them, or NDJSON (one object a line); - reads standard input.",
        "With --input-format fhir: one FHIR R4 Bundle per file, or NDJSON of Bundles; the JSON gains a 'mapping' section."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every patient assessed", "1:invalid input (each violation on standard error)", "2:rules do not compile"})
final class EvaluateCommand implements Callable<Integer> {
    enum Format { json, text }

    @ParentCommand
    NetlmCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RulesOption rules;

    @Mixin
    InputOptions input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
        description = "json (default) or text (for reading at the tumour board).")
    Format format;

    @Option(names = "--explain",
        description = "With --format text: add why each recommendation was made and why each other therapy is not on offer "
            + "(the JSON always carries the explanations section).")
    boolean explain;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Patient files; - for standard input.")
    List<String> files;

    @Override
    public Integer call() throws IOException {
        input.check();
        NetlmEngine engine = rules.engine();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Sink sink = format == Format.text ? new TextSink(out, explain) : new JsonSink(out);
        boolean invalid = false;
        for (String file : files) {
            try (PatientSource reader = input.open(file, cli.stdin())) {
                for (PatientInput p = reader.next(); p != null; p = reader.next()) {
                    if (p.isValid()) {
                        sink.add(engine.assess(p.patient()), p.report());
                    } else {
                        p.describeViolations().forEach(err::println);
                        sink.add(null, null);
                        invalid = true;
                    }
                }
            } catch (PatientInputException e) {
                err.println(e.getMessage());
                invalid = true;
            } catch (IOException e) {
                err.println(file + ": cannot read: " + ErrorHandler.reason(e));
                invalid = true;
            }
        }
        sink.finish();
        out.flush();
        err.flush();
        return invalid ? ErrorHandler.INVALID_INPUT : ErrorHandler.OK;
    }

    /** Receives each patient's assessment in input order ({@code null} for a rejected patient), with the source's report. */
    private interface Sink {
        void add(Assessment a, SourceReport report) throws IOException;

        void finish() throws IOException;
    }

    /**
     * One object for one patient, an array for several: the first assessment waits until a second patient
     * shows up (or the input ends), then everything streams.
     */
    private static final class JsonSink implements Sink {
        private final PrintWriter out;
        private final JsonGenerator g;
        private int seen;
        private Assessment first;
        private SourceReport firstReport;

        JsonSink(PrintWriter out) throws IOException {
            this.out = out;
            this.g = AssessmentJson.generator(out, true);
        }

        @Override
        public void add(Assessment a, SourceReport report) throws IOException {
            seen++;
            if (seen == 1) {
                first = a;
                firstReport = report;
                return;
            }
            if (seen == 2) {
                g.writeStartArray();
                if (first != null) {
                    AssessmentJson.write(first, firstReport, g);
                }
                first = null;
            }
            if (a != null) {
                AssessmentJson.write(a, report, g);
            }
        }

        @Override
        public void finish() throws IOException {
            if (seen > 1) {
                g.writeEndArray();
            } else if (first != null) {
                AssessmentJson.write(first, firstReport, g);
            }
            g.close();
            if (seen > 1 || first != null) {
                out.print('\n');
            }
        }
    }

    /** Each assessment as text, separated by a rule. */
    private static final class TextSink implements Sink {
        private final PrintWriter out;
        private int written;

        private final boolean explain;

        TextSink(PrintWriter out, boolean explain) {
            this.out = out;
            this.explain = explain;
        }

        @Override
        public void add(Assessment a, SourceReport report) {
            if (a == null) {
                return;
            }
            if (written++ > 0) {
                out.print("\n" + "=".repeat(72) + "\n\n");
            }
            out.print(AssessmentText.format(a, explain, report));
        }

        @Override
        public void finish() {
            out.flush();
        }
    }
}
