package org.netlm.impact;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;

/** The impact report as JSON, for machines (CI checks, dashboards). Field names are stable. */
public final class ImpactJson {
    private ImpactJson() {
    }

    public static String render(ImpactReport r) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = PatientJson.sharedMapper().getFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("disclaimer", Assessment.DISCLAIMER);
            ruleSet(g, "before", r.before());
            ruleSet(g, "after", r.after());
            g.writeArrayFieldStart("cohort");
            for (String c : r.cohort()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeNumberField("patients", r.patients());
            g.writeNumberField("changed", r.changed());
            g.writeNumberField("recommendationsChanged", r.recommendationsChanged());
            g.writeNumberField("detailsChanged", r.detailsChanged());
            g.writeNumberField("rejected", r.rejected());
            g.writeNumberField("skipped", r.skipped());
            g.writeArrayFieldStart("therapies");
            for (ImpactReport.Change c : r.therapyChanges()) {
                ChangeKind.TherapyTransition t = (ChangeKind.TherapyTransition) c.kind();
                g.writeStartObject();
                g.writeStringField("therapy", t.therapy().name());
                g.writeStringField("from", t.from() == null ? null : t.from().name());
                g.writeStringField("to", t.to() == null ? null : t.to().name());
                change(g, c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (ImpactReport.Change c : r.findingChanges()) {
                ChangeKind.FindingTransition f = (ChangeKind.FindingTransition) c.kind();
                g.writeStartObject();
                g.writeStringField("finding", f.finding().key());
                g.writeStringField("from", f.from());
                g.writeStringField("to", f.to());
                change(g, c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("warnings");
            for (ImpactReport.Change c : r.warningChanges()) {
                ChangeKind.WarningTransition w = (ChangeKind.WarningTransition) c.kind();
                g.writeStartObject();
                g.writeStringField("code", w.code().name());
                g.writeStringField("change", w.added() ? "added" : "removed");
                change(g, c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("ruleFiring");
            for (ImpactReport.RuleFiring f : r.ruleFiring()) {
                g.writeStartObject();
                g.writeStringField("ruleId", f.ruleId());
                g.writeNumberField("firedBefore", f.firedBefore());
                g.writeNumberField("firedAfter", f.firedAfter());
                g.writeNumberField("lost", f.lost());
                g.writeNumberField("gained", f.gained());
                g.writeEndObject();
            }
            g.writeEndArray();
            strings(g, "rulesAdded", r.rulesAdded());
            strings(g, "rulesRemoved", r.rulesRemoved());
            strings(g, "rejections", r.rejections());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static void ruleSet(JsonGenerator g, String name, ImpactReport.RuleSetSummary s) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("name", s.name());
        g.writeStringField("rulesetVersion", s.rulesetVersion());
        g.writeStringField("knowledgeVersion", s.knowledgeVersion());
        g.writeNumberField("rules", s.rules());
        g.writeEndObject();
    }

    /** The rest of a change object: patients and examples, then the end of the object. */
    private static void change(JsonGenerator g, ImpactReport.Change c) throws IOException {
        g.writeNumberField("patients", c.patients());
        g.writeArrayFieldStart("examples");
        for (ImpactReport.Example e : c.examples()) {
            g.writeStartObject();
            g.writeStringField("patientId", e.patientId());
            g.writeStringField("location", e.location());
            side(g, "before", e.before());
            side(g, "after", e.after());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void side(JsonGenerator g, String name, ImpactReport.Side s) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("outcome", s.outcome());
        g.writeStringField("ruleId", s.ruleId());
        g.writeStringField("rationale", s.rationale());
        g.writeStringField("why", s.why());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
