package org.netlm.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.netlm.io.JsonErrors;
import org.netlm.io.PatientJson;
import org.netlm.model.ChildPugh;
import org.netlm.model.Differentiation;
import org.netlm.model.DiseaseStatus;
import org.netlm.model.Grade;
import org.netlm.model.LiverMetastasisType;
import org.netlm.model.PrimarySite;
import org.netlm.model.PrimaryStatus;
import org.netlm.model.SstrStatus;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;

/**
 * A site's mapping file (fhir-mapping.md §6): codes it adds to the built-in ones. Checked once when loaded; every
 * problem is listed together with the JSON path of the offending member ({@link MappingFileException}).
 */
final class MappingFile {
    static final String VERSION = "1.0";

    /** The enum values a coded field's answer may map to. */
    private static final Map<String, Class<? extends Enum<?>>> CODED = Map.of(
        "primaryStatus", PrimaryStatus.class, "differentiation", Differentiation.class, "grade", Grade.class,
        "liverMetastasisType", LiverMetastasisType.class, "childPugh", ChildPugh.class, "sstrStatus", SstrStatus.class,
        "diseaseStatus", DiseaseStatus.class);
    private static final Set<String> BOOLEAN = Set.of("primaryResectable", "functional", "bilobar", "extrahepaticDisease",
        "extrahepaticResectable", "resectable", "portalVeinThrombosis", "biliaryEntericAnastomosis", "symptomatic");
    private static final Set<String> MEASURED = Set.of("ecog", "ki67Percent", "mitosesPer2mm2", "liverLesionCount",
        "largestLesionCm", "liverTumorBurdenPercent", "futureLiverRemnantPercent", "creatinineClearanceMlMin");
    private static final Set<String> CONDITION_FIELDS = Set.of("primarySite", "differentiation", "functional",
        "portalVeinThrombosis", "extrahepaticDisease");

    private final FhirCodes codes;
    private final String site;

    private MappingFile(FhirCodes codes, String site) {
        this.codes = codes;
        this.site = site;
    }

    FhirCodes codes() {
        return codes;
    }

    String site() {
        return site;
    }

    static MappingFile load(Path file, FhirCodes builtIn) {
        String name = file.toString();
        JsonNode root;
        try {
            root = PatientJson.sharedMapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new MappingFileException(name, List.of("(document): invalid JSON: " + JsonErrors.describe(e, 0)));
        } catch (IOException e) {
            throw new MappingFileException(name, List.of("(document): cannot read: " + e.getMessage()));
        }
        return parse(root, name, builtIn);
    }

    static MappingFile parse(JsonNode root, String name, FhirCodes builtIn) {
        Checker c = new Checker(builtIn);
        if (root == null || !root.isObject()) {
            throw new MappingFileException(name, List.of("(document): must be a JSON object"));
        }
        String site = null;
        Iterator<Map.Entry<String, JsonNode>> top = root.properties().iterator();
        while (top.hasNext()) {
            Map.Entry<String, JsonNode> m = top.next();
            JsonNode v = m.getValue();
            switch (m.getKey()) {
                case "netlmFhirMapping" -> {
                    if (!VERSION.equals(v.isTextual() ? v.asText() : null)) {
                        c.problem("netlmFhirMapping", "must be \"" + VERSION + "\", not " + v);
                    }
                }
                case "site" -> {
                    if (v.isTextual()) {
                        site = v.asText();
                    } else {
                        c.problem("site", "must be a string");
                    }
                }
                case "fields" -> c.fields(v);
                case "liverMetastasisCodes" -> c.entries("liverMetastasisCodes", v, null, null, List.of(), "secondaryCodes", "LIVER");
                case "reportCategories" -> c.entries("reportCategories", v, null, null, List.of("group"), "reportCategories", null);
                default -> c.problem(m.getKey(), "unknown key (expected netlmFhirMapping, site, fields, liverMetastasisCodes, reportCategories)");
            }
        }
        if (!root.has("netlmFhirMapping")) {
            c.problem("netlmFhirMapping", "is required (\"" + VERSION + "\")");
        }
        if (!c.problems.isEmpty()) {
            throw new MappingFileException(name, c.problems);
        }
        Map<String, Map<String, CodeTable>> fieldTables = new HashMap<>();
        c.fieldEntries.forEach((field, tables) -> {
            Map<String, CodeTable> t = new LinkedHashMap<>();
            tables.forEach((table, list) -> t.put(table, new CodeTable(list)));
            fieldTables.put(field, t);
        });
        Map<String, CodeTable> sets = new HashMap<>();
        c.setEntries.forEach((set, list) -> sets.put(set, new CodeTable(list)));
        return new MappingFile(builtIn.plus(fieldTables, c.units, sets), site);
    }

