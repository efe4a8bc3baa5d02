package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.testing.RuleFolder;

/** No silent stale rules: a ./rules folder that differs from the bundled rules is named when --rules is not given. */
class StaleRulesNoticeTest {
    @TempDir
    Path tmp;

    @Test
    void anEditedWorkingRulesFolderIsNamedInOneLine() {
        RuleFolder f = RuleFolder.copyOfBundled(tmp.resolve("rules"));
        assertThat(RulesOption.staleNotice(tmp)).isEmpty();
        f.replace("classification/grade.drl", "Tri.atMost($p.getKi67Percent(), 10)", "Tri.atMost($p.getKi67Percent(), 15)");
        assertThat(RulesOption.staleNotice(tmp)).hasValueSatisfying(n -> assertThat(n)
            .startsWith("note: using the bundled rules").contains("./rules/", "add --rules rules").doesNotContain("\n"));
    }

    @Test
    void noRulesFolderNoNotice() {
        assertThat(RulesOption.staleNotice(tmp)).isEmpty();
    }

    @Test
    void commandsRunInTheRepositoryWhoseRulesAreTheBundledOnesSayNothing() {
        CliRun r = CliRun.run("evaluate", "examples/resectable-g2-pancreatic.json");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).doesNotContain("note:");
    }
}
