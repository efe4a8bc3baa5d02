package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
    static final Path EXAMPLES = Path.of("src/test/resources/scenarios/examples");

    @TempDir
    Path tmp;

    @Test
    void passingScenariosPrintOnePassLineEachThenTheSummaryThenTheRulesNeverFired() throws Exception {
        long files;
        try (var s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".json")).count();
        }

        CliRun r = CliRun.run("test", EXAMPLES.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize((int) files + 2);
        assertThat(lines.subList(0, (int) files)).allSatisfy(l -> assertThat(l).startsWith("PASS "));
        assertThat(lines).contains("PASS G2 pancreatic NET, single liver metastasis, resectable, fit: radical resection");
        assertThat(lines.get((int) files)).isEqualTo(files + " passed, 0 failed");
        assertThat(lines.get((int) files + 1)).matches("every rule fired|rules no scenario fired \\(\\d+\\): [A-Z0-9-]+(, [A-Z0-9-]+)*");
    }

    @Test
    void aFailingScenarioPrintsWhatDifferedAndExitsWith1() throws Exception {
        String ex01 = Files.readString(EXAMPLES.resolve("01-resectable-type1-g2.json"));
        Path wrong = tmp.resolve("wrong.json");
        Files.writeString(wrong, ex01.replaceFirst("\"name\": \"[^\"]*\"", "\"name\": \"wrong on purpose\"")
            .replaceFirst("(\"therapy\": \"RADICAL_RESECTION\",\\s*\"strength\": )\"RECOMMENDED\"", "$1\"CONTRAINDICATED\""));

        CliRun r = CliRun.run("test", wrong.toString(), EXAMPLES.resolve("02-type2-resection-with-ablation.json").toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out().lines().toList()).startsWith(
            "FAIL wrong on purpose (" + wrong + "): RADICAL_RESECTION: expected CONTRAINDICATED, got RECOMMENDED")
            .contains("1 passed, 1 failed");
        assertThat(r.out()).containsPattern("rules no scenario fired \\(\\d+\\): .*SURG-");
    }

    @Test
    void aBadScenarioFileIsOneClearLineAndExit1() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"name\": \"x\", \"patient\": {}, \"expect\": {\"recomendations\": []}}");

        CliRun r = CliRun.run("test", bad.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(bad + ": unknown field \"expect.recomendations\" (did you mean \"expect.recommendations\"?)")
            .doesNotContain("\tat ");
    }

    @Test
    void rulesThatDoNotCompileExitWith2() throws Exception {
        Path rules = RuleFolders.copyOfBundledRules(tmp.resolve("rules"));
        Files.delete(rules.resolve("evidence.json"));

        CliRun r = CliRun.run("test", "--rules", rules.toString(), EXAMPLES.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("evidence.json:0: the evidence registry is missing");
    }

    @Test
    void everyBrokenFileIsReportedAtOnceAndTheOthersStillRun() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("suite"));
        Files.writeString(dir.resolve("a-typo.json"), "{\"name\": \"x\", \"patient\": {}, \"expect\": {\"findngs\": {}}}");
        Files.writeString(dir.resolve("b-syntax.json"), "{\"name\": \"x\",");
        Files.writeString(dir.resolve("c-therapy.json"), "{\"name\": \"x\", \"patient\": {}, \"expect\": {\"notOffered\": [\"PRTT\"]}}");
        Files.copy(EXAMPLES.resolve("01-resectable-type1-g2.json"), dir.resolve("d-good.json"));

        CliRun r = CliRun.run("test", dir.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(3);
        assertThat(r.err()).contains("a-typo.json: unknown field \"expect.findngs\" (did you mean \"expect.findings\"?)",
            "b-syntax.json: ", "c-therapy.json: notOffered: \"PRTT\" is not a Therapy (did you mean PRRT?)");
        assertThat(r.out()).contains("PASS G2 pancreatic NET", "1 passed, 0 failed, 3 scenario files or scenarios could not be read");
    }

    @Test
    void failuresOnlyPrintsTheFailingScenariosAndTheSummary() throws Exception {
        Path wrong = tmp.resolve("wrong.json");
        Files.writeString(wrong, Files.readString(EXAMPLES.resolve("01-resectable-type1-g2.json"))
            .replaceFirst("(\"therapy\": \"RADICAL_RESECTION\",\\s*\"strength\": )\"RECOMMENDED\"", "$1\"CONSIDER\""));

        CliRun r = CliRun.run("test", "--failures-only", wrong.toString(), EXAMPLES.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines().filter(l -> l.startsWith("PASS"))).isEmpty();
        assertThat(r.out().lines().filter(l -> l.startsWith("FAIL"))).hasSize(1);
        assertThat(r.out()).contains("FAIL G2 pancreatic NET", "(" + wrong + "): RADICAL_RESECTION: expected CONSIDER");
    }
}
