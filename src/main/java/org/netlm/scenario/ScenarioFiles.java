package org.netlm.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.netlm.io.JsonErrors;
import org.netlm.io.PatientJson;
import org.netlm.model.CriterionCode;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;

/** Reads scenario files: one scenario object or an array of them per file; folders are searched for *.json. */
public final class ScenarioFiles {
    private static final Set<String> TOP = Set.of("name", "patient", "expect", "description");
    private static final Set<String> EXPECT = Set.of("findings", "recommendations", "notOffered", "warnings", "invalid",
        "firedRules", "blockedBy", "missingInputs");
    /** Criterion codes by name, for "blockedBy". */
    private static final Set<String> CRITERIA = java.util.Arrays.stream(CriterionCode.values()).map(Enum::name)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    /** The patient fields that decide some criterion: the only fields that can be missing inputs. */
    private static final Set<String> INPUT_FIELDS = java.util.Arrays.stream(CriterionCode.values())
        .flatMap(c -> c.fields().stream()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));

    private ScenarioFiles() {
    }

    /** A scenario file that cannot be read: the file and the reason. */
    public static final class BadScenarioException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadScenarioException(String message) {
            super(message);
        }
    }

    /** Every scenario in the given files and folders (folders: every *.json below them, sorted). */
    public static List<Scenario> load(List<Path> paths) throws BadScenarioException {
        List<Scenario> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(p)) {
                    files = walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".json")).sorted().toList();
                } catch (IOException e) {
                    throw new BadScenarioException(p + ": cannot read folder: " + e.getMessage());
                }
                for (Path f : files) {
                    out.addAll(loadFile(f));
                }
            } else {
                out.addAll(loadFile(p));
            }
        }
        return out;
    }

    public static List<Scenario> loadFile(Path file) throws BadScenarioException {
        JsonNode root;
        try {
            root = PatientJson.sharedMapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new BadScenarioException(file + ": " + JsonErrors.describe(e));
        } catch (IOException e) {
            throw new BadScenarioException(file + ": cannot read: " + e.getMessage());
        }
        String name = file.getFileName().toString();
        List<Scenario> out = new ArrayList<>();
        if (root != null && root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                out.add(parse(root.get(i), name + "[" + i + "]"));
            }
        } else {
            out.add(parse(root, name));
        }
        return out;
    }

    static Scenario parse(JsonNode n, String source) throws BadScenarioException {
        if (n == null || !n.isObject()) {
            throw new BadScenarioException(source + ": a scenario must be a JSON object");
        }
        unknown(n, TOP, source, "");
        if (!n.hasNonNull("patient")) {
            throw new BadScenarioException(source + ": missing \"patient\"");
        }
        JsonNode e = n.get("expect");
        if (e == null || !e.isObject()) {
            throw new BadScenarioException(source + ": missing \"expect\" object");
        }
        unknown(e, EXPECT, source, "expect.");
        String name = n.hasNonNull("name") ? n.get("name").asText() : source;
        Map<String, String> findings = new LinkedHashMap<>();
        if (e.has("findings")) {
            Iterator<Map.Entry<String, JsonNode>> it = e.get("findings").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                findings.put(f.getKey(), f.getValue().asText());
            }
        }
        Map<Therapy, Strength> recs = new LinkedHashMap<>();
        if (e.has("recommendations")) {
            for (JsonNode r : e.get("recommendations")) {
                recs.put(enumOf(Therapy.class, r.get("therapy"), source, "recommendations.therapy"),
                    enumOf(Strength.class, r.get("strength"), source, "recommendations.strength"));
            }
        }
        List<Therapy> notOffered = new ArrayList<>();
        if (e.has("notOffered")) {
            for (JsonNode t : e.get("notOffered")) {
                notOffered.add(enumOf(Therapy.class, t, source, "notOffered"));
            }
        }
        Map<Therapy, List<String>> blockedBy = therapyLists(e, "blockedBy", CRITERIA, "criterion code", source);
        Map<Therapy, List<String>> missingInputs = therapyLists(e, "missingInputs", INPUT_FIELDS, "patient field that decides a criterion", source);
        return new Scenario(name, source, n.get("patient"), new Scenario.Expect(findings, recs, notOffered,
            strings(e.get("warnings")), e.has("invalid") ? strings(e.get("invalid")) : null, strings(e.get("firedRules")),
            blockedBy, missingInputs));
    }

    /** {@code { "PRRT": ["A", "B"] }} with every key a therapy and every value one of {@code allowed}. */
    private static Map<Therapy, List<String>> therapyLists(JsonNode expect, String key, Set<String> allowed, String what,
                                                           String source) throws BadScenarioException {
        Map<Therapy, List<String>> out = new LinkedHashMap<>();
        JsonNode node = expect.get(key);
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            throw new BadScenarioException(source + ": " + key + " must be an object of therapy to list, e.g. { \"PRRT\": [ … ] }");
        }
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            Therapy t = enumOf(Therapy.class, new com.fasterxml.jackson.databind.node.TextNode(f.getKey()), source, key);
            if (!f.getValue().isArray()) {
                throw new BadScenarioException(source + ": " + key + "." + f.getKey() + " must be a list");
            }
            List<String> values = strings(f.getValue());
            for (String v : values) {
                if (!allowed.contains(v)) {
                    throw new BadScenarioException(source + ": " + key + "." + f.getKey() + ": \"" + v + "\" is not a " + what
                        + " (known: " + String.join(", ", allowed) + ")");
                }
            }
            out.put(t, values);
        }
        return out;
    }

    private static void unknown(JsonNode n, Set<String> known, String source, String prefix) throws BadScenarioException {
        Iterator<String> it = n.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new BadScenarioException(source + ": unknown field \"" + prefix + f + "\" (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null) {
            for (JsonNode x : n) {
                out.add(x.asText());
            }
        }
        return out;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode n, String source, String where) throws BadScenarioException {
        if (n != null && n.isTextual()) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(n.asText())) {
                    return e;
                }
            }
        }
        throw new BadScenarioException(source + ": " + where + ": " + (n == null ? "missing" : n.toString()) + " is not a " + type.getSimpleName());
    }
}
