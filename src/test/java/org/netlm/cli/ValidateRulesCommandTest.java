package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateRulesCommandTest {
    @TempDir
    Path tmp;

    static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    static int ruleLineBefore(Path file, String annotation) throws Exception {
        int at = lineOf(file, annotation);
        List<String> lines = Files.readAllLines(file);
        for (int i = at - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("rule ")) {
                return i + 1;
            }
        }
        throw new AssertionError("no rule keyword before " + annotation);
    }

    @Test
    void theBundledRulesAreCleanAndSummarisedOnOneLine() {
        CliRun r = CliRun.run("validate-rules");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).matches("OK: \\d+ rules in 14 files \\(bundled rules\\), knowledge 2\\.0\\.0 "
            + "\\(NETLM decision model version 2, \\d{4}-\\d\\d-\\d\\d\\), rule set \\S+\\n");
    }

    @Test
    void aFolderWithoutItsKnowledgeVersionExitsWith2NamingTheFile() throws Exception {
        Path rules = RuleFolders.copyOfBundledRules(tmp.resolve("rules"));
        Files.delete(rules.resolve("knowledge.json"));

        CliRun r = CliRun.run("validate-rules", rules.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("knowledge.json:0: the knowledge version is missing from the rule folder")
            .doesNotContain("Exception");
    }

    @Test
    void aMalformedKnowledgeVersionExitsWith2SayingWhatIsWrong() throws Exception {
        Path rules = RuleFolders.copyOfBundledRules(tmp.resolve("rules"));
        Files.writeString(rules.resolve("knowledge.json"), "{\"version\": \"2.0\", \"date\": \"30.11.2026\", \"model\": \"v2\"}");

        CliRun r = CliRun.run("validate-rules", rules.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("knowledge.json:0: invalid knowledge version: ")
            .contains("\"version\" must be a semantic version such as 2.0.0, not \"2.0\"")
            .contains("\"date\" must be a date such as 2026-11-30, not \"30.11.2026\"");
    }

    @Test
    void aCleanCopyOfTheRuleFolderPasses() throws Exception {
        Path rules = RuleFolders.copyOfBundledRules(tmp.resolve("rules"));

        CliRun r = CliRun.run("validate-rules", rules.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("OK: ").contains(" files (" + rules + ")");
    }

    @Test
    void aSyntaxErrorAppendedToADrlExitsWith2NamingFileAndLine() throws Exception {
        Path rules = RuleFolders.copyOfBundledRules(tmp.resolve("rules"));
        Path drl = rules.resolve("recommendation/systemic.drl");
        int before = Files.readAllLines(drl).size();
        Files.writeString(drl, "\nrule \"broken\"\nwhen\n    Criterion( code == \nthen\nend\n", StandardOpenOption.APPEND);

        CliRun r = CliRun.run("validate-rules", rules.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines())
            .anySatisfy(l -> assertThat(l).matches("recommendation/systemic\\.drl:(\\d+): .*")
                .satisfies(x -> assertThat(Integer.parseInt(x.split(":")[1])).isBetween(before + 2, before + 6)));
        assertThat(r.err()).doesNotContain("\tat ");
        assertThat(r.err()).as("Drools' echo of the parse error adds nothing").doesNotContain("Parser returned a null Package");
    }

    @Test
    void aDuplicateIdExitsWith2AtTheSecondRule() throws Exception {
        Path rules = RuleFolders.copyOfBundledRules(tmp.resolve("rules"));
        Path drl = rules.resolve("recommendation/surgery.drl");
        int line = ruleLineBefore(drl, "@id(\"SURG-02\")");
        Files.writeString(drl, Files.readString(drl).replace("@id(\"SURG-02\")", "@id(\"SURG-01\")"));

        CliRun r = CliRun.run("validate-rules", rules.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("recommendation/surgery.drl:" + line + ": duplicate @id(\"SURG-01\")");
    }

    @Test
    void aRuleWithoutItsClinicalCommentExitsWith2WithFileAndLine() throws Exception {
        Path rules = RuleFolders.copyOfBundledRules(tmp.resolve("rules"));
        Path drl = rules.resolve("recommendation/systemic.drl");
        int line = ruleLineBefore(drl, "@id(\"SYS-09\")");
        String text = Files.readString(drl);
        String comment = "// Sunitinib for progressive advanced G1/G2 pancreatic NET.\n";
        assertThat(text).contains(comment);
        Files.writeString(drl, text.replace(comment, ""));

        CliRun r = CliRun.run("validate-rules", rules.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("recommendation/systemic.drl:" + (line - 1) + ": rule \"Sunitinib for progressive advanced G1/G2 pancreatic NET\" has no // comment");
    }

    @Test
    void anUnknownEvidenceKeyExitsWith2WithFileAndLine() throws Exception {
        Path rules = RuleFolders.copyOfBundledRules(tmp.resolve("rules"));
        Path drl = rules.resolve("recommendation/surgery.drl");
        int line = ruleLineBefore(drl, "@id(\"SURG-03\")");
        String text = Files.readString(drl);
        int at = text.indexOf("@id(\"SURG-03\") @evidence(\"");
        int open = text.indexOf("@evidence(\"", at) + "@evidence(\"".length();
        Files.writeString(drl, text.substring(0, open) + "NOPE2099, " + text.substring(open));

        CliRun r = CliRun.run("validate-rules", rules.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).containsPattern("recommendation/surgery\\.drl:" + line + ": .*\"NOPE2099\" is not in evidence\\.json");
    }

    @Test
    void aMissingFolderExitsWith2() {
        CliRun r = CliRun.run("validate-rules", tmp.resolve("nothing-here").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("cannot read rule folder ");
    }
}
