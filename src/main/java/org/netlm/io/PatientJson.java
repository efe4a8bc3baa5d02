package org.netlm.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.netlm.model.ChildPugh;
import org.netlm.model.Differentiation;
import org.netlm.model.DiseaseStatus;
import org.netlm.model.Grade;
import org.netlm.model.LiverMetastasisType;
import org.netlm.model.PatientCase;
import org.netlm.model.PrimarySite;
import org.netlm.model.PrimaryStatus;
import org.netlm.model.PriorTherapy;
import org.netlm.model.SstrStatus;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;
import org.netlm.validation.DidYouMean;
import org.netlm.validation.InvalidPatientException;
import org.netlm.validation.PatientValidator;
import org.netlm.validation.Violation;

/**
 * Patient JSON (interface.md) to {@link PatientCase}, with every problem reported at once: unknown
 * fields, wrong types, bad enum values, then the range checks of {@link PatientValidator}. Reads
 * Jackson's tree model (no data binding, so no polymorphic typing and nothing evaluated); duplicate
 * keys, NaN and over-deep nesting are rejected by the parser.
 */
public final class PatientJson {
    /** Deepest accepted nesting of a patient document. */
    public static final int MAX_NESTING_DEPTH = 20;
    /** Longest accepted string value (characters). */
    public static final int MAX_STRING_LENGTH = 10_000;
    /** Longest accepted document (characters) for one patient. */
    public static final long MAX_DOCUMENT_LENGTH = 1_000_000;

    private static final ObjectMapper MAPPER = mapper();

    private PatientJson() {
    }

