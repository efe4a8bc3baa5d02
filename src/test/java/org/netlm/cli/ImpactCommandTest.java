package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.testing.RuleFolder;

/** {@code impact}: real rule folders with a one-line edit, the real reference cohort, counts checked against two batch runs. */
class ImpactCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String COHORT = "examples/cohort";
    /** The scenario suite as a small cohort (scenarios that test rejection are skipped). */
    static final String SCENARIOS = "src/test/resources/scenarios";
    static final String KI67_LINE = "Tri.atMost($p.getKi67Percent(), 10) : $g.is(Grade.G1)";

    @TempDir
    static Path dir;
    static Path edited;

    @BeforeAll
    static void editKi67Threshold() {
        RuleFolder f = RuleFolder.copyOfBundled(dir.resolve("edited"));
        f.replace("classification/grade.drl", KI67_LINE, KI67_LINE.replace(", 10)", ", 15)"));
        edited = f.dir();
    }

    @Test
    void countsEqualWhatTwoBatchRunsShow() throws IOException {
        CliRun impact = CliRun.run("impact", "--before", "bundled", "--after", edited.toString(), "--cohort", COHORT,
            "--format", "json", "--threads", "2");
        assertThat(impact.exit()).as("%s", impact).isEqualTo(3);
        JsonNode report = JSON.readTree(impact.out());

        Path b = dir.resolve("before.ndjson");
        Path a = dir.resolve("after.ndjson");
        String input = COHORT + "/cohort.ndjson";
        assertThat(CliRun.run("batch", "--input", input, "--output", b.toString()).exit()).isZero();
        assertThat(CliRun.run("batch", "--rules", edited.toString(), "--input", input, "--output", a.toString()).exit()).isZero();
        List<String> before = Files.readAllLines(b, StandardCharsets.UTF_8);
        List<String> after = Files.readAllLines(a, StandardCharsets.UTF_8);
        assertThat(after).hasSameSizeAs(before);

        int changed = 0;
        int recsChanged = 0;
        Map<String, Integer> transitions = new TreeMap<>();
        for (int i = 0; i < before.size(); i++) {
            JsonNode x = JSON.readTree(before.get(i));
            JsonNode y = JSON.readTree(after.get(i));
            assertThat(y.get("patientId")).isEqualTo(x.get("patientId"));
            Map<String, String> sx = strengths(x);
            Map<String, String> sy = strengths(y);
            boolean recs = !sx.equals(sy);
            if (recs || !x.get("findings").equals(y.get("findings")) || !codes(x).equals(codes(y))) {
                changed++;
            }
            if (recs) {
                recsChanged++;
                TreeSet<String> therapies = new TreeSet<>(sx.keySet());
                therapies.addAll(sy.keySet());
                for (String t : therapies) {
                    if (!Objects.equals(sx.get(t), sy.get(t))) {
                        transitions.merge(t + " " + sx.getOrDefault(t, "absent") + " -> " + sy.getOrDefault(t, "absent"), 1, Integer::sum);
                    }
                }
            }
        }
        assertThat(changed).isPositive();
        assertThat(report.get("patients").asInt()).isEqualTo(before.size());
        assertThat(report.get("changed").asInt()).isEqualTo(changed);
        assertThat(report.get("recommendationsChanged").asInt()).isEqualTo(recsChanged);
        Map<String, Integer> reported = new TreeMap<>();
        for (JsonNode t : report.get("therapies")) {
            reported.put(t.get("therapy").asText() + " " + orAbsent(t.get("from")) + " -> " + orAbsent(t.get("to")), t.get("patients").asInt());
            assertThat(t.get("examples").size()).isBetween(1, 3);
            assertThat(t.get("examples").get(0).get("before").get("why").asText()).isNotBlank();
        }
        assertThat(reported).isEqualTo(transitions);
        assertThat(reported).containsKey("SOMATOSTATIN_ANALOGUE CONSIDER -> RECOMMENDED");
    }

    @Test
    void textReportShowsTheTransitionTableTheRulesAndExamplesWithTheirWhy() {
        CliRun r = CliRun.run("impact", "--before", "bundled", "--after", edited.toString(), "--cohort", SCENARIOS, "--examples", "1");
        assertThat(r.exit()).as("%s", r).isEqualTo(3);
        assertThat(r.out()).contains("patients changed", "SOMATOSTATIN_ANALOGUE: CONSIDER → RECOMMENDED", "SYS-01",
            "Rules whose firing changed", "deciding SYS-02", "deciding SYS-01", "not a prescription");
        assertThat(r.err()).contains("impact: ");
    }

    @Test
    void anUnchangedCopyChangesNothingAndExitsZero() {
        Path copy = RuleFolder.copyOfBundled(dir.resolve("copy")).dir();
        CliRun r = CliRun.run("impact", "--before", "bundled", "--after", copy.toString(), "--cohort", SCENARIOS);
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).contains("No patient's findings, recommendations or warnings changed", "scenario patients skipped");
    }

    @Test
    void rulesThatDoNotCompileExitTwo() {
        RuleFolder broken = RuleFolder.copyOfBundled(dir.resolve("broken"));
        broken.replace("classification/grade.drl", KI67_LINE, "Tri.atMost($p.getKi67Percent(), 10 : $g.is(Grade.G1)");
        CliRun r = CliRun.run("impact", "--before", "bundled", "--after", broken.dir().toString(), "--cohort", SCENARIOS);
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("classification/grade.drl:");
    }

    @Test
    void badCohortExitsOneAndNamesEveryBadPatient() throws IOException {
        assertThat(CliRun.run("impact", "--before", "bundled", "--after", edited.toString(), "--cohort", "no/such.ndjson").exit()).isEqualTo(1);
        Path bad = dir.resolve("bad.ndjson");
        Files.writeString(bad, """
            {"id":"ok","primarySite":"PANCREAS","differentiation":"WELL","ki67Percent":12}
            {"id":"b1","primarySite":"PANCREAS","differentiation":"WELL","ki67Percent":140}
            {"id":"b2","primarySite":"PANCREAS","differentiation":"WELL","ecgo":1}
            """);
        CliRun r = CliRun.run("impact", "--before", "bundled", "--after", edited.toString(), "--cohort", bad.toString());
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).contains("bad.ndjson:2:", "ki67Percent", "bad.ndjson:3:", "did you mean ecog?");
    }

    @Test
    void htmlIsOnePageWithoutExternalAssetsAndEscapesWhatItShows() throws IOException {
        Path cohort = dir.resolve("hostile.ndjson");
        Files.writeString(cohort, "{\"id\":\"<img src=x onerror=alert(1)>&\",\"primarySite\":\"SMALL_INTESTINE\",\"differentiation\":\"WELL\","
            + "\"ki67Percent\":12,\"liverMetastasisType\":\"TYPE_III\",\"liverTumorBurdenPercent\":30,\"extrahepaticDisease\":false,"
            + "\"resectable\":false,\"ecog\":0,\"childPugh\":\"A\",\"sstrStatus\":\"POSITIVE\",\"diseaseStatus\":\"STABLE\"}\n");
        Path out = dir.resolve("impact.html");
        CliRun r = CliRun.run("impact", "--before", "bundled", "--after", edited.toString(), "--cohort", cohort.toString(),
            "--format", "html", "--output", out.toString());
        assertThat(r.exit()).as("%s", r).isEqualTo(3);
        String html = Files.readString(out);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "</svg>", "SOMATOSTATIN_ANALOGUE: CONSIDER → RECOMMENDED",
            "&lt;img src=x onerror=alert(1)&gt;&amp;");
        assertThat(html).doesNotContain("<img", "<script", "<link", "src=\"", "href=\"", "url(");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void markdownHasTheTransitionTableForAPullRequest() {
        CliRun r = CliRun.run("impact", "--before", "bundled", "--after", edited.toString(), "--cohort", SCENARIOS,
            "--format", "markdown");
        assertThat(r.exit()).as("%s", r).isEqualTo(3);
        assertThat(r.out()).contains("## Impact of this rule edit", "| therapy | transitions (patients) |",
            "| `SOMATOSTATIN_ANALOGUE` | CONSIDER → RECOMMENDED **", "<details><summary>");
    }

    private static Map<String, String> strengths(JsonNode assessment) {
        Map<String, String> m = new HashMap<>();
        assessment.get("recommendations").forEach(r -> m.put(r.get("therapy").asText(), r.get("strength").asText()));
        return m;
    }

    private static TreeSet<String> codes(JsonNode assessment) {
        TreeSet<String> s = new TreeSet<>();
        assessment.get("warnings").forEach(w -> s.add(w.get("code").asText()));
        return s;
    }

    private static String orAbsent(JsonNode n) {
        return n == null || n.isNull() ? "absent" : n.asText();
    }
}
