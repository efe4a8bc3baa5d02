package org.netlm.io;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.netlm.model.Assessment;
import org.netlm.model.Recommendation;
import org.netlm.model.Warning;

/**
 * The lean NDJSON line of {@code batch --format summary}: one line per input line, for a cohort. An assessed patient:
 * <pre>{@code {"line":3,"patientId":"p1","rulesetVersion":"…","findings":{…},
 *  "recommendations":[{"therapy":"RADICAL_RESECTION","strength":"RECOMMENDED","ruleId":"SURG-01"}],
 *  "warnings":["SSTR_STATUS_UNKNOWN"],"disclaimer":"…"}}</pre>
 * a rejected line: {@code {"line":5,"patientId":"p3","errors":["in.ndjson:5: patient p3: ki67Percent = 140: …"],"disclaimer":"…"}}
 * ({@code patientId} left out when it could not be read). Field names are those of the full assessment JSON
 * ({@link AssessmentJson}); findings are written by the same code. Docs: docs/batch.md.
 */
public final class AssessmentSummaryJson {
    /** The input line number (1-based, blank lines counted), in every summary line and CSV row. */
    public static final String LINE = "line";
    public static final String PATIENT_ID = "patientId";
    public static final String RULESET_VERSION = "rulesetVersion";
    public static final String KNOWLEDGE_VERSION = "knowledgeVersion";
    public static final String WARNINGS = "warnings";
    /** The problems of a rejected line (absent, or an empty CSV cell, for an assessed patient). */
    public static final String ERRORS = "errors";
    public static final String DISCLAIMER = "disclaimer";

    private AssessmentSummaryJson() {
    }

    /** Appends the summary line of an assessed patient (and {@code \n}) to {@code out}, in UTF-8. */
    public static void writeLine(long line, Assessment a, ByteLines out) {
        Utf8Lines lines = Utf8Lines.current();
        Writer w = lines.begin();
        try (JsonGenerator g = AssessmentJson.generator(w, false)) {
            write(line, a, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the buffer does not fail
        }
        end(lines, w, out);
    }

    /** Appends the summary line of a rejected input line (and {@code \n}) to {@code out}, in UTF-8. */
    public static void writeRejectedLine(long line, String patientId, List<String> errors, ByteLines out) {
        Utf8Lines lines = Utf8Lines.current();
        Writer w = lines.begin();
        try (JsonGenerator g = AssessmentJson.generator(w, false)) {
            g.writeStartObject();
            g.writeNumberField(LINE, line);
            if (patientId != null) {
                g.writeStringField(PATIENT_ID, patientId);
            }
            g.writeArrayFieldStart(ERRORS);
            for (String e : errors) {
                g.writeString(e);
            }
            g.writeEndArray();
            g.writeStringField(DISCLAIMER, Assessment.DISCLAIMER);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        end(lines, w, out);
    }

    private static void end(Utf8Lines lines, Writer w, ByteLines out) {
        try {
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.finish(out);
    }

    /** Writes the summary object of an assessed patient. */
    static void write(long line, Assessment a, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField(LINE, line);
        g.writeStringField(PATIENT_ID, a.patientId());
        g.writeStringField(RULESET_VERSION, a.rulesetVersion());
        String knowledge = a.knowledgeVersion();
        if (knowledge != null) {
            g.writeStringField(KNOWLEDGE_VERSION, knowledge);
        }
        AssessmentJson.writeFindings(a.findings(), g);
        g.writeArrayFieldStart("recommendations");
        for (Recommendation r : a.recommendations()) {
            g.writeStartObject();
            g.writeStringField("therapy", r.therapy().name());
            g.writeStringField("strength", r.strength().name());
            g.writeStringField("ruleId", r.ruleId());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart(WARNINGS);
        for (Warning w : a.warnings()) {
            g.writeString(w.code().name());
        }
        g.writeEndArray();
        g.writeStringField(DISCLAIMER, a.disclaimer());
        g.writeEndObject();
    }
}
