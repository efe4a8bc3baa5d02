package org.netlm.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The terminology of the mapping: fhir-codes.json as shipped (only {@code verified: true} entries), plus a site's
 * mapping file (§6). Immutable and shared. Tables are named as in fhir-codes.json ({@code F.T}: field F, table T;
 * {@code sets:S} a shared set).
 */
final class FhirCodes {
    /** Classpath resource: byte-identical to the shared spec file. */
    static final String RESOURCE = "/org/netlm/fhir/fhir-codes.json";

    /** Where an Observation code leads: a field and a source kind. */
    record ObsTarget(String field, String kind) {
    }

    /** One field of the catalogue. */
    record Field(String name, String valueType, List<String> sourceKinds, String narrativeGroup,
                 Map<String, CodeTable> tables, Map<String, BigDecimal> units, Map<String, String> valueStrings) {
        CodeTable table(String name) {
            return tables.getOrDefault(name, CodeTable.EMPTY);
        }

        /** Rank of a kind: 0 is the highest precedence. */
        int rank(String kind) {
            int i = sourceKinds.indexOf(kind);
            return i < 0 ? sourceKinds.size() : i;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirCodes BUILT_IN = load();

    private final String version;
    private final Map<String, Field> fields;
    private final Map<String, CodeTable> sets;
    private final CodeTable observations;

    private FhirCodes(String version, Map<String, Field> fields, Map<String, CodeTable> sets) {
        this.version = version;
        this.fields = Collections.unmodifiableMap(fields);
        this.sets = Collections.unmodifiableMap(sets);
        List<CodeTable.Entry> obs = new ArrayList<>();
        for (Field f : fields.values()) {
            for (CodeTable.Entry e : f.table("observationCodes").entries()) {
                obs.add(new CodeTable.Entry(e.system(), e.code(), e.prefix(), new ObsTarget(f.name(), (String) e.value()), null, e.local()));
            }
        }
        this.observations = new CodeTable(obs);
    }

    static FhirCodes builtIn() {
        return BUILT_IN;
    }

    String version() {
        return version;
    }

    Field field(String name) {
        return fields.get(name);
    }

    Map<String, Field> fields() {
        return fields;
    }

    CodeTable table(String field, String table) {
        Field f = fields.get(field);
        return f == null ? CodeTable.EMPTY : f.table(table);
    }

    CodeTable set(String name) {
        return sets.getOrDefault(name, CodeTable.EMPTY);
    }

    /** Every Observation code of every field: value {@link ObsTarget}. */
    CodeTable observations() {
        return observations;
    }

    /** These codes with a mapping file's tables added (field tables, units, liverMetastasisCodes, reportCategories). */
    FhirCodes plus(Map<String, Map<String, CodeTable>> fieldTables, Map<String, Map<String, BigDecimal>> units,
                   Map<String, CodeTable> setTables) {
        Map<String, Field> f = new LinkedHashMap<>();
        for (Field old : fields.values()) {
            Map<String, CodeTable> tables = new LinkedHashMap<>(old.tables());
            fieldTables.getOrDefault(old.name(), Map.of()).forEach((t, more) -> tables.merge(t, more, CodeTable::plus));
            Map<String, BigDecimal> u = new LinkedHashMap<>(old.units());
            units.getOrDefault(old.name(), Map.of()).forEach(u::putIfAbsent);
            f.put(old.name(), new Field(old.name(), old.valueType(), old.sourceKinds(), old.narrativeGroup(),
                Collections.unmodifiableMap(tables), Collections.unmodifiableMap(u), old.valueStrings()));
        }
        Map<String, CodeTable> s = new LinkedHashMap<>(sets);
        setTables.forEach((n, more) -> s.merge(n, more, CodeTable::plus));
        return new FhirCodes(version, f, s);
    }

    private static FhirCodes load() {
        try (InputStream in = FhirCodes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return read(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static FhirCodes read(JsonNode root) {
        Map<String, Field> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.get("fields").properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode f = e.getValue();
            Map<String, CodeTable> tables = new LinkedHashMap<>();
            Map<String, BigDecimal> units = new LinkedHashMap<>();
            Map<String, String> strings = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> members = f.properties().iterator();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> m = members.next();
                if (!m.getValue().isArray()) {
                    continue;
                }
                switch (m.getKey()) {
                    case "sourceKinds" -> { }
                    case "units" -> m.getValue().forEach(u -> {
                        if (u.path("verified").asBoolean(false)) {
                            units.put(u.get("unit").asText(), new BigDecimal(u.get("factor").asText()));
                        }
                    });
                    case "valueStrings" -> m.getValue().forEach(s -> strings.put(s.get("string").asText(), s.get("value").asText()));
                    default -> tables.put(m.getKey(), table(m.getValue()));
                }
            }
            List<String> kinds = new ArrayList<>();
            f.path("sourceKinds").forEach(k -> kinds.add(k.asText()));
            fields.put(e.getKey(), new Field(e.getKey(), f.get("valueType").asText(), List.copyOf(kinds),
                f.hasNonNull("narrativeGroup") ? f.get("narrativeGroup").asText() : null,
                Collections.unmodifiableMap(tables), Collections.unmodifiableMap(units), Collections.unmodifiableMap(strings)));
        }
        Map<String, CodeTable> sets = new LinkedHashMap<>();
        root.get("sets").properties().forEach(e -> sets.put(e.getKey(), table(e.getValue())));
        return new FhirCodes(root.path("netlmFhirCodes").asText(), fields, sets);
    }

    /** The verified entries of one table; an Observation code's value is its kind. */
    private static CodeTable table(JsonNode array) {
        List<CodeTable.Entry> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (!n.path("verified").asBoolean(false)) {
                continue;
            }
            Object value = n.has("kind") ? n.get("kind").asText() : scalar(n.get("value"));
            Object extra = null;
            if (n.has("outcome")) {
                extra = scalar(n.get("outcome"));
            } else if (n.has("primarySites")) {
                List<String> sites = new ArrayList<>();
                n.get("primarySites").forEach(s -> sites.add(s.asText()));
                extra = List.copyOf(sites);
            }
            out.add(new CodeTable.Entry(n.get("system").asText(), n.get("code").asText(),
                "prefix".equals(n.path("match").asText()), value, extra, false));
        }
        return new CodeTable(out);
    }

    /** A JSON scalar as a Java value: text, Boolean, Integer; {@code null} for JSON null or absent. */
    static Object scalar(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.intValue();
        }
        return v.asText();
    }
}
