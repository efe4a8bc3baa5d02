package org.netlm.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.netlm.io.AtomicFiles;
import org.netlm.io.JsonErrors;
import org.netlm.io.PatientJson;
import org.netlm.model.CriterionCode;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.validation.DidYouMean;

/** Reads scenario files: one scenario object or an array of them per file; folders are searched for *.json. */
public final class ScenarioFiles {
    private static final Set<String> TOP = Set.of("name", "patient", "expect", "description", "snapshot");
    private static final Set<String> SNAPSHOT = Set.of("findings", "recommendations", "warnings");
    /** Widest line of a scenario file written with a snapshot. */
    static final int WIDTH = 120;
    private static final Set<String> EXPECT = Set.of("findings", "recommendations", "notOffered", "warnings", "invalid",
        "firedRules", "blockedBy", "missingInputs");
    /** Criterion codes by name, for "blockedBy". */
    private static final Set<String> CRITERIA = Arrays.stream(CriterionCode.values()).map(Enum::name)
        .collect(Collectors.toCollection(TreeSet::new));
    /** The patient fields that decide some criterion: the only fields that can be missing inputs. */
    private static final Set<String> INPUT_FIELDS = Arrays.stream(CriterionCode.values())
        .flatMap(c -> c.fields().stream()).collect(Collectors.toCollection(TreeSet::new));

    private ScenarioFiles() {
    }

