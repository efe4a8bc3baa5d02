package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.testing.RuleFolder;

/**
 * A rule folder whose consequence calls {@code System.exit(42)} given to the command line: refused with exit 2 and
 * the file:line message, and never run (this test runs in the test JVM: had the rule fired, the JVM would have ended
 * and the build would report a crashed fork instead of a result).
 */
class RulePolicyCliTest {
    private static final String MESSAGE = "rules.drl:13: System.exit(...) is not allowed in a rule consequence";

    @TempDir
    Path tmp;
    Path hostile;

    @BeforeEach
    void hostileFolder() throws Exception {
        hostile = tmp.resolve("rules");
        Files.createDirectories(hostile);
        Files.copy(resource("hostile-rules/system-exit/rules.drl"), hostile.resolve("rules.drl"));
        RuleFolder.copyBundledNonRuleFiles(hostile);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RulePolicyCliTest.class.getClassLoader().getResource(name).toURI());
    }

    @Test
    void evaluateWithAHostileFolderExitsWith2AndTheJvmIsNotEnded() {
        CliRun r = CliRun.run("evaluate", "--rules", hostile.toString(), "examples/resectable-g2-pancreatic.json");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(MESSAGE).doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(Runtime.getRuntime().availableProcessors()).as("still running").isPositive();
    }

    @Test
    void validateRulesPrintsTheFileLineMessage() {
        CliRun r = CliRun.run("validate-rules", hostile.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).anySatisfy(l -> assertThat(l).startsWith(MESSAGE));
    }
}
