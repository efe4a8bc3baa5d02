package org.netlm.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders an {@link AuditReport} and a patient's {@link AuditEvent}s: text for people, JSON and CSV for tools. */
public final class AuditReports {
    /** The output formats of {@code audit report}. */
    public enum Format { text, json, csv }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema CSV_SCHEMA = CsvSchema.builder().addColumn("group").addColumn("key").addColumn("shown")
        .addColumn("accepted").addColumn("overridden").addColumn("overrideRate").addColumn("topOverrideReasons")
        .build().withHeader();

    private AuditReports() {
    }

    public static String render(AuditReport report, Format format) {
        return switch (format) {
            case text -> text(report);
            case json -> json(report);
            case csv -> csv(report);
        };
    }

    static String text(AuditReport r) {
        StringBuilder b = new StringBuilder();
        b.append("Audit report").append(r.since() == null ? "" : " since " + r.since()).append(": ")
            .append(r.events()).append(r.events() == 1 ? " call" : " calls").append(" recorded\n");
        section(b, "By rule", r.byRule());
        section(b, "By therapy", r.byTherapy());
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<AuditReport.Row> rows) {
        b.append('\n').append(title).append('\n');
        if (rows.isEmpty()) {
            b.append("  (no cards shown)\n");
            return;
        }
        int width = Math.max(8, rows.stream().mapToInt(x -> x.key().length()).max().orElse(8));
        b.append(String.format(Locale.ROOT, "  %-" + width + "s %7s %9s %11s %6s  %s%n", "", "shown", "accepted", "overridden",
            "rate", "top override reasons"));
        for (AuditReport.Row x : rows) {
            b.append(String.format(Locale.ROOT, "  %-" + width + "s %7d %9d %11d %5.0f%%  %s%n", x.key(), x.shown(), x.accepted(),
                x.overridden(), 100 * x.overrideRate(), reasons(x)));
        }
    }

    private static String reasons(AuditReport.Row x) {
        return x.topOverrideReasons().stream().map(c -> c.reason() + " (" + c.count() + ")").collect(Collectors.joining("; "));
    }

    static String json(AuditReport r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("since", r.since() == null ? null : r.since().toString());
        o.put("events", r.events());
        o.put("byRule", rows(r.byRule()));
        o.put("byTherapy", rows(r.byTherapy()));
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> rows(List<AuditReport.Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AuditReport.Row x : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("key", x.key());
            o.put("shown", x.shown());
            o.put("accepted", x.accepted());
            o.put("overridden", x.overridden());
            o.put("overrideRate", x.overrideRate());
            o.put("topOverrideReasons", x.topOverrideReasons().stream()
                .map(c -> Map.of("reason", c.reason(), "count", c.count())).toList());
            out.add(o);
        }
        return out;
    }

    static String csv(AuditReport r) {
        List<Map<String, Object>> lines = new ArrayList<>();
        addCsv(lines, "rule", r.byRule());
        addCsv(lines, "therapy", r.byTherapy());
        StringWriter w = new StringWriter();
        try (var seq = CSV.writer(CSV_SCHEMA).writeValues(w)) {
            seq.writeAll(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void addCsv(List<Map<String, Object>> lines, String group, List<AuditReport.Row> rows) {
        for (AuditReport.Row x : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("group", group);
            o.put("key", x.key());
            o.put("shown", x.shown());
            o.put("accepted", x.accepted());
            o.put("overridden", x.overridden());
            o.put("overrideRate", String.format(Locale.ROOT, "%.4f", x.overrideRate()));
            o.put("topOverrideReasons", reasons(x));
            lines.add(o);
        }
    }

    /** A patient's events as text: when, where, which versions, what was recommended, the cards and what came back. */
    public static String show(String patientKey, List<AuditEvent> events) {
        StringBuilder b = new StringBuilder();
        b.append(patientKey).append(": ").append(events.size()).append(events.size() == 1 ? " call" : " calls").append('\n');
        for (AuditEvent e : events) {
            b.append('\n').append(e.time()).append("  ").append(e.service()).append(" / ").append(e.hook())
                .append("  knowledge ").append(e.knowledgeVersion() == null ? "-" : e.knowledgeVersion())
                .append(", rules ").append(e.rulesetVersion()).append('\n');
            if (e.patientId() != null) {
                b.append("  patient id: ").append(e.patientId()).append('\n');
            }
            if (e.origin() != null) {
                b.append("  batch run ").append(e.origin().run()).append(", input line ").append(e.origin().line()).append('\n');
            }
            for (AuditEntry.RecommendationRow r : e.recommendations()) {
                b.append("  ").append(r.strength()).append(' ').append(r.therapy())
                    .append(r.ruleId() == null ? "" : " (" + r.ruleId() + ")").append('\n');
            }
            for (AuditEvent.ShownCard c : e.cards()) {
                b.append("  card ").append(c.card().uuid()).append(" [").append(c.card().indicator()).append("] ")
                    .append(c.card().summary()).append('\n');
                for (Feedback f : c.feedback()) {
                    b.append("    ").append(f.outcome().wire())
                        .append(f.reasonDisplay() != null ? ": " + f.reasonDisplay() : f.reasonCode() != null ? ": " + f.reasonCode() : "")
                        .append(f.outcomeTime() == null ? "" : " at " + f.outcomeTime()).append('\n');
                }
            }
        }
        return b.toString();
    }

    /** A patient's events as JSON (an array, oldest first). */
    public static String showJson(List<AuditEvent> events) {
        try {
            return JSON.writeValueAsString(events.stream().map(AuditReports::eventMap).toList()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> eventMap(AuditEvent e) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("time", e.time().toString());
        o.put("service", e.service());
        o.put("hook", e.hook());
        o.put("patientKey", e.patientKey());
        o.put("patientId", e.patientId());
        o.put("knowledgeVersion", e.knowledgeVersion());
        o.put("rulesetVersion", e.rulesetVersion());
        o.put("input", e.inputJson());
        if (e.origin() != null) {
            o.put("batchRun", e.origin().run());
            o.put("inputLine", e.origin().line());
        }
        o.put("recommendations", e.recommendations().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("therapy", r.therapy().name());
            m.put("strength", r.strength().name());
            m.put("ruleId", r.ruleId());
            return m;
        }).toList());
        o.put("cards", e.cards().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("uuid", c.card().uuid());
            m.put("indicator", c.card().indicator());
            m.put("summary", c.card().summary());
            m.put("feedback", c.feedback().stream().map(f -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("outcome", f.outcome().wire());
                x.put("reason", f.reasonDisplay() != null ? f.reasonDisplay() : f.reasonCode());
                x.put("outcomeTime", f.outcomeTime() == null ? null : f.outcomeTime().toString());
                return x;
            }).toList());
            return m;
        }).toList());
        return o;
    }
}
