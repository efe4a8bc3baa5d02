package org.netlm.fhir;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.netlm.io.SourceReport;
import org.netlm.model.PriorTherapy;
import org.netlm.validation.Violation;

/**
 * How one Bundle became a patient case (fhir-mapping.md §5): which resource supplied each field, which candidates lost,
 * what was ignored and why, the codes nobody maps, what stayed missing ({@link #availability()}), mapping warnings and
 * the violations. Keys, codes and values only: no names, narrative or identifiers. Immutable.
 */
public final class MappingReport implements SourceReport {
    /** How a field's value was chosen. */
    public record FieldMapping(String field, Object value, String kind, List<String> sources, String time,
                               List<Candidate> candidates, List<TherapyItem> items) {
    }

    /** A candidate that did not win: {@code SUPERSEDED}, {@code TIE_LOST} or {@code LESS_SPECIFIC}. */
    public record Candidate(String resource, Object value, String outcome) {
    }

    /** One prior-therapy entry: its outcome and where the outcome came from ({@code STATED}, {@code DISEASE_STATUS}, {@code NONE}). */
    public record TherapyItem(String therapy, String outcome, String outcomeFrom, List<String> sources, List<String> evidence) {
    }

    /** A resource not used, with the reason (and the field, when known). */
    public record Ignored(String resource, String reason, String field) {
    }

    /** A coding that matched nothing, so a site can map it. */
    public record UnknownCode(String resource, String system, String code) {
    }

    /** A mapping warning (stays in the report, not in the assessment's warnings). */
    public record Warning(String code, String field, List<String> resources, String detail) {
    }

    /**
     * What the bundle gave for one field: {@code MAPPED}, {@code UNUSABLE} (matching resources all ignored; they are
     * listed), {@code NARRATIVE_ONLY} (only in narrative reports of the field's kind) or {@code NOT_IN_BUNDLE}.
     */
    public record Availability(String status, List<Ignored> resources, List<String> reports) {
    }

    /** The as-of date and where it came from: {@code ARGUMENT}, {@code BUNDLE_TIMESTAMP}, {@code CURRENT_DATE}. */
    public record AsOf(LocalDate date, String from) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String mappingVersion;
    private final AsOf asOf;
    private final String subject;
    private final String mappingFile;
    private final Map<String, Object> mappedPatient;
    private final Map<String, FieldMapping> fields;
    private final Map<String, Availability> availability;
    private final List<String> context;
    private final List<Ignored> ignored;
    private final List<UnknownCode> unknownCodes;
    private final List<Warning> warnings;
    private final List<Violation> violations;
    private final List<String> parserIssues;

    MappingReport(String mappingVersion, AsOf asOf, String subject, String mappingFile, Map<String, Object> mappedPatient,
                  Map<String, FieldMapping> fields, Map<String, Availability> availability, List<String> context,
                  List<Ignored> ignored, List<UnknownCode> unknownCodes, List<Warning> warnings, List<Violation> violations,
                  List<String> parserIssues) {
        this.mappingVersion = mappingVersion;
        this.asOf = asOf;
        this.subject = subject;
        this.mappingFile = mappingFile;
        this.mappedPatient = Collections.unmodifiableMap(new LinkedHashMap<>(mappedPatient));
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.availability = Collections.unmodifiableMap(new LinkedHashMap<>(availability));
        this.context = List.copyOf(context);
        this.ignored = List.copyOf(ignored);
        this.unknownCodes = List.copyOf(unknownCodes);
        this.warnings = List.copyOf(warnings);
        this.violations = List.copyOf(violations);
        this.parserIssues = List.copyOf(parserIssues);
    }

    public String mappingVersion() {
        return mappingVersion;
    }

    /** {@code null} when the input was not a Bundle at all. */
    public AsOf asOf() {
        return asOf;
    }

    /** The patient's key ({@code Patient/p-1042}), or {@code null}. */
    public String subject() {
        return subject;
    }

    /** The site of the mapping file in use, or {@code null}. */
    public String mappingFile() {
        return mappingFile;
    }

    /** The patient as mapped, by patient-JSON field name (absent fields omitted; before validation). */
    public Map<String, Object> mappedPatient() {
        return mappedPatient;
    }

    /** Per mapped field: value, kind, sources, losing candidates. */
    public Map<String, FieldMapping> fields() {
        return fields;
    }

    /** Per field of interface.md except {@code id}. */
    public Map<String, Availability> availability() {
        return availability;
    }

    /** Resources read that supply no field. */
    public List<String> context() {
        return context;
    }

    public List<Ignored> ignored() {
        return ignored;
    }

    public List<UnknownCode> unknownCodes() {
        return unknownCodes;
    }

    public List<Warning> warnings() {
        return warnings;
    }

    /** The violations {@link FhirMappingException} carries (empty when the mapping succeeded). */
    public List<Violation> violations() {
        return violations;
    }

    /** What HAPI's parser found malformed and left out (element, value, reason). */
    public List<String> parserIssues() {
        return parserIssues;
    }

    /** The fields whose availability is not {@code MAPPED}: what a tumour-board entry should complete. */
    public List<String> notMapped() {
        return availability.entrySet().stream().filter(e -> !"MAPPED".equals(e.getValue().status())).map(Map.Entry::getKey).toList();
    }

    @Override
    public String jsonName() {
        return "mapping";
    }

    @Override
    public void writeJson(JsonGenerator g) throws IOException {
        JSON.writeTree(g, toTree());
    }

