package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workbench}: option checks and the --bind warning (the server itself: org.netlm.workbench tests). */
class WorkbenchCommandTest {
    @Test
    void loopbackByDefaultAndAWarningForAnyOtherAddress() {
        assertThat(WorkbenchCommand.LOOPBACK).isEqualTo("127.0.0.1");
        assertThat(WorkbenchCommand.bindWarning(null, null)).isEmpty();
        assertThat(WorkbenchCommand.bindWarning("127.0.0.1", null)).isEmpty();
        assertThat(WorkbenchCommand.bindWarning("::1", null)).isEmpty();
        assertThat(WorkbenchCommand.bindWarning("0.0.0.0", Path.of("rules"))).hasValueSatisfying(w ->
            assertThat(w).startsWith("WARNING: --bind 0.0.0.0").contains("can change the rule files in rules"));
    }

    @Test
    void badOptionsExitOneWithAReason(@TempDir Path tmp) {
        CliRun port = CliRun.run("workbench", "--port", "70000");
        assertThat(port.exit()).as(port.toString()).isEqualTo(1);
        assertThat(port.err()).contains("--port");
        CliRun rules = CliRun.run("workbench", "--rules", tmp.resolve("missing").toString(), "--port", "0");
        assertThat(rules.exit()).as(rules.toString()).isEqualTo(1);
        assertThat(rules.err()).contains("--rules: not a folder");
    }
}
