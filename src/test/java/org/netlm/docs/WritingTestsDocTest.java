package org.netlm.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.engine.NetlmEngine;
import org.netlm.scenario.Scenario;
import org.netlm.scenario.ScenarioFiles;
import org.netlm.scenario.ScenarioResult;
import org.netlm.scenario.ScenarioRunner;

/** docs/writing-tests.md shows only examples that are really run: its JSON blocks as scenarios, its Java block as a test. */
class WritingTestsDocTest {
    static final Path DOC = Path.of("docs/writing-tests.md");

    static List<String> blocks(String doc, String lang) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("```" + lang + "\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyJsonExampleIsAScenarioThatPasses(@TempDir Path tmp) throws Exception {
        List<String> json = blocks(Files.readString(DOC, StandardCharsets.UTF_8), "json");
        assertThat(json).hasSizeGreaterThanOrEqualTo(4);
        ScenarioRunner runner = new ScenarioRunner(NetlmEngine.withDefaultRules());
        for (int i = 0; i < json.size(); i++) {
            Path f = tmp.resolve("example-" + i + ".json");
            Files.writeString(f, json.get(i));
            for (Scenario s : ScenarioFiles.loadFile(f)) {
                ScenarioResult r = runner.run(s);
                assertThat(r.differences()).as("docs example %d: %s", i, s.name()).isEmpty();
            }
        }
    }

    @Test
    void theJavaExampleIsTheTestedExampleClassVerbatim() throws Exception {
        String source = Files.readString(Path.of("src/test/java/org/netlm/docs/WritingTestsExampleTest.java"), StandardCharsets.UTF_8);
        String region = source.substring(source.indexOf("// doc:begin\n") + "// doc:begin\n".length(), source.indexOf("    // doc:end"));
        String dedented = region.lines().map(l -> l.startsWith("    ") ? l.substring(4) : l).reduce("", (a, b) -> a + b + "\n");
        assertThat(blocks(Files.readString(DOC, StandardCharsets.UTF_8), "java")).containsExactly(dedented);
    }

    @Test
    void everyExpectationKeyIsDocumented() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        // The loader lists the keys it knows when it meets an unknown one.
        String message = "";
        try {
            ScenarioFiles.load(List.of(writeUnknownKey()));
        } catch (ScenarioFiles.BadScenarioException e) {
            message = e.getMessage();
        }
        Matcher known = Pattern.compile("\\(known: ([^)]*)\\)").matcher(message);
        assertThat(known.find()).as(message).isTrue();
        for (String key : known.group(1).split(", ")) {
            assertThat(doc).as("key " + key).contains("| `" + key + "` |");
        }
    }

    private static Path writeUnknownKey() throws Exception {
        Path f = Files.createTempFile("unknown-key", ".json");
        f.toFile().deleteOnExit();
        Files.writeString(f, "{\"name\":\"x\",\"patient\":{},\"expect\":{\"noSuchKey\":1}}");
        return f;
    }
}
