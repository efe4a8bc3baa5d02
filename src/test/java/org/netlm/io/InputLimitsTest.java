package org.netlm.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.validation.InvalidPatientException;
import org.netlm.validation.PatientValidator;
import org.netlm.validation.Violation;

/**
 * The input limits of README.md ("Input limits") are the limits of the code: the numbers in the README are the
 * constants, and each constant is where the code draws the line (the limit itself accepted, one more refused).
 */
class InputLimitsTest {
    @TempDir
    Path tmp;

    /** README row (the start of its first cell) → the constant it documents. */
    static Map<String, Long> documented() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("patient document", PatientJson.MAX_DOCUMENT_LENGTH);
        m.put("NDJSON line", (long) PatientReader.MAX_LINE_LENGTH);
        m.put("string value", (long) PatientJson.MAX_STRING_LENGTH);
        m.put("`id`", (long) PatientValidator.MAX_ID_LENGTH);
        m.put("JSON nesting", (long) PatientJson.MAX_NESTING_DEPTH);
        m.put("`priorTherapies`", (long) PatientValidator.MAX_PRIOR_THERAPIES);
        return m;
    }

    static String readmeSection() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Input limits");
        assertThat(start).as("README.md has an 'Input limits' section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    @Test
    void theReadmeStatesEveryLimitAsTheCodeHasIt() throws Exception {
        String section = readmeSection();
        for (Map.Entry<String, Long> e : documented().entrySet()) {
            Matcher m = Pattern.compile("^\\| " + Pattern.quote(e.getKey()) + "[^|]*\\| at most ([0-9,]+) ", Pattern.MULTILINE)
                .matcher(section);
            assertThat(m.find()).as("README 'Input limits' has a row '%s … | at most N …'", e.getKey()).isTrue();
            assertThat(Long.parseLong(m.group(1).replace(",", ""))).as("README limit for %s", e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void theReadmeStatesNoOtherLimit() throws Exception {
        Matcher m = Pattern.compile("^\\| ([^|]+)\\| at most", Pattern.MULTILINE).matcher(readmeSection());
        int rows = 0;
        while (m.find()) {
            rows++;
        }
        assertThat(rows).as("limit rows in README 'Input limits' (each must be checked here)").isEqualTo(documented().size());
    }

    // ---- each constant is where the code draws the line ----

    static final String REQUIRED = "\"primarySite\": \"PANCREAS\", \"differentiation\": \"WELL\"";

    List<PatientInput> read(String name, String content) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return PatientReader.readAll(p);
    }

    /** A valid patient of exactly {@code length} characters (padded with blanks inside the object). */
    static String patientOfLength(String id, long length) {
        String core = "{\"id\": \"" + id + "\", " + REQUIRED + "}";
        return core.substring(0, core.length() - 1) + " ".repeat((int) (length - core.length())) + "}";
    }

    @Test
    void anNdjsonLineOfTheLimitIsReadAndOneCharacterMoreIsRefusedUnread() throws Exception {
        int max = PatientReader.MAX_LINE_LENGTH;
        List<PatientInput> in = read("lines.ndjson", patientOfLength("at-limit", max) + "\n" + patientOfLength("over", max + 1) + "\n");

        assertThat(in.get(0).isValid()).as(in.get(0).violations().toString()).isTrue();
        assertThat(in.get(1).describeViolations()).singleElement().asString()
            .endsWith(":2: (document) = (" + (max + 1) + " characters): a patient line must be at most " + max + " characters");
    }

    /** As {@link #patientOfLength}, over two lines (so it is read as one multi-line object, not as NDJSON). */
    static String multiLinePatientOfLength(String id, long length) {
        return patientOfLength(id, length).replace(", \"primarySite\"", ",\n\"primarySite\"");
    }

    @Test
    void aMultiLinePatientOfTheDocumentLimitIsReadAndOneCharacterMoreIsRefused() throws Exception {
        long max = PatientJson.MAX_DOCUMENT_LENGTH;

        assertThat(read("at.json", multiLinePatientOfLength("at-limit", max)))
            .singleElement().satisfies(p -> assertThat(p.isValid()).as(p.violations().toString()).isTrue());
        assertThatThrownBy(() -> read("over.json", multiLinePatientOfLength("over", max + 1)))
            .isInstanceOf(PatientInputException.class)
            .hasMessageEndingWith(":1: a patient must be at most " + max + " characters; this one is longer, so the rest of the input is not read");
    }

    @Test
    void anArrayElementOfTheDocumentLimitIsReadAndOneCharacterMoreIsRefused() throws Exception {
        long max = PatientJson.MAX_DOCUMENT_LENGTH;

        assertThat(read("at.json", "[" + patientOfLength("at-limit", max) + "]"))
            .singleElement().satisfies(p -> assertThat(p.isValid()).as(p.violations().toString()).isTrue());
        assertThatThrownBy(() -> read("over.json", "[" + patientOfLength("over", max + 1) + "]"))
            .isInstanceOf(PatientInputException.class)
            .hasMessageEndingWith(":1: element 0: a patient must be at most " + max + " characters; this one is longer, so the rest of the input is not read");
    }

    @Test
    void aStringOfTheLimitIsParsedAndOneCharacterMoreIsRefused() {
        int max = PatientJson.MAX_STRING_LENGTH;

        assertThat(fields(() -> PatientJson.parse("{\"id\": \"s\", " + REQUIRED + ", \"grade\": \"" + "G".repeat(max) + "\"}")))
            .containsExactly("grade"); // parsed: only the enum value is wrong
        assertThat(reasons(() -> PatientJson.parse("{\"id\": \"s\", " + REQUIRED + ", \"grade\": \"" + "G".repeat(max + 1) + "\"}")))
            .singleElement().asString().contains("String value length (" + (max + 1) + ") exceeds the limit of " + max);
    }

    @Test
    void anIdOfTheLimitIsAcceptedAndOneCharacterMoreIsRefused() {
        int max = PatientValidator.MAX_ID_LENGTH;

        assertThat(PatientJson.parse("{\"id\": \"" + "i".repeat(max) + "\", " + REQUIRED + "}").getId()).hasSize(max);
        assertThat(reasons(() -> PatientJson.parse("{\"id\": \"" + "i".repeat(max + 1) + "\", " + REQUIRED + "}")))
            .containsExactly("must be at most " + max + " characters");
    }

    /** An object holding a field of {@code arrays} nested arrays: {@code arrays + 1} levels deep. */
    static String nested(int arrays) {
        return "{\"id\": \"n\", " + REQUIRED + ", \"deep\": " + "[".repeat(arrays) + "]".repeat(arrays) + "}";
    }

    @Test
    void nestingOfTheLimitIsParsedAndOneLevelMoreIsRefusedInEveryLayout() throws Exception {
        int max = PatientJson.MAX_NESTING_DEPTH;

        assertThat(fields(() -> PatientJson.parse(nested(max - 1)))).containsExactly("deep"); // parsed: an unknown field
        assertThat(reasons(() -> PatientJson.parse(nested(max))))
            .singleElement().asString().contains("Document nesting depth (" + (max + 1) + ") exceeds the limit of " + max);

        String pretty = nested(max - 1).replace(", \"deep\"", ",\n\"deep\"");
        assertThat(read("pretty.json", pretty)).singleElement()
            .satisfies(p -> assertThat(p.violations()).extracting(Violation::field).containsExactly("deep"));
        assertThatThrownBy(() -> read("pretty-over.json", nested(max).replace(", \"deep\"", ",\n\"deep\"")))
            .isInstanceOf(PatientInputException.class).hasMessageContaining("exceeds the limit of " + max);

        assertThat(read("array.json", "[" + nested(max - 2) + "]")).singleElement() // the array is a level
            .satisfies(p -> assertThat(p.violations()).extracting(Violation::field).containsExactly("deep"));
        assertThatThrownBy(() -> read("array-over.json", "[" + nested(max - 1) + "]"))
            .isInstanceOf(PatientInputException.class).hasMessageContaining("exceeds the limit of " + max);
    }

    static String priorTherapies(int n) {
        String one = "{\"therapy\": \"EVEROLIMUS\", \"outcome\": \"PROGRESSION\"}";
        return "{\"id\": \"p\", " + REQUIRED + ", \"priorTherapies\": [" + String.join(", ", Collections.nCopies(n, one)) + "]}";
    }

    @Test
    void priorTherapiesOfTheLimitAreAcceptedAndOneMoreIsRefused() {
        int max = PatientValidator.MAX_PRIOR_THERAPIES;

        assertThat(PatientJson.parse(priorTherapies(max)).getPriorTherapies()).hasSize(max);
        assertThat(reasons(() -> PatientJson.parse(priorTherapies(max + 1)))).containsExactly("must have at most " + max + " entries");
    }

    static List<Violation> violations(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidPatientException e) {
            return e.getViolations();
        }
        throw new AssertionError("the patient was accepted");
    }

    static List<String> fields(Runnable parse) {
        return violations(parse).stream().map(Violation::field).toList();
    }

    static List<String> reasons(Runnable parse) {
        return violations(parse).stream().map(Violation::reason).toList();
    }
}
