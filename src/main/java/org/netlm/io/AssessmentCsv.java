package org.netlm.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.netlm.model.Assessment;
import org.netlm.model.Finding;
import org.netlm.model.Findings;
import org.netlm.model.Recommendation;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;

/**
 * The CSV of {@code batch --format csv}: a header, then one row per input line, written with Jackson's CSV generator
 * (RFC 4180 quoting: a value holding a comma, a quote or a line break is quoted, quotes doubled), UTF-8, rows ended
 * by {@code \n}. Columns ({@link #COLUMNS}), from the vocabularies of the model, not from a list of their own:
 * {@code line}, {@code patientId}, {@code rulesetVersion}, {@code knowledgeVersion}, one column per finding
 * ({@link Findings#NAMES}), one per therapy ({@link Therapy}, in enum order) holding its resolved strength (empty
 * when no rule spoke about it), {@code warnings} (the warning codes, separated by {@value #LIST_SEPARATOR}),
 * {@code errors} (the problems of a rejected line; empty for an assessed patient), {@code disclaimer}.
 * A rejected line is a row with its line, the patient id when it could be read, and {@code errors}; every other
 * cell empty. Docs: docs/batch.md.
 */
public final class AssessmentCsv {
    /** Separates the warning codes (and the problems of a rejected line) inside one cell. */
    public static final String LIST_SEPARATOR = ";";

    /** Every column, in order. */
    public static final List<String> COLUMNS = columns();

    private static final int FIRST_FINDING = 4;
    private static final int FIRST_THERAPY = FIRST_FINDING + Findings.NAMES.size();
    private static final int WARNINGS_COLUMN = FIRST_THERAPY + Therapy.values().length;

    /** Quotes exactly the values that need it (by default Jackson quotes every value longer than 24 characters). */
    private static final CsvFactory FACTORY = CsvFactory.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema ROWS = CsvSchema.emptySchema().withoutHeader().withLineSeparator("\n");
    private static final ThreadLocal<CsvGenerator> GENERATORS = ThreadLocal.withInitial(AssessmentCsv::newGenerator);

    private AssessmentCsv() {
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of(AssessmentSummaryJson.LINE, AssessmentSummaryJson.PATIENT_ID,
            AssessmentSummaryJson.RULESET_VERSION, AssessmentSummaryJson.KNOWLEDGE_VERSION));
        c.addAll(Findings.NAMES);
        for (Therapy t : Therapy.values()) {
            c.add(t.name());
        }
        c.addAll(List.of(AssessmentSummaryJson.WARNINGS, AssessmentSummaryJson.ERRORS, AssessmentSummaryJson.DISCLAIMER));
        return Collections.unmodifiableList(c);
    }

    /** Appends the header row to {@code out}. */
    public static void writeHeader(ByteLines out) {
        writeRow(COLUMNS.toArray(String[]::new), out);
    }

    /** Appends the row of an assessed patient to {@code out}. */
    public static void writeRow(long line, Assessment a, ByteLines out) {
        writeRow(row(line, a), out);
    }

    /** Appends the row of a rejected input line to {@code out}. */
    public static void writeRejectedRow(long line, String patientId, List<String> errors, ByteLines out) {
        String[] row = emptyRow(line);
        row[1] = patientId == null ? "" : patientId;
        row[WARNINGS_COLUMN + 1] = String.join(LIST_SEPARATOR + " ", errors);
        row[WARNINGS_COLUMN + 2] = Assessment.DISCLAIMER;
        writeRow(row, out);
    }

    /** The cells of an assessed patient's row, in {@link #COLUMNS} order. */
    static String[] row(long line, Assessment a) {
        String[] row = emptyRow(line);
        row[1] = a.patientId();
        row[2] = a.rulesetVersion();
        String knowledge = a.knowledgeVersion();
        row[3] = knowledge == null ? "" : knowledge;
        if (a.findings() != null) {
            for (Finding f : Finding.values()) {
                row[FIRST_FINDING + f.ordinal()] = a.findings().text(f).orElse("");
            }
        }
        for (Recommendation r : a.recommendations()) {
            row[FIRST_THERAPY + r.therapy().ordinal()] = r.strength().name();
        }
        row[WARNINGS_COLUMN] = a.warnings().stream().map(w -> w.code().name()).collect(Collectors.joining(LIST_SEPARATOR));
        row[WARNINGS_COLUMN + 2] = a.disclaimer();
        return row;
    }

    private static String[] emptyRow(long line) {
        String[] row = new String[COLUMNS.size()];
        Arrays.fill(row, "");
        row[0] = Long.toString(line);
        return row;
    }

    private static void writeRow(String[] cells, ByteLines out) {
        Utf8Lines lines = Utf8Lines.current();
        lines.begin();
        CsvGenerator g = GENERATORS.get();
        try {
            g.writeStartArray();
            for (String cell : cells) {
                g.writeString(cell);
            }
            g.writeEndArray();
            g.flush();
        } catch (IOException e) {
            GENERATORS.remove(); // a generator that failed half-way is not reused
            throw new UncheckedIOException(e);
        }
        lines.finish(out);
    }

    /** A generator bound to the calling thread's line buffer, for the life of the thread. */
    private static CsvGenerator newGenerator() {
        try {
            CsvGenerator g = FACTORY.createGenerator(Utf8Lines.current().writer());
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setSchema(ROWS);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
