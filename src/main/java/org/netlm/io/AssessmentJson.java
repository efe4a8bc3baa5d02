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
import org.netlm.model.Finding;
import org.netlm.model.Findings;
import org.netlm.model.MissingInput;
import org.netlm.model.Opinion;
import org.netlm.model.Recommendation;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.model.explanation.DerivedCriterion;
import org.netlm.model.explanation.Explanations;
import org.netlm.model.explanation.FiredRule;
import org.netlm.model.explanation.LimitExplanation;
import org.netlm.model.explanation.OfferingRuleCheck;
import org.netlm.model.explanation.UnmetRequirement;
import org.netlm.model.explanation.Why;
import org.netlm.model.explanation.WhyNot;

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
        return render(a, null, true);
    }

    /** The assessment as JSON on one line (for NDJSON; no trailing newline). */
    public static String toCompactJson(Assessment a) {
        return render(a, null, false);
    }

    /** As {@link #toCompactJson(Assessment)}, with the source's report after the fixed fields ({@code null}: none). */
    public static String toCompactJson(Assessment a, SourceReport report) {
        return render(a, report, false);
    }

    /**
     * Appends the assessment as one NDJSON line to {@code out}: exactly the bytes of {@link #toCompactJson(Assessment)}
     * and {@code \n} through a UTF-8 {@link java.io.OutputStreamWriter}, with the text and byte buffers reused by the
     * calling thread (the batch workers render their lines with it).
     */
    public static void writeCompactLine(Assessment a, ByteLines out) {
        Utf8Lines.current().append(a, null, out);
    }

    /** As {@link #writeCompactLine(Assessment, ByteLines)}, with the source's report after the fixed fields ({@code null}: none). */
    public static void writeCompactLine(Assessment a, SourceReport report, ByteLines out) {
        Utf8Lines.current().append(a, report, out);
    }

    private static String render(Assessment a, SourceReport report, boolean pretty) {
        StringWriter out = new StringWriter(pretty ? 4096 : 2048);
        try (JsonGenerator g = generator(out, pretty)) {
            write(a, report, g);
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
        write(a, null, g);
    }

    /**
     * Writes one assessment as a JSON object, followed (after the fixed fields of interface.md) by the source's report as
     * member {@link SourceReport#jsonName()} (e.g. {@code mapping}); {@code report} {@code null}: none.
     */
    public static void write(Assessment a, SourceReport report, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("patientId", a.patientId());
        g.writeStringField("rulesetVersion", a.rulesetVersion());
        g.writeStringField("knowledgeVersion", a.knowledgeVersion());
        writeFindings(a.findings(), g);
        writeRecommendations(a.recommendations(), g);
        writeWarnings(a.warnings(), g);
        writeFiredRules(a.firedRules(), g);
        writeMissingInputs(a.explanations(), g);
        writeCriteria(a.criteria(), g);
        writeExplanations(a.explanations(), g);
        g.writeStringField("disclaimer", a.disclaimer());
        if (report != null) {
            g.writeFieldName(report.jsonName());
            report.writeJson(g);
        }
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

    /** {@code "findings": {…}}: every derived finding by its JSON name ({@link Finding#key()}); booleans as JSON booleans. */
    static void writeFindings(Findings findings, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("findings");
        if (findings != null) {
            for (Map.Entry<Finding, Object> e : findings.values().entrySet()) {
                if (e.getValue() instanceof Boolean b) {
                    g.writeBooleanField(e.getKey().key(), b);
                } else {
                    g.writeStringField(e.getKey().key(), Findings.textOf(e.getValue()));
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
        writeStrings("firedRules", firedRules, g);
    }

    /**
     * {@code "missingInputs": [{finding, fields, criteria, decides}]}: per group of missing input fields, the therapies
     * that data would decide ({@link Explanations#missingInputs()}); an empty list when nothing missing decides
     * anything. Left out, like the explanations it is drawn from, when the assessment was made without them.
     */
    static void writeMissingInputs(Explanations e, JsonGenerator g) throws IOException {
        if (e == null || e.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("missingInputs");
        for (MissingInput m : e.missingInputs()) {
            g.writeStartObject();
            g.writeStringField("finding", m.finding());
            writeStrings("fields", m.fields(), g);
            writeStrings("criteria", m.criteria().stream().map(Enum::name).toList(), g);
            writeStrings("decides", m.decides().stream().map(Enum::name).toList(), g);
            g.writeEndObject();
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

    /**
     * {@code "explanations": {THERAPY: {"why": …, "whyNot": …}}}, keyed by therapy in enum order: why each
     * recommendation was made and why each other therapy is not on offer. Left out when the assessment was made
     * without explanations ({@link org.netlm.engine.AssessOptions#withoutExplanations()}).
     */
    static void writeExplanations(Explanations e, JsonGenerator g) throws IOException {
        if (e == null || e.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("explanations");
        for (Therapy t : e.therapies()) {
            g.writeObjectFieldStart(t.name());
            Why why = e.why(t).orElse(null);
            if (why != null) {
                g.writeObjectFieldStart("why");
                g.writeStringField("strength", why.strength().name());
                g.writeFieldName("deciding");
                writeFiredRule(why.deciding(), g);
                g.writeArrayFieldStart("contributing");
                for (FiredRule r : why.contributing()) {
                    writeFiredRule(r, g);
                }
                g.writeEndArray();
                writeLimits(why.limits(), g);
                if (why.upgradableByData()) {
                    writeDerived("upgradeInputs", why.upgradeInputs(), g);
                    writeStrings("giveToUpgrade", why.upgradeInputFields(), g);
                }
                g.writeEndObject();
            }
            WhyNot not = e.whyNot(t).orElse(null);
            if (not != null) {
                g.writeObjectFieldStart("whyNot");
                if (not.strength() != null) {
                    g.writeStringField("strength", not.strength().name());
                }
                writeStrings("reasons", not.reasons().stream().map(Enum::name).toList(), g);
                writeDerived("blockedBy", not.blockedBy(), g);
                writeDerived("missingInputs", not.missingInputs(), g);
                writeStrings("giveToDecide", not.missingInputFields(), g);
                g.writeBooleanField("unlockableByData", not.unlockableByData());
                g.writeArrayFieldStart("negativeRules");
                for (FiredRule r : not.negativeRules()) {
                    writeFiredRule(r, g);
                }
                g.writeEndArray();
                writeLimits(not.limits(), g);
                g.writeArrayFieldStart("offeringRules");
                for (OfferingRuleCheck r : not.offeringRules()) {
                    g.writeStartObject();
                    g.writeStringField("ruleId", r.ruleId());
                    g.writeStringField("strength", r.strength() == null ? null : r.strength().name());
                    g.writeBooleanField("fired", r.fired());
                    writeUnmet("blockedBy", r.blockedBy(), g);
                    writeUnmet("missingInputs", r.missingInputs(), g);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeFiredRule(FiredRule r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", r.ruleId());
        g.writeStringField("rule", r.ruleName());
        if (r.strength() != null) {
            g.writeStringField("strength", r.strength().name());
        }
        writeDerived("criteria", r.matched(), g);
        g.writeEndObject();
    }

    private static void writeLimits(List<LimitExplanation> limits, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("limits");
        for (LimitExplanation l : limits) {
            g.writeStartObject();
            g.writeStringField("ruleId", l.ruleId());
            g.writeStringField("kind", l.kind().name());
            g.writeStringField("reason", l.reason());
            g.writeBooleanField("applied", l.applied());
            if (l.cause() != null) {
                g.writeStringField("cause", l.cause().code().name());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeDerived(String field, List<DerivedCriterion> criteria, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart(field);
        for (DerivedCriterion c : criteria) {
            writeCriterion(c, g);
        }
        g.writeEndArray();
    }

    private static void writeCriterion(DerivedCriterion c, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("code", c.code().name());
        g.writeStringField("state", c.isDerived() ? c.state().name() : "NOT_DERIVED"); // no rule of the folder derived it
        g.writeStringField("basis", c.basis());
        if (c.derivedBy() != null) {
            g.writeStringField("derivedBy", c.derivedBy());
        }
        g.writeEndObject();
    }

    private static void writeUnmet(String field, List<UnmetRequirement> unmet, JsonGenerator g) throws IOException {
        writeDerived(field, unmet.stream().map(UnmetRequirement::criterion).toList(), g);
    }

    private static void writeStrings(String field, List<String> values, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
