package org.netlm.workbench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.netlm.io.PatientJson;
import org.netlm.model.PatientCase;
import org.netlm.model.PriorTherapy;
import org.netlm.validation.PatientValidator;

/**
 * The patient fields as the workbench's form needs them, derived from the one vocabulary and never written twice:
 * the names and their order from {@link PatientJson#fieldNames()}, each field's type and enum values from the
 * {@link PatientCase} getter's return type, ranges from {@link PatientValidator#RANGES}, required fields from
 * {@link PatientValidator#REQUIRED_FIELDS}. The page builds its form from this list, so a field or an enum value added
 * to the model appears in the form without touching the page.
 */
public final class PatientFields {
    /** How the form shows a field. */
    public enum Kind { TEXT, INTEGER, NUMBER, BOOLEAN, ENUM, PRIOR_THERAPIES }

    /**
     * One field.
     *
     * @param name     the JSON name
     * @param kind     how it is entered
     * @param values   the allowed values of an enum field (else empty)
     * @param range    its range (numbers), or {@code null}
     * @param required whether a patient must have it
     */
    public record Field(String name, Kind kind, List<String> values, PatientValidator.Range range, boolean required) {
        public Field {
            values = List.copyOf(values);
        }
    }

    private static final List<Field> FIELDS = derive();
    /** Resource with the form's label for each field (display text only; the fields themselves come from the model). */
    static final String LABELS_RESOURCE = "/org/netlm/workbench/field-labels.properties";
    private static final Properties LABELS = labels();

    private PatientFields() {
    }

    /** Every field of the patient JSON, in interface.md order. */
    public static List<Field> all() {
        return FIELDS;
    }

    private static List<Field> derive() {
        Map<String, PatientValidator.Range> ranges = PatientValidator.RANGES.stream()
            .collect(Collectors.toMap(PatientValidator.Range::field, Function.identity()));
        return PatientJson.fieldNames().stream().map(name -> {
            Class<?> type = getter(PatientCase.class, name).getReturnType();
            Kind kind;
            List<String> values = List.of();
            if (type == String.class) {
                kind = Kind.TEXT;
            } else if (type == Integer.class) {
                kind = Kind.INTEGER;
            } else if (type == Double.class) {
                kind = Kind.NUMBER;
            } else if (type == Boolean.class) {
                kind = Kind.BOOLEAN;
            } else if (type.isEnum()) {
                kind = Kind.ENUM;
                values = names(type);
            } else if (List.class.isAssignableFrom(type) && name.equals("priorTherapies")) {
                kind = Kind.PRIOR_THERAPIES;
            } else {
                throw new IllegalStateException("patient field " + name + " has a type the workbench cannot show: " + type);
            }
            return new Field(name, kind, values, ranges.get(name), PatientValidator.REQUIRED_FIELDS.contains(name));
        }).toList();
    }

    private static Properties labels() {
        Properties p = new Properties();
        try (InputStream in = PatientFields.class.getResourceAsStream(LABELS_RESOURCE)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The form's label of a field (its JSON name when the labels resource has none). */
    public static String label(String field) {
        return LABELS.getProperty(field, field);
    }

    /** {@code getKi67Percent} for {@code ki67Percent}. */
    static Method getter(Class<?> type, String field) {
        String name = "get" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no getter " + type.getSimpleName() + "." + name + " for patient field " + field, e);
        }
    }

    private static List<String> names(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
    }

    /**
     * The field list as JSON for the page: {@code {fields: [{name, kind, values, min, max, minExclusive, required}],
     * priorTherapy: {therapy: [...], outcome: [...]}}}; the entries of {@code priorTherapies} take their enums from
     * {@link PriorTherapy}.
     */
    public static ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode list = root.putArray("fields");
        for (Field f : FIELDS) {
            ObjectNode n = list.addObject();
            n.put("name", f.name());
            n.put("kind", f.kind().name());
            n.put("label", label(f.name()));
            n.put("required", f.required());
            if (!f.values().isEmpty()) {
                f.values().forEach(n.putArray("values")::add);
            }
            if (f.range() != null) {
                n.put("min", f.range().min());
                if (f.range().max() != Double.POSITIVE_INFINITY) {
                    n.put("max", f.range().max());
                }
                n.put("minExclusive", f.range().minExclusive());
                n.put("rangeText", f.range().reason());
            }
        }
        ObjectNode prior = root.putObject("priorTherapy");
        names(getter(PriorTherapy.class, "therapy").getReturnType()).forEach(prior.putArray("therapy")::add);
        names(getter(PriorTherapy.class, "outcome").getReturnType()).forEach(prior.putArray("outcome")::add);
        return root;
    }
}
