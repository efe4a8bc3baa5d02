package org.netlm.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.netlm.model.Assessment;
import org.netlm.model.Citation;
import org.netlm.model.Criterion;
import org.netlm.model.Findings;
import org.netlm.model.Opinion;
import org.netlm.model.Recommendation;
import org.netlm.model.Warning;

/**
 * {@link Assessment} to the Assessment JSON of interface.md, written with Jackson's streaming generator.
 * Field order is fixed (the order of the sections below), so equal assessments give byte-identical text.
 * Pretty output indents with two spaces and ends lines with {@code \n} on every platform.
 *
 * <p>Each section has a method of its own; a new section is one more method called from {@link #write}.
 */
public final class AssessmentJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private AssessmentJson() {
    }

    /** The assessment as indented JSON (no trailing newline). */
    public static String toJson(Assessment a) {
        return render(a, true);
    }

    /** The assessment as JSON on one line (for NDJSON; no trailing newline). */
    public static String toCompactJson(Assessment a) {
        return render(a, false);
    }

    private static String render(Assessment a, boolean pretty) {
        StringWriter out = new StringWriter(pretty ? 4096 : 2048);
        try (JsonGenerator g = generator(out, pretty)) {
            write(a, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * A generator on {@code out} with the settings of this writer ({@code pretty}: indented, {@code \n} line ends).
     * The caller closes it; closing does not close {@code out}.
     */
    public static JsonGenerator generator(Writer out, boolean pretty) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        if (pretty) {
            g.setPrettyPrinter(PRETTY.createInstance());
        }
        return g;
    }

    /** Writes one assessment as a JSON object. */
    public static void write(Assessment a, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("patientId", a.patientId());
        g.writeStringField("rulesetVersion", a.rulesetVersion());
        writeFindings(a.findings(), g);
        writeRecommendations(a.recommendations(), g);
        writeWarnings(a.warnings(), g);
        writeFiredRules(a.firedRules(), g);
        writeCriteria(a.criteria(), g);
        g.writeStringField("disclaimer", a.disclaimer());
        g.writeEndObject();
    }

    /** Writes several assessments as a JSON array. */
    public static void writeArray(List<Assessment> assessments, JsonGenerator g) throws IOException {
        g.writeStartArray();
        for (Assessment a : assessments) {
            write(a, g);
        }
        g.writeEndArray();
    }

    /** {@code "findings": {…}}: every derived finding by its JSON name ({@link Findings#asMap()}); booleans as JSON booleans. */
    static void writeFindings(Findings findings, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("findings");
        if (findings != null) {
            for (Map.Entry<String, String> e : findings.asMap().entrySet()) {
                String v = e.getValue();
                if ("true".equals(v) || "false".equals(v)) {
                    g.writeBooleanField(e.getKey(), Boolean.parseBoolean(v));
                } else {
                    g.writeStringField(e.getKey(), v);
                }
            }
        }
        g.writeEndObject();
    }

    /** {@code "recommendations": [...]}: one object per therapy, with its evidence, opinions and limits. */
    static void writeRecommendations(List<Recommendation> recommendations, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("recommendations");
        for (Recommendation r : recommendations) {
            g.writeStartObject();
            g.writeStringField("therapy", r.therapy().name());
            g.writeStringField("strength", r.strength().name());
            g.writeStringField("rationale", r.rationale());
            writeEvidence(r.evidence(), g);
            g.writeStringField("ruleId", r.ruleId());
            writeOpinions(r.opinions(), g);
            g.writeArrayFieldStart("limits");
            for (String limit : r.limits()) {
                g.writeString(limit);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code "evidence": [{label, doi, pmid}]}; an identifier that is not verified ({@code null}) is left out. */
    static void writeEvidence(List<Citation> evidence, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("evidence");
        for (Citation c : evidence) {
            g.writeStartObject();
            g.writeStringField("label", c.label());
            if (c.doi() != null) {
                g.writeStringField("doi", c.doi());
            }
            if (c.pmid() != null) {
                g.writeStringField("pmid", c.pmid());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code "opinions": [{strength, ruleId, rationale}]}: every rule's view on the therapy, the deciding one first. */
    static void writeOpinions(List<Opinion> opinions, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("opinions");
        for (Opinion o : opinions) {
            g.writeStartObject();
            g.writeStringField("strength", o.strength().name());
            g.writeStringField("ruleId", o.ruleId());
            g.writeStringField("rationale", o.rationale());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code "warnings": [{code, message}]}. */
    static void writeWarnings(List<Warning> warnings, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("warnings");
        for (Warning w : warnings) {
            g.writeStartObject();
            g.writeStringField("code", w.code().name());
            g.writeStringField("message", w.message());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code "firedRules": [...]}: rule ids in firing order. */
    static void writeFiredRules(List<String> firedRules, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("firedRules");
        for (String id : firedRules) {
            g.writeString(id);
        }
        g.writeEndArray();
    }

    /** {@code "criteria": [{code, state, basis}]}: every named criterion and the input values behind its state. */
    static void writeCriteria(List<Criterion> criteria, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("criteria");
        for (Criterion c : criteria) {
            g.writeStartObject();
            g.writeStringField("code", c.getCode().name());
            g.writeStringField("state", c.getState().name());
            g.writeStringField("basis", c.getBasis());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
