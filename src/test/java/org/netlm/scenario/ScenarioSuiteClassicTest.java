package org.netlm.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.netlm.engine.NetlmEngine;

/**
 * The scenario suite again, on the rules compiled from the rules/ folder by the classic DRL compiler (the path of
 * {@code fromDirectory} and {@code --rules}); {@link ScenarioSuiteTest} runs it on the pre-compiled bundled model.
 * Both paths must give the same answers.
 */
class ScenarioSuiteClassicTest {
    @TestFactory
    Stream<DynamicTest> everyScenarioPassesOnTheRulesCompiledFromTheFolder() throws Exception {
        ScenarioRunner runner = new ScenarioRunner(NetlmEngine.fromDirectory(Path.of("rules")));
        return ScenarioFiles.load(List.of(ScenarioSuiteTest.SUITE)).stream()
            .map(s -> DynamicTest.dynamicTest(s.source() + ": " + s.name(), () -> {
                ScenarioResult r = runner.run(s);
                assertThat(r.differences()).as(r.line()).isEmpty();
            }));
    }
}
