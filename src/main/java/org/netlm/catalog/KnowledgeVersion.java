package org.netlm.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The version of the clinical knowledge a rule folder declares in {@code knowledge.json}: a semantic version of its
 * own, separate from the library version (the rules change on a clinical review, the code on a release), the date of
 * that version, and the decision model it encodes. Example:
 *
 * <pre>{@code
 * { "version": "2.0.0", "date": "2026-11-30", "model": "NETLM decision model version 2" }
 * }</pre>
 *
 * <p>Every assessment reports {@link #version()} as {@code knowledgeVersion}; a rule folder without a valid file is
 * refused (see {@code NetlmEngine#fromDirectory}).
 *
 * @param version semantic version {@code MAJOR.MINOR.PATCH} (semver.org 2.0, pre-release and build suffixes allowed)
 * @param date    the day this version of the knowledge was fixed
 * @param model   the decision model it encodes, in words
 */
public record KnowledgeVersion(String version, LocalDate date, String model) {
    /** Semantic Versioning 2.0.0: numbers without leading zeros, optional pre-release and build metadata. */
    private static final Pattern SEMVER = Pattern.compile(
        "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
    /** The fields of the file; a field whose name starts with {@code _} is a comment. */
    private static final Set<String> FIELDS = Set.of("version", "date", "model");

    /**
     * Checks the three fields.
     * @param version semantic version {@code MAJOR.MINOR.PATCH}
     * @param date the day this version of the knowledge was fixed
     * @param model the decision model it encodes, in words
     * @throws IllegalArgumentException when {@code version} is not a semantic version
     */
    public KnowledgeVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(model, "model");
        if (!SEMVER.matcher(version).matches()) {
            throw new IllegalArgumentException("\"version\" must be a semantic version such as 2.0.0, not \"" + version + "\"");
        }
    }

    /**
     * Parses the content of {@code knowledge.json}.
     *
     * @param json the content of {@code knowledge.json}
     * @return the version it declares
     * @throws IllegalArgumentException naming every problem (not JSON, a missing or malformed field, an unknown field)
     */
    public static KnowledgeVersion parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage()
                + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected an object with \"version\", \"date\" and \"model\"");
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name) && !name.startsWith("_")) {
                problems.add("unknown field \"" + name + "\" (expected version, date, model)");
            }
        }
        String version = text(root, "version", problems);
        if (version != null && !SEMVER.matcher(version).matches()) {
            problems.add("\"version\" must be a semantic version such as 2.0.0, not \"" + version + "\"");
        }
        String day = text(root, "date", problems);
        LocalDate date = null;
        if (day != null) {
            try {
                date = LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                problems.add("\"date\" must be a date such as 2026-11-30, not \"" + day + "\"");
            }
        }
        String model = text(root, "model", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new KnowledgeVersion(version, date, model);
    }

    private static String text(JsonNode root, String field, List<String> problems) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            problems.add("\"" + field + "\" is missing");
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add("\"" + field + "\" must be a non-empty string");
            return null;
        }
        return v.asText();
    }

    /**
     * {@code 2.0.0 (NETLM decision model version 2, 2026-11-30)}.
     * @return the version, the model and the date, for logs and reports
     */
    public String describe() {
        return version + " (" + model + ", " + date + ")";
    }
}
