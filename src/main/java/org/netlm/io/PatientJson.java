package org.netlm.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
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
        try {
            node = MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidPatientException(null, List.of(new Violation("(document)", null, JsonErrors.describe(e))));
        }
        return fromTree(node);
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
        Set<String> badType = new java.util.HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
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
                v.add(bad.field == null ? new Violation(e.getKey(), show(value), bad.reason) : new Violation(bad.field, bad.shown, bad.reason));
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

    private static final Map<String, Field> FIELDS = new java.util.LinkedHashMap<>();

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

    private static void put(String name, BiConsumer<PatientCase.Builder, JsonNode> set) {
        FIELDS.put(name, new Field(set));
    }

    /** The field names of the patient JSON, in interface.md order. */
    public static Set<String> fieldNames() {
        return java.util.Collections.unmodifiableSet(FIELDS.keySet());
    }

    /** A bad value: of the field itself ({@code field == null}), or of a part of it, shown as {@code shown} (or not at all). */
    private static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String field;
        final String shown;
        final String reason;

        BadValue(String reason) {
            this(null, null, reason);
        }

        BadValue(String field, String shown, String reason) {
            super(reason, null, false, false);
            this.field = field;
            this.shown = shown;
            this.reason = reason;
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

    private static Integer integer(JsonNode n) {
        if (!n.isNumber()) {
            throw new BadValue("must be a whole number, not " + kind(n));
        }
        java.math.BigDecimal d = n.decimalValue();
        if (d.precision() - d.scale() > 10) { // more than 10 digits before the point: 1e999999 is not expanded
            throw new BadValue("is out of range");
        }
        if (d.stripTrailingZeros().scale() > 0) {
            throw new BadValue("must be a whole number");
        }
        java.math.BigInteger big = d.toBigInteger();
        if (big.bitLength() > 31) {
            throw new BadValue("is out of range");
        }
        return big.intValue();
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
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name());
        }
        if (!n.isTextual()) {
            throw new BadValue("must be one of " + String.join(", ", allowed) + ", not " + kind(n));
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(n.asText())) {
                return e;
            }
        }
        throw new BadValue("must be one of " + String.join(", ", allowed));
    }

    private static List<PriorTherapy> priorTherapies(JsonNode n) {
        if (!n.isArray()) {
            throw new BadValue("must be a list of {\"therapy\": …, \"outcome\": …}, not " + kind(n));
        }
        if (n.size() > PatientValidator.MAX_PRIOR_THERAPIES) {
            throw new BadValue("priorTherapies", "(" + n.size() + " entries)",
                "must have at most " + PatientValidator.MAX_PRIOR_THERAPIES + " entries");
        }
        List<PriorTherapy> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            String at = "priorTherapies[" + i + "]";
            if (!e.isObject()) {
                throw new BadValue(at, show(e), "must be an object with \"therapy\" and \"outcome\"");
            }
            Iterator<String> names = e.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals("therapy") && !name.equals("outcome")) {
                    throw new BadValue(at + "." + cut(name), null, "unknown field (expected therapy and outcome)");
                }
            }
            Therapy therapy = null;
            TherapyOutcome outcome = null;
            try {
                therapy = e.hasNonNull("therapy") ? enumOf(Therapy.class, e.get("therapy")) : null;
            } catch (BadValue bad) {
                throw new BadValue(at + ".therapy", show(e.get("therapy")), bad.reason);
            }
            try {
                outcome = e.hasNonNull("outcome") ? enumOf(TherapyOutcome.class, e.get("outcome")) : null;
            } catch (BadValue bad) {
                throw new BadValue(at + ".outcome", show(e.get("outcome")), bad.reason);
            }
            if (therapy == null) {
                throw new BadValue(at + ".therapy", null, "is required");
            }
            if (outcome == null) {
                throw new BadValue(at + ".outcome", null, "is required");
            }
            out.add(new PriorTherapy(therapy, outcome));
        }
        return out;
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
        String best = null;
        int bestDistance = 3; // at most two edits away
        for (String known : FIELDS.keySet()) {
            int d = known.equalsIgnoreCase(name) ? 0 : editDistance(known, name, bestDistance);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return best != null ? "unknown field (did you mean " + best + "?)"
            : "unknown field (check the spelling; known fields: " + String.join(", ", FIELDS.keySet()) + ")";
    }

    /** Levenshtein distance of {@code a} and {@code b}, or {@code limit} when it is at least that. */
    private static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit);
    }
}
