package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s refusals before it listens (the running service is tested in org.netlm.service and PackagingIT). */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBadConfigurationIsExit1WithEveryProblemAndNoStackTrace() throws Exception {
        Path config = dir.resolve("service.yaml");
        Files.writeString(config, "baseUrl: not-a-url\nmaxRequestBytes: -1\n");
        CliRun r = CliRun.run("serve", "--port", "0", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("baseUrl: not-a-url").contains("maxRequestBytes: -1").doesNotContain("\tat ");
    }

    @Test
    void aPortOutOfRangeIsExit1() {
        CliRun r = CliRun.run("serve", "--port", "70000", "--no-auth");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--port");
    }

    @Test
    void rulesThatDoNotCompileAreExit2() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("broken.drl"), "package x;\nrule \"r\" when then oops( end\n");
        CliRun r = CliRun.run("serve", "--port", "0", "--no-auth", "--rules", rules.toString());
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void aBadSiteMappingFileIsExit1() throws Exception {
        Files.writeString(dir.resolve("site.mapping.json"), "{\"netlmFhirMapping\": \"9.9\"}");
        Path config = dir.resolve("service.json");
        Files.writeString(config, "{\"fhirMappingFile\": \"site.mapping.json\"}");
        CliRun r = CliRun.run("serve", "--port", "0", "--no-auth", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("netlmFhirMapping").doesNotContain("\tat ");
    }
}
