package org.netlm.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.CatalogMarkdown;

/**
 * The committed rule catalogue for clinical reviewers must be the one the rules generate today.
 * Regenerate it with {@code mvn -B test -Dtest=RuleCatalogDocTest -Dnetlm.updateDocs=true}
 * (or {@code java -jar target/netlm-rules-*-cli.jar catalog --output docs/rule-catalog.md}).
 */
class RuleCatalogDocTest {
    private static final Path DOC = Path.of("docs/rule-catalog.md");

    @Test
    void theCommittedRuleCatalogueMatchesTheRules() throws Exception {
        String generated = CatalogMarkdown.render(NetlmEngine.withDefaultRules());
        if (Boolean.getBoolean("netlm.updateDocs")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOC)).as(DOC + " is missing; regenerate it (see this test's javadoc)").isTrue();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
            .as(DOC + " is out of date with rules/: regenerate it with "
                + "mvn -B test -Dtest=RuleCatalogDocTest -Dnetlm.updateDocs=true")
            .isEqualTo(generated);
    }
}
