package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.testing.RuleFolder;

/** validate-rules: a misspelt criterion code, therapy or fact field is named at its own line, with the name meant. */
class ValidateRulesHintsTest {
    @TempDir
    Path tmp;

    @Test
    void misspeltNamesPointAtTheirLineWithADidYouMean() throws Exception {
        RuleFolder f = RuleFolder.copyOfBundled(tmp.resolve("rules"));
        f.replace("recommendation/systemic.drl", "met(CriterionCode.LOW_PROLIFERATION),", "met(CriterionCode.LOW_PROLIFERATON),");
        f.replace("recommendation/systemic.drl", "Therapy.PRRT, Strength.RECOMMENDED", "Therapy.PRTT, Strength.RECOMMENDED");
        f.replace("classification/grade.drl", "PatientCase( grade == null, ki67Percent == null", "PatientCase( grade == null, ki67Precent == null");

        CliRun r = CliRun.run("validate-rules", f.dir().toString());

        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains(
            "recommendation/systemic.drl:" + lineOf(f, "recommendation/systemic.drl", "LOW_PROLIFERATON")
                + ": CriterionCode.LOW_PROLIFERATON does not exist (did you mean LOW_PROLIFERATION?)",
            "recommendation/systemic.drl:" + lineOf(f, "recommendation/systemic.drl", "Therapy.PRTT")
                + ": Therapy.PRTT does not exist (did you mean PRRT?)",
            "classification/grade.drl:" + lineOf(f, "classification/grade.drl", "ki67Precent")
                + ": PatientCase has no field ki67Precent (did you mean ki67Percent?)");
    }

    private static int lineOf(RuleFolder f, String file, String text) throws Exception {
        List<String> lines = Files.readAllLines(f.dir().resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
