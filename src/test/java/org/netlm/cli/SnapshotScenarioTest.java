package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.testing.RuleFolder;

/**
 * Snapshot scenarios ({@code test --update-snapshots}): the complete output is written into each scenario, and then
 * any change fails, also where the listed expectations say nothing (the Ki-67 10 -> 15 edit of the issue).
 */
class SnapshotScenarioTest {
    static final Path SYSTEMIC = Path.of("src/test/resources/scenarios/systemic");
    static final String KI67_LINE = "Tri.atMost($p.getKi67Percent(), 10) : $g.is(Grade.G1)";

    @TempDir
    Path tmp;

    @Test
    void snapshotsCatchEveryChangeTheListedExpectationsMiss() throws Exception {
        Path suite = copy(SYSTEMIC, tmp.resolve("systemic"));
        CliRun update = CliRun.run("test", "--update-snapshots", suite.toString());
        assertThat(update.exit()).as("%s", update).isZero();
        assertThat(update.out()).containsPattern("snapshots: \\d+ in \\d+ files, \\d+ files rewritten");
        JsonNode prrt = new ObjectMapper().readTree(suite.resolve("prrt.json").toFile());
        assertThat(prrt.get(0).get("snapshot").get("recommendations")).isNotEmpty();
        assertThat(prrt.get(0).get("snapshot").get("findings").get("grade").asText()).isEqualTo("G2");
        assertThat(Files.readString(suite.resolve("prrt.json")).lines().filter(l -> !l.trim().startsWith("\"name\"")))
            .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(130)); // only a long name may be longer
        try (Stream<Path> left = Files.list(suite)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        // unchanged rules: everything passes, a second update rewrites nothing
        assertThat(CliRun.run("test", suite.toString()).exit()).isZero();
        assertThat(CliRun.run("test", "--update-snapshots", suite.toString()).out()).contains(" 0 files rewritten");

        RuleFolder edited = RuleFolder.copyOfBundled(tmp.resolve("rules"));
        edited.replace("classification/grade.drl", KI67_LINE, KI67_LINE.replace(", 10)", ", 15)"));
        Path plain = copy(SYSTEMIC, tmp.resolve("plain"));
        CliRun listed = CliRun.run("test", "--failures-only", "--rules", edited.dir().toString(), plain.toString());
        CliRun snap = CliRun.run("test", "--failures-only", "--rules", edited.dir().toString(), suite.toString());
        assertThat(snap.exit()).isEqualTo(1);
        long listedFails = listed.out().lines().filter(l -> l.startsWith("FAIL")).count();
        long snapFails = snap.out().lines().filter(l -> l.startsWith("FAIL")).count();
        assertThat(snapFails).as("%s%n%s", listed, snap).isGreaterThan(listedFails);
        assertThat(snap.out()).contains("snapshot SOMATOSTATIN_ANALOGUE: expected CONSIDER, got RECOMMENDED", "prrt.json[");
    }

    private static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
        return to;
    }
}
