package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.engine.NetlmEngine;
import org.netlm.catalog.RuleInfo;

class CatalogCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theCatalogueListsEveryRuleWithItsPlaceRequirementsAndEvidence() {
        CliRun r = CliRun.run("catalog");

        assertThat(r.exit()).as(r.toString()).isZero();
        String md = r.out();
        assertThat(md).startsWith("# NETLM rule catalogue\n")
            .contains("\nKnowledge base version **2.0.0** (NETLM decision model version 2, ");
        for (RuleInfo rule : NetlmEngine.withDefaultRules().catalog().rules()) {
            assertThat(md).contains("#### " + rule.id() + ": ").contains("`" + rule.file() + ":" + rule.line() + "`");
        }
        String surg01 = md.substring(md.indexOf("#### SURG-01: "), md.indexOf("#### SURG-02: "));
        assertThat(surg01)
            .contains("Radical resection for resectable G1/G2 NET with a resection pattern")
            .contains("- **Produces:** `RADICAL_RESECTION` RECOMMENDED")
            .contains("  - `GRADE_G1_G2` met: grade G1 or G2")
            .contains("  - `EXTRAHEPATIC_DISEASE` not met (or unknown): metastases outside the liver")
            .contains("  - `XUE2025`: Xue J-S et al.");
        assertThat(md.indexOf("## Validation layer")).isLessThan(md.indexOf("## Classification layer"));
        assertThat(md.indexOf("## Classification layer")).isLessThan(md.indexOf("## Recommendation layer"));
        assertThat(md.indexOf("## Recommendation layer")).isLessThan(md.indexOf("## Resolution layer"));
        assertThat(md).contains("## Evidence cited").contains("DOI [10.3389/fendo.2025.1601185](https://doi.org/10.3389/fendo.2025.1601185)");
        assertThat(md).doesNotContain("\r");
    }

    @Test
    void theCatalogueIsTheSameOnEveryRunAndCanBeWrittenToAFile() throws Exception {
        Path out = tmp.resolve("rule-catalog.md");

        CliRun r = CliRun.run("catalog", "--output", out.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out)).isEqualTo(CliRun.run("catalog").out());
    }
}
