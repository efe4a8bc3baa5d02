package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlm.catalog.RuleInfo;
import org.netlm.testing.RuleFolder;

/**
 * An edited rule folder that does not compile, or breaks rule hygiene, is refused as a whole with every
 * problem as file, line and message: what an informatician needs to fix it.
 */
class RuleFolderCompilationTest {
    private static final String FILE = "recommendation/process.drl";

    @TempDir
    Path tmp;
    RuleFolder folder;

    /** Two rule files are enough to break (and compile much faster than the whole knowledge base). */
    @BeforeEach
    void copyRules() {
        folder = RuleFolder.copyOfBundled(tmp.resolve("rules"), FILE, "recommendation/surgery.drl");
    }

    private RuleCompilationException refused() {
        return catchThrowableOfType(RuleCompilationException.class, () -> NetlmEngine.fromDirectory(folder.dir()));
    }

    /** The appended block of {@code lines} lines starting at {@code first}. */
    private static void assertProblemInBlock(RuleCompilationException e, String file, int first, int lines, String... words) {
        assertThat(e).as("the folder must be refused").isNotNull();
        assertThat(e.getProblems()).as(e.getMessage()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(file);
            assertThat(p.line()).isBetween(first, first + lines - 1);
            for (String w : words) {
                assertThat(p.message()).containsIgnoringCase(w);
            }
            assertThat(e.getMessage()).contains(p.file() + ":" + p.line() + ": ");
        });
    }

    @Test
    void anUneditedCopyOfTheBundledRulesCompiles() {
        NetlmEngine engine = NetlmEngine.fromDirectory(RuleFolder.copyOfBundled(tmp.resolve("all")).dir());
        assertThat(engine.catalog().rules()).hasSameSizeAs(NetlmEngine.withDefaultRules().catalog().rules());
        assertThat(engine.sourceName()).isEqualTo(tmp.resolve("all").toString());
        NetlmEngine part = NetlmEngine.fromDirectory(folder.dir());
        assertThat(part.catalog().rules()).extracting(RuleInfo::file).containsOnly(FILE, "recommendation/surgery.drl");
    }

    @Test
    void aSyntaxErrorIsReportedWithFileAndLine() {
        int first = folder.append(FILE, """
            rule "Broken: missing closing parenthesis"
                @id("BROKEN-01") @evidence("XUE2025") @offers("SURVEILLANCE:CONSIDER")
            when
                Criterion( code == CriterionCode.NET, met
            then
                insert(Candidate.of(kcontext, Therapy.SURVEILLANCE, Strength.CONSIDER, "never"));
            end
            """);
        assertProblemInBlock(refused(), FILE, first, 7);
    }

    @Test
    void anUnknownFieldInAConstraintIsReportedWithFileAndLine() {
        int first = folder.append(FILE, """
            rule "Typo in a field name"
                @id("TYPO-01") @evidence("XUE2025") @offers("SURVEILLANCE:CONSIDER")
            when
                PatientCase( kii67Percent > 3 )
            then
                insert(Candidate.of(kcontext, Therapy.SURVEILLANCE, Strength.CONSIDER, "never"));
            end
            """);
        assertProblemInBlock(refused(), FILE, first, 7, "kii67Percent");
    }

    /** Files are read in path order: the later rule (surgery.drl) is reported, naming the earlier one. */
    @Test
    void aDuplicateIdIsReportedWithTheFileAndLineOfBothRules() {
        int first = folder.append(FILE, """
            rule "A second rule with the id of radical resection"
                @id("SURG-01") @evidence("XUE2025") @offers("SURVEILLANCE:CONSIDER")
            when
                PatientCase( ki67Percent > 3 )
            then
                insert(Candidate.of(kcontext, Therapy.SURVEILLANCE, Strength.CONSIDER, "never"));
            end
            """);
        RuleCompilationException e = refused();
        int surg01 = NetlmEngine.withDefaultRules().catalog().byId("SURG-01").orElseThrow().line();
        assertThat(e).isNotNull();
        assertThat(e.getProblems()).containsExactly(new RuleProblem("recommendation/surgery.drl", surg01,
            "duplicate @id(\"SURG-01\"): also used by rule \"A second rule with the id of radical resection\" at "
                + FILE + ":" + first));
    }

    @Test
    void aRuleWithoutEvidenceIsReportedWithFileAndLine() {
        int first = folder.append(FILE, """
            rule "Rule without evidence"
                @id("NOEVID-01") @offers("SURVEILLANCE:CONSIDER")
            when
                PatientCase( ki67Percent > 3 )
            then
                insert(Candidate.of(kcontext, Therapy.SURVEILLANCE, Strength.CONSIDER, "never"));
            end
            """);
        assertProblemInBlock(refused(), FILE, first, 1, "Rule without evidence", "no @evidence");
    }

    @Test
    void aRuleWithoutIdIsReportedWithFileAndLine() {
        int first = folder.append(FILE, """
            rule "Rule without id"
                @evidence("XUE2025") @offers("SURVEILLANCE:CONSIDER")
            when
                PatientCase( ki67Percent > 3 )
            then
                insert(Candidate.of(kcontext, Therapy.SURVEILLANCE, Strength.CONSIDER, "never"));
            end
            """);
        assertProblemInBlock(refused(), FILE, first, 1, "Rule without id", "no @id");
    }

    @Test
    void anUnknownEvidenceKeyIsReportedWithFileLineAndTheKey() {
        int first = folder.append(FILE, """
            rule "Rule citing a paper that is not in the registry"
                @id("BADEVID-01") @evidence("XUE2025, NOPE2099") @offers("SURVEILLANCE:CONSIDER")
            when
                PatientCase( ki67Percent > 3 )
            then
                insert(Candidate.of(kcontext, Therapy.SURVEILLANCE, Strength.CONSIDER, "never"));
            end
            """);
        RuleCompilationException e = refused();
        assertProblemInBlock(e, FILE, first, 1, "NOPE2099", "evidence.json");
        assertThat(e.getProblems()).noneMatch(p -> p.message().contains("\"XUE2025\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"update($p);", "modify($p) { }", "delete($p);", "retract($p);", "drools.update($p);"})
    void aRuleThatChangesFactsIsRejected(String write) {
        int first = folder.append(FILE, """
            rule "Rule that writes to the input"
                @id("WRITE-01") @evidence("XUE2025")
            when
                $p : PatientCase( ki67Percent > 3 )
            then
                %s
            end
            """.formatted(write));
        assertProblemInBlock(refused(), FILE, first, 7, "must not change facts");
    }

    @Test
    void aMissingEvidenceRegistryIsReported() {
        folder.delete("evidence.json");
        RuleCompilationException e = refused();
        assertThat(e).isNotNull();
        assertThat(e.getProblems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("evidence.json");
            assertThat(p.message()).contains("missing");
        });
    }

    @Test
    void aMissingKnowledgeVersionIsReportedAndNoEngineIsBuilt() {
        folder.delete("knowledge.json");
        RuleCompilationException e = refused();
        assertThat(e).isNotNull();
        assertThat(e.getProblems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("knowledge.json");
            assertThat(p.line()).isZero();
            assertThat(p.message()).contains("knowledge version is missing", "\"version\" (e.g. 2.0.0)");
        });
    }

    @Test
    void aMalformedKnowledgeVersionIsReportedTogetherWithTheOtherProblems() {
        folder.write("knowledge.json", "{\"version\": \"v2\", \"date\": \"2026-11-30\", \"model\": \"m\"}");
        folder.delete("evidence.json");
        RuleCompilationException e = refused();
        assertThat(e).isNotNull();
        assertThat(e.getProblems()).extracting(RuleProblem::describe)
            .anyMatch(m -> m.startsWith("knowledge.json:0: invalid knowledge version: \"version\" must be a semantic version"))
            .anyMatch(m -> m.startsWith("evidence.json:0: "));
    }

    @Test
    void aMalformedEvidenceRegistryIsReported() throws Exception {
        Files.writeString(folder.dir().resolve("evidence.json"), "{\"evidence\": [ {\"key\": \"X\"} ]}");
        RuleCompilationException e = refused();
        assertThat(e).isNotNull();
        assertThat(e.getProblems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("evidence.json");
            assertThat(p.message()).contains("invalid evidence registry", "label");
        });
    }

    @Test
    void aFolderWithoutRulesIsRefused() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.copy(folder.dir().resolve("evidence.json"), empty.resolve("evidence.json"));
        RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class, () -> NetlmEngine.fromDirectory(empty));
        assertThat(e).isNotNull();
        assertThat(e.getProblems()).extracting(RuleProblem::message).anyMatch(m -> m.contains("no .drl file"));
    }

    @Test
    void aFolderThatDoesNotExistIsAnIoErrorNamingIt() {
        Path nowhere = tmp.resolve("no-such-folder");
        assertThatThrownBy(() -> NetlmEngine.fromDirectory(nowhere))
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining(nowhere.toString());
    }

    @Test
    void everyProblemIsReportedAtOnceNotOnlyTheFirst() {
        folder.delete("evidence.json");
        int first = folder.append(FILE, """
            rule "Rule without evidence, again"
                @id("SURG-01")
            when
                PatientCase( kii67Percent > 3 )
            then
            end
            """);
        RuleCompilationException e = refused();
        assertThat(e).isNotNull();
        List<String> messages = e.getProblems().stream().map(RuleProblem::describe).toList();
        assertThat(messages).as(e.getMessage())
            .anyMatch(m -> m.startsWith("evidence.json:0: "))
            .anyMatch(m -> m.contains("duplicate @id") && m.endsWith(FILE + ":" + first))
            .anyMatch(m -> m.startsWith(FILE + ":" + first + ": ") && m.contains("no @evidence"))
            .anyMatch(m -> m.contains("kii67Percent"));
        assertThat(e.getMessage()).startsWith("Rules in " + folder.dir() + " cannot be used (" + e.getProblems().size() + " problems):");
        assertThat(e.getProblems()).doesNotHaveDuplicates();
    }
}
