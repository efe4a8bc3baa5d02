package org.netlm.workbench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.netlm.engine.NetlmEngine;
import org.netlm.impact.CohortFiles;
import org.netlm.impact.ImpactAnalysis;
import org.netlm.impact.ImpactHtml;
import org.netlm.impact.ImpactJson;
import org.netlm.impact.ImpactReport;
import org.netlm.io.PatientInput;
import org.netlm.io.PatientJson;
import org.netlm.io.PatientReader;

/**
 * The impact panel: the rules being edited compared with another rule set on the cohort, by the {@code impact}
 * pipeline itself ({@link ImpactAnalysis} on {@link CohortFiles}), rendered by its JSON writer and its chart; the
 * example patients are sent along as patient JSON so that the page can open them in the what-if panel.
 */
final class ImpactRunner {
    /** Example patients per kind of change. */
    static final int EXAMPLES = 3;

    private final List<Path> cohort;
    private final int threads;
    private final AtomicBoolean running = new AtomicBoolean();

    ImpactRunner(List<Path> cohort, int threads) {
        this.cohort = List.copyOf(cohort);
        this.threads = threads;
    }

    /** Whether every cohort path exists. */
    boolean cohortAvailable() {
        return !cohort.isEmpty() && cohort.stream().allMatch(Files::exists);
    }

    List<Path> cohort() {
        return cohort;
    }

    /** A comparison is already running. */
    static final class Busy extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Compares {@code before} and {@code after} on the cohort: {@code {report, chartSvg, patients: {id: patient}}}.
     *
     * @throws Busy when another comparison runs
     */
    ObjectNode run(NetlmEngine before, NetlmEngine after) throws IOException, Busy {
        if (!running.compareAndSet(false, true)) {
            throw new Busy();
        }
        try {
            ImpactReport report;
            List<Path> files = CohortFiles.files(cohort);
            report = new ImpactAnalysis(before, after, threads, EXAMPLES)
                .run(files, cohort.stream().map(Path::toString).toList(), m -> { });
            ObjectNode out = PatientJson.sharedMapper().createObjectNode();
            out.set("report", PatientJson.sharedMapper().readTree(ImpactJson.render(report)));
            out.put("chartSvg", report.therapyChanges().isEmpty() ? "" : ImpactHtml.chart(report.therapyChanges()));
            ObjectNode patients = out.putObject("patients");
            Set<String> wanted = new HashSet<>();
            report.allChanges().forEach(c -> c.examples().forEach(e -> wanted.add(e.patientId())));
            if (!wanted.isEmpty()) {
                for (Path file : files) {
                    List<PatientInput> read = CohortFiles.kind(file) == CohortFiles.Kind.NDJSON
                        ? PatientReader.readAll(file) : CohortFiles.read(file).patients();
                    for (PatientInput in : read) {
                        if (in.isValid() && wanted.contains(in.patientId()) && !patients.has(in.patientId())) {
                            patients.set(in.patientId(), PatientJson.toTree(in.patient()));
                        }
                    }
                }
            }
            return out;
        } finally {
            running.set(false);
        }
    }
}
