package org.netlm.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.netlm.batch.CohortReport;
import org.netlm.batch.Outcome;
import org.netlm.engine.NetlmEngine;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import org.netlm.testing.CohortGenerator;
import org.netlm.testing.Patients;
import org.netlm.validation.InvalidPatientException;

/**
 * Output before and after a refactoring, byte for byte: 3,000 generated patients (1,500 plausible ones of the
 * {@link CohortGenerator}, 1,500 drawn from {@link Patients#valid()}) assessed with the bundled rules and written in
 * every per-patient format (full JSON with explanations, text with explanations, CSV row, summary line), followed by
 * the batch cohort report in both styles.
 *
 * <p>Run on demand, not in the normal build (the baseline is a file of the developer's, under {@code target/}):
 * <pre>
 * git checkout BASE &amp;&amp; mvn -o -q test -Dtest=GoldenOutputTest -Dnetlm.golden.record=true   # writes the baseline
 * git checkout WORK &amp;&amp; mvn -o -q test -Dtest=GoldenOutputTest                              # compares with it
 * </pre>
 * Without a baseline the test is skipped. The output of this run is kept next to the baseline ({@code current.txt}) to
 * diff when it differs.
 */
class GoldenOutputTest {
    static final Path DIR = Path.of(System.getProperty("netlm.golden.dir", "target/golden"));
    static final Path BASELINE = DIR.resolve("baseline.txt");
    static final Path CURRENT = DIR.resolve("current.txt");
    static final int EACH = 1500;

    @Test
    void everyOutputFormatIsByteIdenticalToTheBaseline() throws IOException {
        boolean record = Boolean.getBoolean("netlm.golden.record");
        if (!record) {
            assumeThat(Files.exists(BASELINE)).as("no golden baseline at " + BASELINE + " (record one with -Dnetlm.golden.record=true)")
                .isTrue();
        }
        Files.createDirectories(DIR);
        Path out = record ? BASELINE : CURRENT;
        int assessed = write(out);

        assertThat(assessed).as("patients assessed (not rejected)").isGreaterThan(2 * EACH * 9 / 10);
        if (!record) {
            assertIdentical(BASELINE, CURRENT);
        }
    }

    /** Writes every format of every patient to {@code file}; returns how many patients were assessed. */
    static int write(Path file) throws IOException {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        List<PatientCase> patients = new ArrayList<>(Patients.sample(20261130L, EACH));
        CohortGenerator cohort = new CohortGenerator(CohortGenerator.SEED);
        for (int i = 1; i <= EACH; i++) {
            patients.add(PatientJson.fromTree(cohort.next(String.format(Locale.ROOT, "coh-%05d", i))));
        }
        CohortReport report = new CohortReport("golden");
        int assessed = 0;
        try (OutputStream bytes = Files.newOutputStream(file);
             Writer w = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
            long line = 0;
            for (PatientCase p : patients) {
                line++;
                w.write("=== " + line + " " + p.getId() + "\n");
                Assessment a;
                try {
                    a = engine.assess(p);
                } catch (InvalidPatientException e) {
                    w.write("rejected: " + e.getMessage() + "\n");
                    report.accept(new Outcome<>(line, p.getId(), null, List.of(e.getMessage()), null, null));
                    continue;
                }
                assessed++;
                report.accept(new Outcome<>(line, p.getId(), a, List.of(), null, p));
                w.write(AssessmentJson.toJson(a));
                w.write("\n--- text\n");
                w.write(AssessmentText.format(a, true));
                ByteLines row = new ByteLines(1024);
                AssessmentCsv.writeRow(line, a, row);
                AssessmentSummaryJson.writeLine(line, a, row);
                w.write("--- csv, summary\n");
                w.write(new String(row.copy(0), StandardCharsets.UTF_8));
            }
            for (CohortReport.Style style : CohortReport.Style.values()) {
                w.write("=== cohort report " + style + "\n");
                w.write(report.render(style));
            }
        }
        return assessed;
    }

    static void assertIdentical(Path expected, Path actual) throws IOException {
        if (Files.mismatch(expected, actual) == -1) {
            return;
        }
        try (BufferedReader e = Files.newBufferedReader(expected, StandardCharsets.UTF_8);
             BufferedReader a = Files.newBufferedReader(actual, StandardCharsets.UTF_8)) {
            String block = "";
            for (long n = 1; ; n++) {
                String el = e.readLine();
                String al = a.readLine();
                if (el != null && el.startsWith("=== ")) {
                    block = el;
                }
                if (el == null && al == null) {
                    fail("output differs from the baseline in line ends only; diff " + expected + " " + actual);
                }
                if (!Objects.equals(el, al)) {
                    assertThat(al == null ? "(end of output)" : al)
                        .as("output differs from the baseline first at line " + n + " (" + block + "); diff " + expected + " " + actual)
                        .isEqualTo(el == null ? "(end of output)" : el);
                }
            }
        }
    }
}
