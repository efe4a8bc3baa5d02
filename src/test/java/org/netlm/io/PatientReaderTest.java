package org.netlm.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatientReaderTest {
    static final String A = "{\"id\":\"a\",\"primarySite\":\"PANCREAS\",\"differentiation\":\"WELL\"}";
    static final String B = "{\"id\":\"b\",\"primarySite\":\"COLON\",\"differentiation\":\"WELL\",\"ecog\":9}";

    @TempDir
    Path tmp;

    List<PatientInput> read(String content) throws Exception {
        Path p = tmp.resolve("in.json");
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return PatientReader.readAll(p);
    }

    static List<PatientInput> readStream(byte[] bytes) throws Exception {
        List<PatientInput> out = new ArrayList<>();
        try (PatientReader r = PatientReader.of(new ByteArrayInputStream(bytes), PatientReader.STDIN_NAME)) {
            for (PatientInput p = r.next(); p != null; p = r.next()) {
                out.add(p);
            }
        }
        return out;
    }

    @Test
    void aPrettyPrintedObjectIsOnePatientAtItsFirstLine() throws Exception {
        List<PatientInput> in = read("\n\n{\n  \"id\": \"a\",\n  \"primarySite\": \"PANCREAS\",\n  \"differentiation\": \"WELL\"\n}\n");

        assertThat(in).singleElement().satisfies(p -> {
            assertThat(p.isValid()).isTrue();
            assertThat(p.patient().getId()).isEqualTo("a");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.index()).isEqualTo(-1);
        });
    }

    @Test
    void anArrayGivesEachElementWithItsIndexAndLine() throws Exception {
        List<PatientInput> in = read("[\n  " + A + ",\n\n  " + B + "\n]\n");

        assertThat(in).extracting(PatientInput::index).containsExactly(0, 1);
        assertThat(in).extracting(PatientInput::line).containsExactly(2L, 4L);
        assertThat(in.get(0).isValid()).isTrue();
        assertThat(in.get(1).isValid()).isFalse();
        assertThat(in.get(1).describeViolations()).containsExactly(tmp.resolve("in.json") + ":4: element 1, patient b: ecog = 9: must be between 0 and 4");
    }

    @Test
    void ndjsonGivesOnePatientALineSkippingBlankLinesAndGoingOnAfterABrokenLine() throws Exception {
        List<PatientInput> in = read(A + "\n\n{\"id\": \n" + B + "\r\n" + A.replace("\"a\"", "\"c\""));

        assertThat(in).extracting(PatientInput::line).containsExactly(1L, 3L, 4L, 5L);
        assertThat(in).extracting(PatientInput::isValid).containsExactly(true, false, false, true);
        assertThat(in.get(1).violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(PatientReader.DOCUMENT);
            assertThat(v.reason()).startsWith("invalid JSON: ").contains("(line 3, column");
        });
        assertThat(in.get(3).patient().getId()).isEqualTo("c");
    }

    @Test
    void severalPrettyObjectsInARowAreReadOneByOne() throws Exception {
        List<PatientInput> in = read("{\n\"id\": \"a\", \"primarySite\": \"PANCREAS\", \"differentiation\": \"WELL\"\n}\n"
            + "{\n\"id\": \"b\", \"primarySite\": \"PANCREAS\", \"differentiation\": \"WELL\"\n}\n");

        assertThat(in).extracting(PatientInput::patientId).containsExactly("a", "b");
        assertThat(in).extracting(PatientInput::line).containsExactly(1L, 4L);
    }

    @Test
    void aByteOrderMarkIsSkipped() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = A.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);

        assertThat(readStream(all)).singleElement().satisfies(p -> assertThat(p.isValid()).isTrue());
    }

    @Test
    void anEmptyInputIsAClearError() {
        assertThatThrownBy(() -> read("  \n\n")).isInstanceOf(PatientInputException.class)
            .hasMessage(tmp.resolve("in.json") + ": no patient found (the input is empty)");
        assertThatThrownBy(() -> readStream(new byte[0])).hasMessage("<stdin>: no patient found (the input is empty)");
    }

    @Test
    void anEmptyArrayIsAClearError() {
        assertThatThrownBy(() -> read(" [ \n ] ")).isInstanceOf(PatientInputException.class)
            .hasMessage(tmp.resolve("in.json") + ": no patient found (the array is empty)");
    }

    @Test
    void aSyntaxErrorInAnArrayNamesLineAndColumn() {
        assertThatThrownBy(() -> read("[\n" + A + ",\n{\"id\": \"b\",, }\n]"))
            .isInstanceOf(PatientInputException.class)
            .hasMessageStartingWith(tmp.resolve("in.json") + ": invalid JSON: ")
            .hasMessageEndingWith("(line 3, column 12)");
    }

    @Test
    void anArrayThatIsNotClosedIsAClearError() {
        assertThatThrownBy(() -> read("[\n" + A + ",\n")).isInstanceOf(PatientInputException.class)
            .hasMessageContaining("invalid JSON");
    }

    @Test
    void contentAfterTheArrayIsAnError() {
        assertThatThrownBy(() -> read("[" + A + "] {}")).isInstanceOf(PatientInputException.class)
            .hasMessageContaining("after the array");
    }

    @Test
    void aNonObjectElementIsAViolationOfThatElement() throws Exception {
        List<PatientInput> in = read("[" + A + ", 42]");

        assertThat(in.get(1).describeViolations()).singleElement().asString()
            .isEqualTo(tmp.resolve("in.json") + ":1: element 1: (patient) = a number: a patient must be a JSON object");
    }

    @Test
    void validationIsPatientJsonsEveryProblemAtOnce() throws Exception {
        List<PatientInput> in = read("{\"id\":\"x\",\"primarySite\":\"MARS\",\"ki67Percent\":140,\"colour\":\"red\"}");

        assertThat(in.get(0).violations()).extracting(v -> v.field())
            .contains("primarySite", "ki67Percent", "colour", "differentiation");
    }

    @Test
    void anArrayLargerThanOnePatientDocumentLimitIsStillRead() throws Exception {
        int n = (int) (PatientJson.MAX_DOCUMENT_LENGTH / A.length()) + 100;
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",\n").append(A);
        }
        List<PatientInput> in = read(sb.append("]").toString());

        assertThat(in).hasSize(n).allSatisfy(p -> assertThat(p.isValid()).isTrue());
        assertThat(in.get(n - 1).line()).isEqualTo(n);
    }
}