    /** The report as JSON text (§5). */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toTree());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report as a JSON tree (§5). */
    public ObjectNode toTree() {
        ObjectNode r = JSON.createObjectNode();
        r.put("mappingVersion", mappingVersion);
        if (asOf != null) {
            r.putObject("asOf").put("date", asOf.date().toString()).put("from", asOf.from());
        }
        if (subject != null) {
            r.put("subject", subject);
        }
        if (mappingFile != null) {
            r.put("mappingFile", mappingFile);
        }
        ObjectNode p = r.putObject("mappedPatient");
        mappedPatient.forEach((k, v) -> p.set(k, value(v)));
        ObjectNode f = r.putObject("fields");
        fields.forEach((name, m) -> {
            ObjectNode o = f.putObject(name);
            o.set("value", value(m.value()));
            o.put("kind", m.kind());
            m.sources().forEach(o.putArray("sources")::add);
            if (m.sources().isEmpty()) {
                o.putArray("sources");
            }
            if (m.time() != null) {
                o.put("time", m.time());
            }
            var cs = o.putArray("candidates");
            m.candidates().forEach(c -> cs.addObject().put("resource", c.resource()).put("outcome", c.outcome()).set("value", value(c.value())));
            if (m.items() != null) {
                var items = o.putArray("items");
                for (TherapyItem t : m.items()) {
                    ObjectNode i = items.addObject().put("therapy", t.therapy()).put("outcome", t.outcome()).put("outcomeFrom", t.outcomeFrom());
                    t.sources().forEach(i.putArray("sources")::add);
                    var ev = i.putArray("evidence");
                    t.evidence().forEach(ev::add);
                }
            }
        });
        ObjectNode a = r.putObject("availability");
        availability.forEach((name, av) -> {
            ObjectNode o = a.putObject(name).put("status", av.status());
            if (!av.resources().isEmpty()) {
                var rs = o.putArray("resources");
                av.resources().forEach(i -> rs.addObject().put("resource", i.resource()).put("reason", i.reason()));
            }
            if (!av.reports().isEmpty()) {
                av.reports().forEach(o.putArray("reports")::add);
            }
        });
        var c = r.putArray("context");
        context.forEach(c::add);
        var ig = r.putArray("ignored");
        ignored.forEach(i -> {
            ObjectNode o = ig.addObject().put("resource", i.resource()).put("reason", i.reason());
            if (i.field() != null) {
                o.put("field", i.field());
            }
        });
        var uc = r.putArray("unknownCodes");
        unknownCodes.forEach(u -> uc.addObject().put("resource", u.resource()).put("system", u.system()).put("code", u.code()));
        var w = r.putArray("warnings");
        warnings.forEach(x -> {
            ObjectNode o = w.addObject().put("code", x.code());
            if (x.field() != null) {
                o.put("field", x.field());
            }
            var rs = o.putArray("resources");
            x.resources().forEach(rs::add);
            if (x.detail() != null) {
                o.put("detail", x.detail());
            }
        });
        var v = r.putArray("violations");
        violations.forEach(x -> {
            ObjectNode o = v.addObject().put("field", x.field());
            if (x.value() != null) {
                o.put("value", x.value());
            } else {
                o.putNull("value");
            }
            o.put("reason", x.reason());
            if (x.resource() != null) {
                o.put("resource", x.resource());
            }
        });
        if (!parserIssues.isEmpty()) {
            var pi = r.putArray("parserIssues");
            parserIssues.forEach(pi::add);
        }
        return r;
    }

    /** A mapped value as JSON: numbers as numbers, enums as text, booleans, lists of therapies. */
    static JsonNode value(Object v) {
        if (v == null) {
            return JSON.nullNode();
        }
        if (v instanceof Boolean b) {
            return JSON.getNodeFactory().booleanNode(b);
        }
        if (v instanceof Integer i) {
            return JSON.getNodeFactory().numberNode(i);
        }
        if (v instanceof Double d) {
            return JSON.getNodeFactory().numberNode(BigDecimal.valueOf(d).stripTrailingZeros());
        }
        if (v instanceof BigDecimal d) {
            return JSON.getNodeFactory().numberNode(d.stripTrailingZeros());
        }
        if (v instanceof List<?> list) {
            var a = JSON.createArrayNode();
            list.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof PriorTherapy t) {
            return JSON.createObjectNode().put("therapy", t.getTherapy().name()).put("outcome", t.getOutcome().name());
        }
        return JSON.getNodeFactory().textNode(v.toString());
    }

    /**
     * The short text block: {@code from FHIR: ki67Percent ← Observation/ki67-2 (2026-03-02); ignored: Observation/abc
     * (UNKNOWN_CODE)}, one line per part.
     */
    @Override
    public List<String> summaryLines() {
        List<String> out = new ArrayList<>();
        out.add("from FHIR (as of " + (asOf == null ? "?" : asOf.date() + ", " + asOf.from()) + "): "
            + fields.values().stream().map(m -> m.field() + " ← " + String.join(", ", m.sources())
                + (m.time() == null ? "" : " (" + m.time() + ")")).collect(Collectors.joining("; ")));
        if (!ignored.isEmpty()) {
            out.add("ignored: " + ignored.stream().map(i -> i.resource() + " (" + i.reason() + ")").collect(Collectors.joining("; ")));
        }
        List<String> missing = notMapped();
        if (!missing.isEmpty()) {
            out.add("not mapped: " + missing.stream().map(n -> n + " (" + availability.get(n).status() + ")").collect(Collectors.joining(", ")));
        }
        if (!warnings.isEmpty()) {
            out.add("mapping warnings: " + warnings.stream().map(w -> w.code() + (w.field() == null ? "" : " " + w.field())
                + (w.resources().isEmpty() ? "" : " [" + String.join(", ", w.resources()) + "]")).collect(Collectors.joining("; ")));
        }
        return out;
    }
}