    /** The shared, strict mapper: duplicate keys and NaN rejected, nesting and string sizes limited. */
    public static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                .build())
            .build();
        return JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    }

    /** The strict mapper used by this reader. */
    public static ObjectMapper sharedMapper() {
        return MAPPER;
    }

    /** Parses one patient object from JSON text. */
    public static PatientCase parse(String json) {
        JsonNode node;
        try (JsonParser parser = MAPPER.createParser(json)) {
            try {
                node = MAPPER.readTree(parser);
            } catch (JsonProcessingException e) {
                throw new InvalidPatientException(null, List.of(new Violation(fieldOf(e, parser), null,
                    JsonErrors.describe(e, parser.currentLocation()))));
            }
        } catch (IOException e) {
            // reading from a String: only a parse error, handled above, can happen
            throw new UncheckedIOException(e);
        }
        return fromTree(node);
    }

    /** The field a parse error belongs to. */
    private static String fieldOf(JsonProcessingException e, JsonParser parser) {
        String msg = String.valueOf(e.getOriginalMessage());
        if (msg.startsWith("Document length")) {
            return DOCUMENT;
        }
        JsonStreamContext ctx = parser.getParsingContext();
        // A size limit or a duplicate name concerns the name or value just read, and garbage right after a value
        // ("age": 0x10) belongs to that value; any other error inside an object, unless it comes while reading
        // a field's value, lies between fields (e.g. a stray comma before "}") and belongs to no field.
        boolean aboutLastField = e instanceof StreamConstraintsException
            || msg.startsWith("Duplicate field") || msg.contains("was expecting comma")
            || parser.currentToken() == JsonToken.FIELD_NAME;
        return fieldAt(ctx.inObject() && !aboutLastField ? ctx.getParent() : ctx);
    }

    private static final String DOCUMENT = "(document)";
    /** Path segments named for an error inside the document ({@code priorTherapies[1].therapy}). */
    private static final int MAX_PATH_SEGMENTS = 3;

    /**
     * The field a parse error happened in, as a path ({@code ki67Percent}, {@code priorTherapies[1].therapy}),
     * or {@code (document)} when it happened outside any field.
     */
    static String fieldAt(JsonStreamContext ctx) {
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            chain.add(0, c);
        }
        StringBuilder path = new StringBuilder();
        int segments = 0;
        for (JsonStreamContext c : chain) {
            if (segments == MAX_PATH_SEGMENTS) {
                break;
            }
            if (c.inObject()) {
                if (c.getCurrentName() == null) {
                    break;
                }
                path.append(path.length() == 0 ? "" : ".").append(c.getCurrentName());
            } else if (path.length() > 0) {
                path.append('[').append(Math.max(0, c.getCurrentIndex())).append(']');
            } else {
                break;
            }
            segments++;
        }
        return path.length() == 0 ? DOCUMENT : path.toString();
    }

    /**
     * Reads a patient from a parsed JSON value.
     *
     * @throws InvalidPatientException with every violation (type, enum, unknown field, range, required)
     */
    public static PatientCase fromTree(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidPatientException(null, List.of(new Violation("(patient)", node == null ? null : kind(node),
                "a patient must be a JSON object")));
        }
        List<Violation> v = new ArrayList<>();
        PatientCase.Builder b = PatientCase.builder();
        Set<String> badType = new HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Field f = FIELDS.get(e.getKey());
            if (f == null) {
                v.add(new Violation(cut(e.getKey()), null, unknownField(e.getKey())));
                continue;
            }
            JsonNode value = e.getValue();
            if (value.isNull()) {
                continue; // explicit null = absent
            }
            try {
                f.set.accept(b, value);
            } catch (BadValue bad) {
                badType.add(e.getKey());
                if (bad.violations.isEmpty()) {
                    v.add(new Violation(e.getKey(), show(value), bad.reason));
                } else {
                    v.addAll(bad.violations);
                }
            }
        }
        String id = node.hasNonNull("id") && node.get("id").isTextual() ? node.get("id").asText() : null;
        PatientCase p = b.build();
        for (Violation rv : PatientValidator.check(p)) {
            String root = rv.field().contains("[") ? rv.field().substring(0, rv.field().indexOf('[')) : rv.field();
            if (!badType.contains(root)) {
                v.add(rv);
            }
        }
        if (!v.isEmpty()) {
            throw new InvalidPatientException(id, v);
        }
        return p;
    }

    private record Field(BiConsumer<PatientCase.Builder, JsonNode> set) {
    }

    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        put("id", (b, n) -> b.id(text(n)));
        put("age", (b, n) -> b.age(integer(n)));
        put("ecog", (b, n) -> b.ecog(integer(n)));
        put("primarySite", (b, n) -> b.primarySite(enumOf(PrimarySite.class, n)));
        put("primaryStatus", (b, n) -> b.primaryStatus(enumOf(PrimaryStatus.class, n)));
        put("primaryResectable", (b, n) -> b.primaryResectable(bool(n)));
        put("differentiation", (b, n) -> b.differentiation(enumOf(Differentiation.class, n)));
        put("ki67Percent", (b, n) -> b.ki67Percent(number(n)));
        put("mitosesPer2mm2", (b, n) -> b.mitosesPer2mm2(number(n)));
        put("grade", (b, n) -> b.grade(enumOf(Grade.class, n)));
        put("functional", (b, n) -> b.functional(bool(n)));
        put("liverMetastasisType", (b, n) -> b.liverMetastasisType(enumOf(LiverMetastasisType.class, n)));
        put("liverLesionCount", (b, n) -> b.liverLesionCount(integer(n)));
        put("largestLesionCm", (b, n) -> b.largestLesionCm(number(n)));
        put("bilobar", (b, n) -> b.bilobar(bool(n)));
        put("liverTumorBurdenPercent", (b, n) -> b.liverTumorBurdenPercent(number(n)));
        put("extrahepaticDisease", (b, n) -> b.extrahepaticDisease(bool(n)));
        put("extrahepaticResectable", (b, n) -> b.extrahepaticResectable(bool(n)));
        put("resectable", (b, n) -> b.resectable(bool(n)));
        put("futureLiverRemnantPercent", (b, n) -> b.futureLiverRemnantPercent(number(n)));
        put("childPugh", (b, n) -> b.childPugh(enumOf(ChildPugh.class, n)));
        put("portalVeinThrombosis", (b, n) -> b.portalVeinThrombosis(bool(n)));
        put("biliaryEntericAnastomosis", (b, n) -> b.biliaryEntericAnastomosis(bool(n)));
        put("sstrStatus", (b, n) -> b.sstrStatus(enumOf(SstrStatus.class, n)));
        put("diseaseStatus", (b, n) -> b.diseaseStatus(enumOf(DiseaseStatus.class, n)));
        put("symptomatic", (b, n) -> b.symptomatic(bool(n)));
        put("creatinineClearanceMlMin", (b, n) -> b.creatinineClearanceMlMin(number(n)));
        put("priorTherapies", (b, n) -> b.priorTherapies(priorTherapies(n)));
    }

    /**
     * The patient JSON of {@code p} (interface.md): fields in interface.md order, absent fields left out. What
     * {@link #fromTree} reads back into an equal case; used to store or export a case as it was assessed.
     */
    public static ObjectNode toTree(PatientCase p) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        putText(o, "id", p.getId());
        putNumber(o, "age", p.getAge());
        putNumber(o, "ecog", p.getEcog());
        putText(o, "primarySite", p.getPrimarySite());
        putText(o, "primaryStatus", p.getPrimaryStatus());
        putBool(o, "primaryResectable", p.getPrimaryResectable());
        putText(o, "differentiation", p.getDifferentiation());
        putNumber(o, "ki67Percent", p.getKi67Percent());
        putNumber(o, "mitosesPer2mm2", p.getMitosesPer2mm2());
        putText(o, "grade", p.getGrade());
        putBool(o, "functional", p.getFunctional());
        putText(o, "liverMetastasisType", p.getLiverMetastasisType());
        putNumber(o, "liverLesionCount", p.getLiverLesionCount());
        putNumber(o, "largestLesionCm", p.getLargestLesionCm());
        putBool(o, "bilobar", p.getBilobar());
        putNumber(o, "liverTumorBurdenPercent", p.getLiverTumorBurdenPercent());
        putBool(o, "extrahepaticDisease", p.getExtrahepaticDisease());
        putBool(o, "extrahepaticResectable", p.getExtrahepaticResectable());
        putBool(o, "resectable", p.getResectable());
        putNumber(o, "futureLiverRemnantPercent", p.getFutureLiverRemnantPercent());
        putText(o, "childPugh", p.getChildPugh());
        putBool(o, "portalVeinThrombosis", p.getPortalVeinThrombosis());
        putBool(o, "biliaryEntericAnastomosis", p.getBiliaryEntericAnastomosis());
        putText(o, "sstrStatus", p.getSstrStatus());
        putText(o, "diseaseStatus", p.getDiseaseStatus());
        putBool(o, "symptomatic", p.getSymptomatic());
        putNumber(o, "creatinineClearanceMlMin", p.getCreatinineClearanceMlMin());
        if (p.getPriorTherapies() != null) {
            ArrayNode list = o.putArray("priorTherapies");
            for (PriorTherapy t : p.getPriorTherapies()) {
                list.addObject().put("therapy", t.getTherapy().name()).put("outcome", t.getOutcome().name());
            }
        }
        return o;
    }

    private static void putText(ObjectNode o, String name, Object value) {
        if (value != null) {
            o.put(name, value.toString());
        }
    }

    private static void putBool(ObjectNode o, String name, Boolean value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static void putNumber(ObjectNode o, String name, Number value) {
        if (value instanceof Integer i) {
            o.put(name, i);
        } else if (value instanceof Double d) {
            o.put(name, d);
        }
    }

    private static void put(String name, BiConsumer<PatientCase.Builder, JsonNode> set) {
        FIELDS.put(name, new Field(set));
    }

    /** The field names of the patient JSON, in interface.md order. */
    public static Set<String> fieldNames() {
        return Collections.unmodifiableSet(FIELDS.keySet());
    }

    /** A field whose value cannot be used: either a reason about the value itself, or violations inside it. */
    private static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String reason;
        final transient List<Violation> violations;

        /** The field's value as a whole is wrong for {@code reason}. */
        BadValue(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
            this.violations = List.of();
        }

        /** Problems inside the value (e.g. entries of priorTherapies), each with its own path. */
        BadValue(List<Violation> violations) {
            super(violations.get(0).reason(), null, false, false);
            this.reason = violations.get(0).reason();
            this.violations = List.copyOf(violations);
        }
    }

    private static String text(JsonNode n) {
        if (!n.isTextual()) {
            throw new BadValue("must be a string, not " + kind(n));
        }
        if (n.asText().indexOf(UNDECODABLE) >= 0) {
            throw new BadValue("holds bytes that are not UTF-8 (shown as \uFFFD; save the file as UTF-8)");
        }
        return n.asText();
    }

    /** What the UTF-8 decoder of {@link PatientReader} makes of bytes that are not UTF-8. */
    private static final char UNDECODABLE = '\uFFFD';
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    private static Integer integer(JsonNode n) {
        if (!n.isNumber()) {
            throw new BadValue("must be a whole number, not " + kind(n));
        }
        BigDecimal d = n.decimalValue();
        if (!n.isIntegralNumber() && d.stripTrailingZeros().scale() > 0) {
            throw new BadValue("must be a whole number");
        }
        // compare before converting: 1e999999999 must not be expanded into a billion-digit integer
        if (d.compareTo(INT_MIN) < 0 || d.compareTo(INT_MAX) > 0) {
            throw new BadValue("is out of range");
        }
        return d.intValueExact();
    }

    private static Double number(JsonNode n) {
        if (!n.isNumber()) {
            throw new BadValue("must be a number, not " + kind(n));
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new BadValue("is out of range");
        }
        return d;
    }

    private static Boolean bool(JsonNode n) {
        if (!n.isBoolean()) {
            throw new BadValue("must be true or false, not " + kind(n));
        }
        return n.booleanValue();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode n) {
        E[] values = type.getEnumConstants();
        if (n.isTextual()) {
            for (E e : values) {
                if (e.name().equals(n.asText())) {
                    return e;
                }
            }
        }
        // The list of allowed values is built only for the error message, not on every good value.
        String allowed = Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
        throw new BadValue("must be one of " + allowed + (n.isTextual() ? "" : ", not " + kind(n)));
    }

    private static List<PriorTherapy> priorTherapies(JsonNode n) {
        if (!n.isArray()) {
            throw new BadValue("must be a list of {\"therapy\": …, \"outcome\": …}, not " + kind(n));
        }
        if (n.size() > PatientValidator.MAX_PRIOR_THERAPIES) {
            throw new BadValue(List.of(new Violation("priorTherapies", "(" + n.size() + " entries)",
                "must have at most " + PatientValidator.MAX_PRIOR_THERAPIES + " entries")));
        }
        List<PriorTherapy> out = new ArrayList<>();
        List<Violation> problems = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            String at = "priorTherapies[" + i + "]";
            if (!e.isObject()) {
                problems.add(new Violation(at, show(e), "must be an object with \"therapy\" and \"outcome\""));
                continue;
            }
            Iterator<String> names = e.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals("therapy") && !name.equals("outcome")) {
                    problems.add(new Violation(at + "." + cut(name), null, "unknown field (expected therapy and outcome)"));
                }
            }
            Therapy therapy = entryEnum(Therapy.class, e, "therapy", at, problems);
            TherapyOutcome outcome = entryEnum(TherapyOutcome.class, e, "outcome", at, problems);
            if (therapy != null && outcome != null) {
                out.add(new PriorTherapy(therapy, outcome));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadValue(problems);
        }
        return out;
    }

    /** The enum value of {@code entry.name}; {@code null}, with the problem added, when it is missing or bad. */
    private static <E extends Enum<E>> E entryEnum(Class<E> type, JsonNode entry, String name, String at, List<Violation> problems) {
        JsonNode value = entry.get(name);
        if (value == null || value.isNull()) {
            problems.add(new Violation(at + "." + name, null, "is required"));
            return null;
        }
        try {
            return enumOf(type, value);
        } catch (BadValue bad) {
            problems.add(new Violation(at + "." + name, show(value), bad.reason));
            return null;
        }
    }

    static String kind(JsonNode n) {
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isObject()) {
            return "an object";
        }
        return "null";
    }

    /** A value shown in an error message: short, and never a whole nested document. */
    static String show(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isContainerNode()) {
            return n.isArray() ? "[…]" : "{…}";
        }
        return cut(n.isTextual() ? '"' + n.asText() + '"' : n.toString());
    }

    /** Text from the input shown in a message, cut after 60 characters. */
    private static String cut(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "…" : s;
    }

    /** The reason for an unknown field: the known field it is closest to (a typo), else the list of known fields. */
    private static String unknownField(String name) {
        return DidYouMean.nearest(name, FIELDS.keySet()).map(best -> "unknown field (did you mean " + best + "?)")
            .orElseGet(() -> "unknown field (check the spelling; known fields: " + String.join(", ", FIELDS.keySet()) + ")");
    }
}
