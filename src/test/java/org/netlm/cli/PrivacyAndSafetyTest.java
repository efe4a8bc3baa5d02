package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;
import org.netlm.validation.InvalidPatientException;
import org.slf4j.LoggerFactory;

/**
 * Privacy and safety of the input path: no patient data beyond the id in logs at INFO or above; strings from a
 * patient file are data, never code; no polymorphic JSON typing; the command line reads only the files it is given.
 */
class PrivacyAndSafetyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ID = "P-SECRET-ID-ONLY";

    /**
     * A patient whose every field has a value that no log line would hold by chance (numbers with unusual
     * digits; enum values and booleans are checked as whole words).
     */
    static final String PATIENT = """
        {"id": "P-SECRET-ID-ONLY", "age": 87, "ecog": 1, "primarySite": "SMALL_INTESTINE", "primaryStatus": "IN_SITU",
         "primaryResectable": true, "differentiation": "WELL", "ki67Percent": 13.37, "mitosesPer2mm2": 7.77,
         "grade": "G2", "functional": true, "liverMetastasisType": "TYPE_II", "liverLesionCount": 17,
         "largestLesionCm": 4.321, "bilobar": true, "liverTumorBurdenPercent": 23.45, "extrahepaticDisease": false,
         "resectable": false, "futureLiverRemnantPercent": 41.7, "childPugh": "A", "portalVeinThrombosis": false,
         "biliaryEntericAnastomosis": false, "sstrStatus": "POSITIVE", "diseaseStatus": "PROGRESSIVE",
         "symptomatic": true, "creatinineClearanceMlMin": 88.8,
         "priorTherapies": [{"therapy": "EVEROLIMUS", "outcome": "INTOLERANCE"}]}""";

    @TempDir
    Path tmp;

    // ---- (a) logs ----

    static final List<String> LOGGERS = List.of("org.netlm", "org.drools", "org.kie");
    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    final Map<Logger, Level> levels = new LinkedHashMap<>();

    @BeforeEach
    void captureInfoAndAbove() {
        captured.start();
        for (String name : LOGGERS) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            levels.put(l, l.getLevel());
            l.setLevel(Level.INFO);
            l.addAppender(captured);
        }
    }

    @AfterEach
    void restoreLogging() {
        levels.forEach((l, level) -> {
            l.detachAppender(captured);
            l.setLevel(level);
        });
        captured.stop();
    }

    /** Every value of the patient as text (the id excepted), each leaf of priorTherapies included. */
    static List<String> valuesOtherThanTheId() throws IOException {
        List<String> values = new ArrayList<>();
        collect(JSON.readTree(PATIENT), values);
        values.remove(ID);
        return values;
    }

    private static void collect(JsonNode n, List<String> out) {
        if (n.isContainerNode()) {
            n.forEach(child -> collect(child, out));
        } else {
            out.add(n.asText());
            if (n.isNumber()) {
                out.add(String.valueOf(n.doubleValue())); // 87 also as 87.0, as a Double field would print it
            }
        }
    }

    void assertNoPatientValueLoggedAtInfoOrAbove() throws IOException {
        List<String> messages = captured.list.stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
            .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
            .toList();
        for (String value : valuesOtherThanTheId()) {
            Pattern word = Pattern.compile("(?<![\\w.])" + Pattern.quote(value) + "(?![\\w.]|\\.\\d)");
            assertThat(messages).as("log lines at INFO+ holding the patient value '%s'", value)
                .noneMatch(m -> word.matcher(m).find());
        }
    }

    @Test
    void theEngineLogsNoPatientValueAtInfoOrAbove() throws Exception {
        NetlmEngine engine = NetlmEngine.fromDirectory(Path.of("rules")); // a fresh engine: its loading is logged too
        Assessment a = engine.assess(PatientJson.parse(PATIENT));

        assertThat(a.patientId()).isEqualTo(ID);
        assertThat(captured.list).as("the engine logs at INFO (so this test sees its messages)").isNotEmpty();
        assertNoPatientValueLoggedAtInfoOrAbove();
    }

    @Test
    void evaluateBatchAndValidateRulesLogNoPatientValueAtInfoOrAbove() throws Exception {
        Path single = Files.writeString(tmp.resolve("p.json"), PATIENT);
        Path ndjson = Files.writeString(tmp.resolve("p.ndjson"), PATIENT.replace("\n", " ") + "\n"
            + PATIENT.replace("\n", " ").replace("\"ecog\": 1", "\"ecog\": 9") + "\n");

        CliRun evaluate = CliRun.run("evaluate", "--rules", "rules", "--verbose", single.toString());
        CliRun text = CliRun.run("evaluate", "--format", "text", "--explain", single.toString());
        CliRun batch = CliRun.run("batch", "--input", ndjson.toString(), "--output", tmp.resolve("out.ndjson").toString());
        CliRun validate = CliRun.run("validate-rules", "rules");

        assertThat(evaluate.exit()).as(evaluate.toString()).isZero();
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(batch.exit()).as(batch.toString()).isEqualTo(1); // the second line: ecog 9
        assertThat(validate.exit()).as(validate.toString()).isZero();
        assertNoPatientValueLoggedAtInfoOrAbove();
    }

    @Test
    void theLogCheckFindsAPatientValueWhenOneIsLogged() throws Exception {
        LoggerFactory.getLogger("org.netlm.test").info("assessed {} with Ki-67 {} %", ID, 13.37);

        Assertions.assertThatThrownBy(this::assertNoPatientValueLoggedAtInfoOrAbove)
            .isInstanceOf(AssertionError.class).hasMessageContaining("'13.37'");
    }

    // ---- (b) strings are data, never code ----

    @ParameterizedTest
    @ValueSource(strings = {
        "x\"); System.exit(1); //",
        "${jndi:ldap://127.0.0.1:1389/x}",
        "#{1+1}",
        "${1+1}",
        "@{java.lang.Runtime.getRuntime().exec('touch /tmp/netlm-pwned')}",
        "\" + drools.halt() + \"",
        "rule \"x\" when then System.exit(1); end",
        "%s%s%s%n%x",
        "{{7*7}}",
        "$(touch /tmp/netlm-pwned)",
        "'; DROP TABLE patients; --",
        "<script>alert(1)</script>",
        "../../../../etc/passwd",
    })
    void aPatientWhoseIdLooksLikeCodeIsAssessedAsPlainDataWithTheIdVerbatim(String id) throws Exception {
        ObjectNode patient = (ObjectNode) JSON.readTree(PATIENT);
        patient.put("id", id);
        Path f = Files.writeString(tmp.resolve("payload.json"), JSON.writeValueAsString(patient), StandardCharsets.UTF_8);

        CliRun json = CliRun.run("evaluate", f.toString());
        CliRun text = CliRun.run("evaluate", "--format", "text", f.toString());

        assertThat(json.exit()).as(json.toString()).isZero();
        ObjectNode out = (ObjectNode) JSON.readTree(json.out());
        assertThat(out.get("patientId").asText()).isEqualTo(id);
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out()).contains(id);
        // everything but the id is what a plain id gives: nothing in the id was evaluated
        ObjectNode plain = (ObjectNode) JSON.readTree(CliRun.run("evaluate", Files.writeString(tmp.resolve("plain.json"), PATIENT).toString()).out());
        out.remove("patientId");
        plain.remove("patientId");
        assertThat(out).isEqualTo(plain);
        assertThat(Path.of("/tmp/netlm-pwned")).doesNotExist();
    }

    @Test
    void anEnumFieldHoldingCodeIsRefusedAsAnUnknownValue() {
        ObjectNode patient;
        try {
            patient = (ObjectNode) JSON.readTree(PATIENT);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        patient.put("primarySite", "PANCREAS\" || true || \"");

        assertThat(violationsOf(patient.toString())).containsExactly("primarySite");
    }

    // ---- (c) no polymorphic typing ----

    static List<String> violationsOf(String json) {
        try {
            PatientJson.parse(json);
        } catch (InvalidPatientException e) {
            return e.getFields();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void typeKeysAreUnknownFieldsAtTheTopAndInsideAPriorTherapy() {
        String base = "\"id\": \"t\", \"primarySite\": \"PANCREAS\", \"differentiation\": \"WELL\"";

        assertThat(violationsOf("{" + base + ", \"@class\": \"java.lang.ProcessBuilder\", \"@type\": \"java.net.URL\", \"@c\": \".X\"}"))
            .containsExactly("@class", "@type", "@c");
        assertThat(violationsOf("{" + base + ", \"priorTherapies\": [{\"@class\": \"java.lang.Runtime\", \"therapy\": \"EVEROLIMUS\","
            + " \"outcome\": \"STABLE\"}]}")).containsExactly("priorTherapies[0].@class");
        assertThat(violationsOf("{" + base + ", \"priorTherapies\": [\"java.lang.Runtime\", {\"therapy\": \"EVEROLIMUS\","
            + " \"outcome\": \"STABLE\"}]}")).containsExactly("priorTherapies[0]");
    }

    /** Polymorphic typing and Java serialisation would let an input file choose the classes that are built. */
    static final List<String> FORBIDDEN_IN_MAIN = List.of("enableDefaultTyping", "activateDefaultTyping", "@JsonTypeInfo",
        "JsonTypeInfo", "PolymorphicTypeValidator", "ObjectInputStream", "javax.script", "MVEL.eval");

    @Test
    void theMainCodeUsesNoPolymorphicTypingJavaSerialisationOrScriptEvaluation() throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    for (String word : FORBIDDEN_IN_MAIN) {
                        if (lines.get(i).contains(word)) {
                            hits.add(f + ":" + (i + 1) + ": " + word);
                        }
                    }
                }
            }
        }
        assertThat(hits).isEmpty();
    }

    @Test
    void theSharedPatientMapperHasNoDefaultTyping() {
        assertThat(PatientJson.sharedMapper().getDeserializationConfig().getDefaultTyper(null)).isNull();
    }

    // ---- (d) only the files given are read ----

    @Test
    void anIdThatIsAPathIsEchoedAndTheFileItNamesIsNotRead() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET-CONTENT-4711\n");
        for (String id : List.of(secret.toString(), "file://" + secret, "/etc/passwd", "classpath:rules/evidence.json")) {
            ObjectNode patient = (ObjectNode) JSON.readTree(PATIENT);
            patient.put("id", id);
            Path f = Files.writeString(tmp.resolve("path-id.json"), patient.toString());

            CliRun r = CliRun.run("evaluate", "--format", "text", f.toString());
            CliRun j = CliRun.run("evaluate", f.toString());

            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(JSON.readTree(j.out()).get("patientId").asText()).isEqualTo(id);
            assertThat(r.out() + j.out() + r.err() + j.err()).doesNotContain("TOP-SECRET-CONTENT-4711").doesNotContain("root:x:0:0");
        }
    }

    @Test
    void aRuleFolderThatDoesNotExistIsAClearExit2() {
        Path none = tmp.resolve("no-such-rules");

        for (CliRun r : List.of(CliRun.run("evaluate", "--rules", none.toString(), "x.json"),
            CliRun.run("batch", "--rules", none.toString(), "--input", "-", "--output", "-"),
            CliRun.run("validate-rules", none.toString()))) {
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("cannot read rule folder " + none + ": no such file: " + none + "\n");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aRuleFolderThatIsAFileIsAClearExit2() throws Exception {
        Path file = Files.writeString(tmp.resolve("rules.drl"), "rule x when then end");

        CliRun r = CliRun.run("evaluate", "--rules", file.toString(), "x.json");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("cannot read rule folder " + file + ": not a folder: " + file + "\n");
    }

    @Test
    void aBatchInputThatIsAFolderIsNamed() {
        CliRun r = CliRun.run("batch", "--input", tmp.toString(), "--output", "-");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(tmp + ": is a folder, not an NDJSON file\n");
    }
}