    /** Walks the file, collecting problems and the entries to add. */
    private static final class Checker {
        final FhirCodes builtIn;
        final List<String> problems = new ArrayList<>();
        final Map<String, Map<String, List<CodeTable.Entry>>> fieldEntries = new LinkedHashMap<>();
        final Map<String, List<CodeTable.Entry>> setEntries = new LinkedHashMap<>();
        final Map<String, Map<String, BigDecimal>> units = new LinkedHashMap<>();
        /** Observation codes of all fields of this file: system|code to the path that defined it. */
        final Map<String, String> localObservations = new HashMap<>();

        Checker(FhirCodes builtIn) {
            this.builtIn = builtIn;
        }

        void problem(String path, String what) {
            problems.add(path + ": " + what);
        }

        void fields(JsonNode v) {
            if (!v.isObject()) {
                problem("fields", "must be an object");
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> m = it.next();
                String field = m.getKey();
                String at = "fields." + field;
                if (builtIn.field(field) == null || "id".equals(field) || "age".equals(field)) {
                    problem(at, "unknown field (a field of interface.md other than id and age)");
                    continue;
                }
                if (!m.getValue().isObject()) {
                    problem(at, "must be an object");
                    continue;
                }
                Iterator<Map.Entry<String, JsonNode>> keys = m.getValue().properties().iterator();
                while (keys.hasNext()) {
                    Map.Entry<String, JsonNode> k = keys.next();
                    table(field, k.getKey(), at + "." + k.getKey(), k.getValue());
                }
            }
        }

        private void table(String field, String key, String at, JsonNode v) {
            boolean therapies = "priorTherapies".equals(field);
            switch (key) {
                case "observationCodes" -> {
                    if ("primarySite".equals(field) || therapies) {
                        problem(at, "not allowed under " + field);
                    } else {
                        entries(at, v, field, "observationCodes", List.of(), null, "observation");
                    }
                }
                case "valueCodes" -> {
                    if (!CODED.containsKey(field) && !BOOLEAN.contains(field)) {
                        problem(at, "not allowed under " + field + " (only coded and boolean fields have answers)");
                    } else {
                        entries(at, v, field, "valueCodes", List.of("value"), null, null);
                    }
                }
                case "conditionCodes" -> {
                    if (!CONDITION_FIELDS.contains(field)) {
                        problem(at, "not allowed under " + field);
                    } else {
                        entries(at, v, field, "conditionCodes", List.of("value"), null, null);
                    }
                }
                case "procedureCodes" -> {
                    if (therapies) {
                        entries(at, v, field, "procedureCodes", List.of("therapy"), null, null);
                    } else if ("primaryStatus".equals(field)) {
                        entries(at, v, field, "procedureCodes", List.of(), null, "RESECTED");
                    } else if ("biliaryEntericAnastomosis".equals(field)) {
                        entries(at, v, field, "procedureCodes", List.of(), null, Boolean.TRUE);
                    } else {
                        problem(at, "not allowed under " + field);
                    }
                }
                case "medicationCodes", "outcomeCodes" -> {
                    if (!therapies) {
                        problem(at, "not allowed under " + field + " (only under priorTherapies)");
                    } else {
                        entries(at, v, field, key, List.of("medicationCodes".equals(key) ? "therapy" : "outcome"), null, null);
                    }
                }
                case "units" -> {
                    if (!MEASURED.contains(field)) {
                        problem(at, "not allowed under " + field + " (only quantity, count and ECOG fields have units)");
                    } else {
                        units(field, at, v);
                    }
                }
                default -> problem(at, "unknown key (expected observationCodes, valueCodes, conditionCodes, procedureCodes, "
                    + "medicationCodes, outcomeCodes or units)");
            }
        }

