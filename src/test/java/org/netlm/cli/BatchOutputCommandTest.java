package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlm.engine.AssessOptions;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.WarningCode;
import org.netlm.testing.Cohorts;
import picocli.CommandLine;

/** {@code batch --format summary|csv}, {@code --report}, the atomic output, {@code --resume} and the progress bar. */
class BatchOutputCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final NetlmEngine ENGINE = NetlmEngine.withDefaultRules();

    @TempDir
    Path tmp;

    /** 60 patients; line 3 is not JSON, line 10 has an invalid value, line 20 an id with a comma, a quote and a line break. */
    static List<String> mixed() throws Exception {
        List<String> lines = new ArrayList<>(Cohorts.lines(60));
        lines.set(2, "{\"id\": \"broken\", ");
        lines.set(9, lines.get(9).replaceFirst("\"ki67Percent\":\\d+", "\"ki67Percent\":140"));
        lines.set(19, lines.get(19).replace("\"p0019\"", "\"a,\\\"b\\\"\\nc\""));
        return lines;
    }

    Path input(List<String> lines) throws Exception {
        Path p = tmp.resolve("in.ndjson");
        Files.write(p, lines, StandardCharsets.UTF_8);
        return p;
    }

    static List<Map<String, String>> csv(Path file) throws Exception {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return it.readAll();
        }
    }

    static Assessment assess(String line) throws Exception {
        return ENGINE.assess(PatientJson.parse(line), AssessOptions.withoutExplanations());
    }

    @Test
    void summaryWritesOneLineForEveryInputLineWithTheRejectedOnesAndTheirProblems() throws Exception {
        List<String> lines = mixed();
        Path in = input(lines);
        Path out = tmp.resolve("out.ndjson");

        CliRun r = CliRun.run("batch", "--input", in.toString(), "--output", out.toString(), "--format", "summary",
            "--threads", "3");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        List<String> written = Files.readAllLines(out);
        assertThat(written).hasSize(60);
        for (int i = 0; i < 60; i++) {
            JsonNode n = JSON.readTree(written.get(i));
            assertThat(n.get("line").asInt()).isEqualTo(i + 1);
            if (i == 2 || i == 9 || i == 19) {
                assertThat(n.has("errors")).as("line " + (i + 1)).isTrue();
                assertThat(n.has("recommendations")).isFalse();
                continue;
            }
            Assessment a = assess(lines.get(i));
            assertThat(n.get("patientId").asText()).isEqualTo(a.patientId());
            assertThat(n.get("recommendations").size()).isEqualTo(a.recommendations().size());
            assertThat(n.get("recommendations").get(0).get("ruleId").asText()).isEqualTo(a.recommendations().get(0).ruleId());
        }
        assertThat(JSON.readTree(written.get(9)).get("errors").get(0).asText()).startsWith(
            in + ":10: patient p0009: ki67Percent = 140").endsWith(": must be between 0 and 100");
        assertThat(JSON.readTree(written.get(2)).has("patientId")).isFalse();
        assertThat(r.err()).contains("batch: read 60, written 57, rejected 3 in ");
    }

    @Test
    void csvHasAHeaderAndOneRowPerInputLineReadableByTheCsvLibrary() throws Exception {
        List<String> lines = mixed();
        Path in = input(lines);
        Path out = tmp.resolve("out.csv");

        CliRun r = CliRun.run("batch", "--input", in.toString(), "--output", out.toString(), "--format", "CSV");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        List<Map<String, String>> rows = csv(out);
        assertThat(rows).hasSize(60);
        Map<String, String> quoted = rows.get(19);
        assertThat(quoted.get("patientId")).isEqualTo("a,\"b\"\nc");
        assertThat(quoted.get("errors")).contains("id = ").contains("control characters");
        assertThat(rows.get(2).get("errors")).startsWith(in + ":3: (document): invalid JSON");
        Assessment a = assess(lines.get(0));
        Map<String, String> first = rows.get(0);
        assertThat(first.get("line")).isEqualTo("1");
        assertThat(first.get("errors")).isEmpty();
        for (Therapy t : Therapy.values()) {
            assertThat(first.get(t.name())).as(t.name()).isEqualTo(a.strengthOf(t).map(Strength::name).orElse(""));
        }
        assertThat(first.get("grade")).isEqualTo(a.findings().grade().name());
    }

    @Test
    void aReportCountsTherapiesWarningsFindingsAndListsRejectedLinesInMarkdownAndHtml() throws Exception {
        List<String> lines = mixed();
        lines.set(30, lines.get(30).replace("\"p0030\"", "\"<script>alert(1)</script>\"").replace("\"ki67Percent\":", "\"ki67Percent\":-"));
        Path in = input(lines);
        Path md = tmp.resolve("report.md");
        Path html = tmp.resolve("report.html");

        CliRun r1 = CliRun.run("batch", "--input", in.toString(), "--output", tmp.resolve("o.csv").toString(),
            "--format", "csv", "--report", md.toString());
        CliRun r2 = CliRun.run("batch", "--input", in.toString(), "--output", tmp.resolve("o.ndjson").toString(),
            "--report", html.toString());

        assertThat(r1.exit()).as(r1.toString()).isEqualTo(1);
        assertThat(r2.exit()).as(r2.toString()).isEqualTo(1);
        long recommendedResection = 0;
        long sstrUnknown = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (List.of(2, 9, 19, 30).contains(i)) {
                continue;
            }
            Assessment a = assess(lines.get(i));
            recommendedResection += a.strengthOf(Therapy.RADICAL_RESECTION).filter(s -> s == Strength.RECOMMENDED).isPresent() ? 1 : 0;
            sstrUnknown += a.hasWarning(WarningCode.SSTR_STATUS_UNKNOWN) ? 1 : 0;
        }
        String m = Files.readString(md);
        assertThat(m).contains("> " + Assessment.DISCLAIMER)
            .contains("Lines assessed: 56; rejected: 4; total: 60")
            .contains("| RADICAL_RESECTION | " + recommendedResection + " (")
            .contains("| SSTR_STATUS_UNKNOWN | " + sstrUnknown + " |")
            .contains("| 3 |  | " + in)
            .contains("\\<script\\>alert(1)\\</script\\>")
            .doesNotContain("<script>");
        String h = Files.readString(html);
        assertThat(h).startsWith("<!DOCTYPE html>").contains("<td>RADICAL_RESECTION</td><td>" + recommendedResection + " (")
            .contains("<td>SSTR_STATUS_UNKNOWN</td><td>" + sstrUnknown + "</td>")
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script")
            .doesNotContain("src=").doesNotContain("href=").doesNotContain("http").doesNotContain("@import");
        assertThat(h).contains("<h3>grade</h3>").contains("<h3>liverMetastasisType</h3>");
    }

    @Test
    void anOutputInAMissingFolderIsOneClearLineAndExplainIsForTheFullFormatOnly() throws Exception {
        Path in = input(Cohorts.lines(2));

        CliRun missing = CliRun.run("batch", "--input", in.toString(), "--output", tmp.resolve("no/such/out.csv").toString(),
            "--format", "csv");
        CliRun explain = CliRun.run("batch", "--input", in.toString(), "--output", tmp.resolve("o").toString(),
            "--format", "summary", "--explain");

        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().lines().toList()).singleElement().asString().contains("no/such/out.csv.partial");
        assertThat(explain.exit()).isEqualTo(1);
        assertThat(explain.err()).isEqualTo("--explain applies to --format full only\n");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void aReportMustBeMarkdownOrHtml() throws Exception {
        Path in = input(Cohorts.lines(2));

        CliRun r = CliRun.run("batch", "--input", in.toString(), "--output", tmp.resolve("o").toString(), "--report",
            tmp.resolve("r.txt").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("must end in .md or .html");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    /** Standard input that serves {@code text} and then fails, as a disk or a pipe that breaks mid-run. */
    static InputStream failingAfter(byte[] text) {
        return new InputStream() {
            final InputStream in = new ByteArrayInputStream(text);

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("input device error");
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, Math.min(len, 4096));
                if (n < 0) {
                    throw new IOException("input device error");
                }
                return n;
            }
        };
    }

    static CliRun runWithStdin(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new NetlmCli(stdin)).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
            .execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    @Test
    void aRunThatFailsMidwayLeavesNoOutputFileAndResumeFinishesIt() throws Exception {
        List<String> lines = mixed();
        String all = String.join("\n", lines) + "\n";
        Path fresh = tmp.resolve("fresh.csv");
        CliRun ok = CliRun.withStdin(all, "batch", "--input", "-", "--output", fresh.toString(), "--format", "csv");
        assertThat(ok.exit()).isEqualTo(1);
        Path out = tmp.resolve("out.csv");
        Files.writeString(out, "an older, complete file\n");
        byte[] firstPart = String.join("\n", lines.subList(0, 45)).getBytes(StandardCharsets.UTF_8);

        CliRun failed = runWithStdin(failingAfter(firstPart), "batch", "--input", "-", "--output", out.toString(),
            "--format", "csv", "--threads", "2");

        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).contains("input device error").contains(out + ".partial").contains("--resume");
        assertThat(out).hasContent("an older, complete file");
        Path partial = tmp.resolve("out.csv.partial");
        assertThat(partial).exists();
        assertThat(csv(partial)).as("the complete lines read before the failure").hasSize(44);

        CliRun resumed = CliRun.withStdin(all, "batch", "--input", "-", "--output", out.toString(), "--format", "csv",
            "--resume");

        assertThat(resumed.exit()).as("rejected lines in the earlier part count").isEqualTo(1);
        assertThat(resumed.err()).contains("read 16, written 16, rejected 0").contains("44 lines before them written by an "
            + "earlier run (3 of them rejected)");
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(fresh));
        assertThat(partial).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "summary"})
    void resumeCutsAnIncompleteLastRecordAndContinuesAfterTheLastCompleteOne(String format) throws Exception {
        Path in = input(mixed());
        Path fresh = tmp.resolve("fresh");
        CliRun.run("batch", "--input", in.toString(), "--output", fresh.toString(), "--format", format);
        byte[] full = Files.readAllBytes(fresh);
        Path out = tmp.resolve("out");
        // cut inside the header, after it, inside the quoted line break of row 20, just after and before a record end
        String text = new String(full, StandardCharsets.UTF_8);
        int quotedBreak = text.indexOf("\"a,");
        List<Integer> cuts = new ArrayList<>(List.of(3, text.indexOf('\n') + 1, full.length / 2, full.length - 1, full.length));
        if (quotedBreak > 0) {
            cuts.add(quotedBreak + 8);
        }
        for (int cut : cuts) {
            Files.write(tmp.resolve("out.partial"), Arrays.copyOf(full, cut));

            CliRun r = CliRun.run("batch", "--input", in.toString(), "--output", out.toString(), "--format", format, "--resume");

            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(Files.readAllBytes(out)).as("cut at " + cut).isEqualTo(full);
        }
    }

    @Test
    void resumeRefusesAPartialFileOfAnotherFormatAndTheFullFormat() throws Exception {
        Path in = input(Cohorts.lines(5));
        Path out = tmp.resolve("out");
        Files.writeString(tmp.resolve("out.partial"), "line,patientId\n1,p\n");

        CliRun wrongFormat = CliRun.run("batch", "--input", in.toString(), "--output", out.toString(), "--format", "summary", "--resume");
        CliRun full = CliRun.run("batch", "--input", in.toString(), "--output", out.toString(), "--resume");

        assertThat(wrongFormat.exit()).isEqualTo(1);
        assertThat(wrongFormat.err()).contains("not a partial summary output");
        assertThat(full.exit()).isEqualTo(1);
        assertThat(full.err()).contains("--resume needs --format summary or csv");
        assertThat(out).doesNotExist();
    }

    @Test
    void aProgressBarIsDrawnOnlyWhenAskedForOrOnATerminal() throws Exception {
        Path in = input(Cohorts.lines(400));

        CliRun quiet = CliRun.run("batch", "--input", in.toString(), "--output", tmp.resolve("a").toString(), "--threads", "1");
        CliRun shown = CliRun.run("batch", "--input", in.toString(), "--output", tmp.resolve("b").toString(), "--threads", "1",
            "--progress", "--format", "summary");
        CliRun off = CliRun.run("batch", "--input", in.toString(), "--output", tmp.resolve("c").toString(), "--no-progress");

        assertThat(quiet.err()).doesNotContain("\r").startsWith("batch: read 400");
        assertThat(off.err()).doesNotContain("\r");
        assertThat(shown.err()).contains("\r[").contains(" / 400 (").contains("patients/s  ETA");
        assertThat(shown.err().substring(shown.err().lastIndexOf('\r') + 1)).startsWith("batch: read 400");
    }
}
