package org.netlm.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.netlm.engine.NetlmEngine;

/**
 * Every scenario file under src/test/resources/scenarios is a test: informaticians add a case by adding
 * a JSON file, no Java. The suite as a whole must fire every rule of the bundled knowledge base.
 */
class ScenarioSuiteTest {
    static final Path SUITE = Path.of("src/test/resources/scenarios");

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() throws Exception {
        ScenarioRunner runner = new ScenarioRunner(NetlmEngine.withDefaultRules());
        return ScenarioFiles.load(List.of(SUITE)).stream()
            .map(s -> DynamicTest.dynamicTest(s.source() + ": " + s.name(), () -> {
                ScenarioResult r = runner.run(s);
                assertThat(r.differences()).as(r.line()).isEmpty();
            }));
    }

    @Test
    void theSuiteFiresEveryRule() throws Exception {
        ScenarioRunner runner = new ScenarioRunner(NetlmEngine.withDefaultRules());
        List<ScenarioResult> results = runner.runAll(ScenarioFiles.load(List.of(SUITE)));
        assertThat(runner.neverFired(results)).as("rules no scenario fires").isEmpty();
    }
}