        /**
         * Entries {@code [{system, code, <valueKey>}]} of one table; {@code fixed} is the value when the file gives none
         * (an Observation code's kind, RESECTED, true, LIVER).
         */
        void entries(String at, JsonNode v, String field, String table, List<String> valueKeys, String set, Object fixed) {
            if (!v.isArray()) {
                problem(at, "must be a list of {system, code" + (valueKeys.isEmpty() ? "" : ", " + valueKeys.get(0)) + "}");
                return;
            }
            Map<String, Object> seen = new HashMap<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                String here = at + "[" + i + "]";
                if (!e.isObject()) {
                    problem(here, "must be an object {system, code" + (valueKeys.isEmpty() ? "" : ", " + valueKeys.get(0)) + "}");
                    continue;
                }
                int before = problems.size();
                List<String> allowed = new ArrayList<>(List.of("system", "code"));
                allowed.addAll(valueKeys);
                allowed.add("display");
                e.fieldNames().forEachRemaining(n -> {
                    if (!allowed.contains(n)) {
                        problem(here + "." + n, "unknown key (expected " + String.join(", ", allowed) + ")");
                    }
                });
                String system = text(e, "system", here);
                String code = text(e, "code", here);
                Object value = fixed;
                if (!valueKeys.isEmpty()) {
                    value = value(field, table, set, valueKeys.get(0), e.get(valueKeys.get(0)), here + "." + valueKeys.get(0));
                }
                if (problems.size() > before || system == null || code == null) {
                    continue;
                }
                String key = system + '|' + code;
                Object was = seen.putIfAbsent(key, value == null ? "null" : value);
                if (was != null && !was.equals(value == null ? "null" : value)) {
                    problem(here, "code " + key + " is given twice with different meanings");
                    continue;
                }
                if (clashesWithBuiltIn(field, table, set, system, code, value, here)) {
                    continue;
                }
                CodeTable.Entry entry = new CodeTable.Entry(system, code, false, value, null, true);
                if (set != null) {
                    setEntries.computeIfAbsent(set, s -> new ArrayList<>()).add(entry);
                } else if ("extrahepaticDisease".equals(field) && "conditionCodes".equals(table)) {
                    setEntries.computeIfAbsent("secondaryCodes", s -> new ArrayList<>())
                        .add(new CodeTable.Entry(system, code, false, "EXTRAHEPATIC", null, true));
                } else {
                    fieldEntries.computeIfAbsent(field, f -> new LinkedHashMap<>()).computeIfAbsent(table, t -> new ArrayList<>()).add(entry);
                }
            }
        }