    /** A scenario file that cannot be read: the file and the reason. */
    public static final class BadScenarioException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadScenarioException(String message) {
            super(message);
        }
    }

    /**
     * The scenarios that could be read from some files, and one message per problem of those that could not.
     *
     * @param scenarios every scenario read, in file order
     * @param problems  {@code file: problem}, one per broken file or broken scenario of a file
     */
    public record Loaded(List<Scenario> scenarios, List<String> problems) {
        public Loaded {
            scenarios = List.copyOf(scenarios);
            problems = List.copyOf(problems);
        }
    }

    /** Every scenario in the given files and folders; every problem at once (as one exception) when any file is broken. */
    public static List<Scenario> load(List<Path> paths) throws BadScenarioException {
        Loaded l = read(paths);
        if (!l.problems().isEmpty()) {
            throw new BadScenarioException(String.join("\n", l.problems()));
        }
        return l.scenarios();
    }

    /**
     * Every scenario that can be read from the given files and folders (folders: every *.json below them, sorted),
     * and every problem of the others: a broken file does not stop the others from being read.
     */
    public static Loaded read(List<Path> paths) {
        List<Scenario> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path p : paths) {
            List<Path> files;
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    files = walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".json")).sorted().toList();
                } catch (IOException e) {
                    problems.add(p + ": cannot read folder: " + e.getMessage());
                    continue;
                }
            } else {
                files = List.of(p);
            }
            for (Path f : files) {
                readFile(f, out, problems);
            }
        }
        return new Loaded(out, problems);
    }

    /** The scenarios of one file; every problem of the file in one exception. */
    public static List<Scenario> loadFile(Path file) throws BadScenarioException {
        List<Scenario> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        readFile(file, out, problems);
        if (!problems.isEmpty()) {
            throw new BadScenarioException(String.join("\n", problems));
        }
        return out;
    }

    private static void readFile(Path file, List<Scenario> out, List<String> problems) {
        JsonNode root;
        try {
            root = PatientJson.sharedMapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            problems.add(file + ": " + JsonErrors.describe(e));
            return;
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return;
        }
        String name = file.toString();
        if (root != null && root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                try {
                    out.add(parse(root.get(i), name + "[" + i + "]", file, i));
                } catch (BadScenarioException e) {
                    problems.add(e.getMessage());
                }
            }
        } else {
            try {
                out.add(parse(root, name, file, -1));
            } catch (BadScenarioException e) {
                problems.add(e.getMessage());
            }
        }
    }

    static Scenario parse(JsonNode n, String source) throws BadScenarioException {
        return parse(n, source, null, -1);
    }

    static Scenario parse(JsonNode n, String source, Path file, int index) throws BadScenarioException {
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
            Iterator<Map.Entry<String, JsonNode>> it = e.get("findings").properties().iterator();
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
            blockedBy, missingInputs), snapshot(n.get("snapshot"), source), file, index);
    }

    /** The {@code "snapshot"} object, or {@code null} when there is none. */
    private static Snapshot snapshot(JsonNode n, String source) throws BadScenarioException {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new BadScenarioException(source + ": \"snapshot\" must be an object (written by test --update-snapshots)");
        }
        unknown(n, SNAPSHOT, source, "snapshot.");
        Map<String, String> findings = new LinkedHashMap<>();
        if (n.has("findings")) {
            n.get("findings").properties().forEach(f -> findings.put(f.getKey(), f.getValue().asText()));
        }
        List<Snapshot.Entry> recs = new ArrayList<>();
        if (n.has("recommendations")) {
            for (JsonNode r : n.get("recommendations")) {
                recs.add(new Snapshot.Entry(enumOf(Therapy.class, r.get("therapy"), source, "snapshot.recommendations.therapy").name(),
                    enumOf(Strength.class, r.get("strength"), source, "snapshot.recommendations.strength").name()));
            }
        }
        return new Snapshot(findings, recs, strings(n.get("warnings")));
    }

    /**
     * Writes each given snapshot into its scenario of {@code file} (key {@code "snapshot"}), atomically, laid out by
     * {@link #format}. The file is left untouched when every snapshot is already there.
     *
     * @param snapshots scenario index ({@code -1} for a file holding one scenario object) to snapshot
     * @return whether the file was rewritten
     */
    public static boolean writeSnapshots(Path file, Map<Integer, Snapshot> snapshots) throws IOException {
        JsonNode root = PatientJson.sharedMapper().readTree(Files.readString(file));
        boolean changed = false;
        for (Map.Entry<Integer, Snapshot> e : snapshots.entrySet()) {
            JsonNode target = e.getKey() < 0 ? root : root.get(e.getKey());
            if (!(target instanceof ObjectNode o)) {
                continue;
            }
            JsonNode node = toJson(e.getValue());
            if (!node.equals(o.get("snapshot"))) {
                o.set("snapshot", node);
                changed = true;
            }
        }
        if (changed) {
            AtomicFiles.writeString(file, format(root) + "\n");
        }
        return changed;
    }

    private static JsonNode toJson(Snapshot s) {
        ObjectNode n = PatientJson.sharedMapper().createObjectNode();
        ObjectNode f = n.putObject("findings");
        s.findings().forEach(f::put);
        ArrayNode recs = n.putArray("recommendations");
        s.recommendations().forEach(r -> recs.addObject().put("therapy", r.therapy()).put("strength", r.strength()));
        ArrayNode w = n.putArray("warnings");
        s.warnings().forEach(w::add);
        return n;
    }

    /**
     * JSON laid out for people: a container that fits on its line stays on one line; one whose members each fit is
     * filled line by line (as the hand-written patients are); anything else gets a line per member. Two spaces of
     * indentation, lines of at most {@value #WIDTH} characters where the content allows.
     */
    static String format(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        format(n, 0, 0, sb);
        return sb.toString();
    }

    /** {@code n} at {@code indent}, after a key of {@code keyLength} characters on the same line. */
    private static void format(JsonNode n, int indent, int keyLength, StringBuilder sb) {
        String compact = compact(n);
        if (!n.isContainerNode() || indent + keyLength + compact.length() + 1 <= WIDTH || n.isEmpty()) {
            sb.append(compact);
            return;
        }
        List<String> items = new ArrayList<>();
        List<JsonNode> values = new ArrayList<>();
        if (n.isObject()) {
            n.properties().forEach(f -> {
                items.add(quote(f.getKey()) + ": ");
                values.add(f.getValue());
            });
        } else {
            n.forEach(v -> {
                items.add("");
                values.add(v);
            });
        }
        String pad = " ".repeat(indent + 2);
        boolean fill = true;
        for (int i = 0; i < items.size(); i++) {
            fill &= pad.length() + items.get(i).length() + compact(values.get(i)).length() + 1 <= WIDTH;
        }
        sb.append(n.isObject() ? '{' : '[').append('\n').append(pad);
        int column = pad.length();
        for (int i = 0; i < items.size(); i++) {
            if (fill) {
                String item = items.get(i) + compact(values.get(i));
                if (i > 0 && column + 2 + item.length() + 1 > WIDTH) {
                    sb.append(",\n").append(pad);
                    column = pad.length();
                } else if (i > 0) {
                    sb.append(", ");
                    column += 2;
                }
                sb.append(item);
                column += item.length();
            } else {
                if (i > 0) {
                    sb.append(",\n").append(pad);
                }
                sb.append(items.get(i));
                format(values.get(i), indent + 2, items.get(i).length(), sb);
            }
        }
        sb.append('\n').append(" ".repeat(indent)).append(n.isObject() ? '}' : ']');
    }

    /** One line, with a space after each colon and comma. */
    private static String compact(JsonNode n) {
        if (n.isObject()) {
            List<String> parts = new ArrayList<>();
            n.properties().forEach(f -> parts.add(quote(f.getKey()) + ": " + compact(f.getValue())));
            return "{" + String.join(", ", parts) + "}";
        }
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(v -> parts.add(compact(v)));
            return "[" + String.join(", ", parts) + "]";
        }
        return n.toString();
    }

    private static String quote(String s) {
        return new TextNode(s).toString();
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
            Therapy t = enumOf(Therapy.class, new TextNode(f.getKey()), source, key);
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
                throw new BadScenarioException(source + ": unknown field \"" + prefix + f + "\""
                    + DidYouMean.nearest(f, known).map(k -> " (did you mean \"" + prefix + k + "\"?)")
                        .orElseGet(() -> " (known: " + String.join(", ", new TreeSet<>(known)) + ")"));
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
        String hint = n != null && n.isTextual() ? DidYouMean.hint(n.asText(),
            Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()) : "";
        throw new BadScenarioException(source + ": " + where + ": " + (n == null ? "missing" : n.toString()) + " is not a "
            + type.getSimpleName() + hint);
    }
}
