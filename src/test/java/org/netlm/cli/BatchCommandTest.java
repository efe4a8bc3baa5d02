package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.testing.Cohorts;

class BatchCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Varied patients (different grades, liver types, burdens), so that assessments take different times. */
    static List<String> cohort(int n) throws Exception {
        return Cohorts.lines(n);
    }

    Path write(String name, List<String> lines) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, lines, StandardCharsets.UTF_8);
        return p;
    }

    static List<String> ids(Path ndjson) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String l : Files.readAllLines(ndjson)) {
            ids.add(JSON.readTree(l).get("patientId").asText());
        }
        return ids;
    }

    @Test
    void twoThreadsKeepInputOrderAndWriteExactlyWhatOneThreadWrites() throws Exception {
        List<String> lines = cohort(80);
        Path in = write("in.ndjson", lines);
        Path one = tmp.resolve("one.ndjson");
        Path two = tmp.resolve("two.ndjson");

        CliRun r1 = CliRun.run("batch", "--input", in.toString(), "--output", one.toString(), "--threads", "1");
        CliRun r2 = CliRun.run("batch", "--input", in.toString(), "--output", two.toString(), "--threads", "2");

        assertThat(r1.exit()).as(r1.toString()).isZero();
        assertThat(r2.exit()).as(r2.toString()).isZero();
        List<String> expectedIds = lines.stream().map(l -> l.substring(7, 12)).toList();
        assertThat(ids(two)).containsExactlyElementsOf(expectedIds);
        assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(one));
        assertThat(Files.readAllLines(two)).hasSize(80).allSatisfy(l -> assertThat(l).startsWith("{\"patientId\":").endsWith("}"));
        assertThat(r2.err().lines().toList()).last().asString()
            .startsWith("batch: read 80, written 80, rejected 0 in ").endsWith(" patients/s)");
    }

    @Test
    void aBadLineIsReportedWithItsLineNumberSkippedAndCountedAndTheRunGoesOn() throws Exception {
        List<String> lines = new ArrayList<>(cohort(5));
        lines.set(1, "{\"id\": \"broken\", ");
        lines.set(3, lines.get(3).replaceFirst("\"ki67Percent\":\\d+", "\"ki67Percent\":140"));
        lines.add(2, "");
        Path in = write("in.ndjson", lines);
        Path out = tmp.resolve("out.ndjson");

        CliRun r = CliRun.run("batch", "--input", in.toString(), "--output", out.toString(), "--threads", "2");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(ids(out)).containsExactly("p0000", "p0002", "p0004");
        assertThat(r.err()).contains(in + ":2: (document): invalid JSON: ")
            .contains(in + ":5: patient p0003: ki67Percent = 140")
            .contains("batch: read 5, written 3, rejected 2 in ");
        assertThat(r.err().indexOf(in + ":2:")).isLessThan(r.err().indexOf(in + ":5:"));
    }

    @Test
    void standardInputAndOutputWork() throws Exception {
        List<String> lines = cohort(3);

        CliRun r = CliRun.withStdin(String.join("\n", lines) + "\n", "batch", "--input", "-", "--output", "-");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().lines().map(l -> l.substring(14, 19)).toList()).containsExactly("p0000", "p0001", "p0002");
    }

    @Test
    void theOutputMayNotBeTheInput() throws Exception {
        Path in = write("in.ndjson", cohort(2));

        CliRun r = CliRun.run("batch", "--input", in.toString(), "--output", in.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--output is the input file");
        assertThat(Files.readAllLines(in)).hasSize(2);
    }

    @Test
    void aMissingInputIsOneClearLine() {
        CliRun r = CliRun.run("batch", "--input", tmp.resolve("none.ndjson").toString(), "--output", tmp.resolve("o").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(tmp.resolve("none.ndjson") + ": no such file\n");
    }
}
