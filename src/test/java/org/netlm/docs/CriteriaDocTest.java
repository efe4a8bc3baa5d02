package org.netlm.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.netlm.model.CriterionCode;

/** docs/criteria.md is generated from CriterionCode and must be committed up to date. */
class CriteriaDocTest {
    static final String REGENERATE = "docs/criteria.md is out of date with org.netlm.model.CriterionCode. Regenerate it from the"
        + " repository root with:  mvn -o -q compile && java -cp target/classes org.netlm.docs.CriteriaDoc docs/criteria.md"
        + "   (or: mvn -o -q test -Dtest=CriteriaDocTest -Dnetlm.writeDocs=true), then commit it.";

    @Test
    void theCommittedCriteriaPageMatchesTheEnum() throws Exception {
        Path page = Path.of(CriteriaDoc.PATH);
        String expected = CriteriaDoc.render();
        if (Boolean.getBoolean("netlm.writeDocs")) {
            Files.writeString(page, expected, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "(missing)";
        assertThat(committed).as(REGENERATE).isEqualTo(expected);
    }

    @Test
    void everyCriterionIsListedWithItsDefinitionAndInputFields() {
        String page = CriteriaDoc.render();
        for (CriterionCode c : CriterionCode.values()) {
            StringBuilder row = new StringBuilder("| `" + c.name() + "` | " + c.description() + " | ");
            row.append(String.join(", ", c.fields().stream().map(f -> "`" + f + "`").toList())).append(" |");
            assertThat(page).as(c.name()).contains(row);
        }
        assertThat(page).contains("| `sstrStatus` | `SSTR_POSITIVE`, `SSTR_NEGATIVE` |");
    }
}