        /** A code built in with another meaning (Observation codes across all fields; other tables per field). */
        private boolean clashesWithBuiltIn(String field, String table, String set, String system, String code, Object value, String at) {
            if ("observationCodes".equals(table)) {
                CodeTable.Entry e = builtIn.observations().lookup(system, code);
                String key = system + '|' + code;
                String other = localObservations.putIfAbsent(key, field);
                if (other != null && !other.equals(field)) {
                    problem(at, "Observation code " + key + " is also listed under " + other);
                    return true;
                }
                if (e != null && !((FhirCodes.ObsTarget) e.value()).field().equals(field)) {
                    problem(at, "Observation code " + key + " is built in for " + ((FhirCodes.ObsTarget) e.value()).field());
                    return true;
                }
                return false;
            }
            CodeTable builtInTable = set != null ? builtIn.set(set)
                : "extrahepaticDisease".equals(field) && "conditionCodes".equals(table) ? builtIn.set("secondaryCodes")
                : builtIn.table(field, table);
            CodeTable.Entry e = builtInTable.lookup(system, code);
            Object expected = "extrahepaticDisease".equals(field) && "conditionCodes".equals(table) ? "EXTRAHEPATIC" : value;
            if (e != null && !Objects.equals(e.value(), expected)) {
                problem(at, "code " + system + '|' + code + " is built in with another meaning (" + e.value() + ")");
                return true;
            }
            return false;
        }

        private Object value(String field, String table, String set, String key, JsonNode v, String at) {
            if (v == null || v.isNull()) {
                problem(at, "is required");
                return null;
            }
            List<String> allowed;
            switch (key) {
                case "therapy" -> allowed = names(Therapy.values());
                case "outcome" -> allowed = List.of("PROGRESSION", "STABLE", "RESPONSE", "INTOLERANCE");
                case "group" -> allowed = List.of("PATHOLOGY", "IMAGING");
                default -> {
                    if ("primarySite".equals(field)) {
                        allowed = names(PrimarySite.values());
                    } else if (CODED.containsKey(field)) {
                        allowed = names(CODED.get(field).getEnumConstants());
                    } else if ("valueCodes".equals(table)) {
                        if (!v.isBoolean()) {
                            problem(at, "must be true or false");
                            return null;
                        }
                        return v.booleanValue();
                    } else {
                        if (!(v.isBoolean() && v.booleanValue())) {
                            problem(at, "must be true (a condition code states a presence)");
                            return null;
                        }
                        return Boolean.TRUE;
                    }
                }
            }
            if (!v.isTextual() || !allowed.contains(v.asText())) {
                problem(at, "must be one of " + String.join(", ", allowed) + ", not " + v);
                return null;
            }
            return v.asText();
        }

        private static List<String> names(Enum<?>[] values) {
            return Arrays.stream(values).map(Enum::name).toList();
        }

        private String text(JsonNode e, String key, String at) {
            JsonNode v = e.get(key);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                problem(at + "." + key, v == null ? "is required" : "must be a non-empty string");
                return null;
            }
            return v.asText();
        }

        void units(String field, String at, JsonNode v) {
            if (!v.isArray()) {
                problem(at, "must be a list of {unit, factor}");
                return;
            }
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                String here = at + "[" + i + "]";
                if (!e.isObject()) {
                    problem(here, "must be an object {unit, factor}");
                    continue;
                }
                e.fieldNames().forEachRemaining(n -> {
                    if (!n.equals("unit") && !n.equals("factor")) {
                        problem(here + "." + n, "unknown key (expected unit, factor)");
                    }
                });
                String unit = text(e, "unit", here);
                JsonNode f = e.get("factor");
                if (f == null || !f.isNumber() || f.decimalValue().signum() <= 0) {
                    problem(here + ".factor", "must be a number greater than 0");
                    continue;
                }
                if (unit == null) {
                    continue;
                }
                BigDecimal factor = f.decimalValue();
                BigDecimal built = builtIn.field(field).units().get(unit.strip());
                if (built != null && built.compareTo(factor) != 0) {
                    problem(here, "unit " + unit + " is built in with factor " + built.toPlainString());
                    continue;
                }
                BigDecimal was = units.computeIfAbsent(field, x -> new LinkedHashMap<>()).putIfAbsent(unit.strip(), factor);
                if (was != null && was.compareTo(factor) != 0) {
                    problem(here, "unit " + unit + " is given twice with different factors");
                }
            }
        }
    }
}
