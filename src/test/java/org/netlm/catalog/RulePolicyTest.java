package org.netlm.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.netlm.engine.NetlmEngine;
import org.netlm.engine.RuleCompilationException;
import org.netlm.engine.RuleProblem;
import org.netlm.catalog.RuleSource;
import org.netlm.testing.Patients;
import org.netlm.testing.RuleFolder;

/**
 * The rule policy (docs/rule-policy.md) on a corpus of hostile rule folders (src/test/resources/hostile-rules, one
 * folder per attack, each with the violations it must produce in expected.txt), on the bundled rules and on a folder
 * that uses everything the policy allows.
 */
class RulePolicyTest {
    @TempDir
    Path tmp;

    static Path resource(String name) {
        try {
            return Path.of(RulePolicyTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> hostileFolders() throws IOException {
        try (Stream<Path> dirs = Files.list(resource("hostile-rules"))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    static Map<String, String> drlFiles(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.toString().endsWith(".drl")) {
                    files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static List<String> expected(String folder) throws IOException {
        return Files.readAllLines(resource("hostile-rules").resolve(folder).resolve("expected.txt")).stream()
            .filter(l -> !l.isBlank()).toList();
    }

    /** A usable rule folder: the hostile (or clean) DRL plus the bundled folder's other files (evidence registry, …). */
    Path ruleFolder(Path drlDir) throws IOException {
        Path dir = tmp.resolve("rules");
        for (Map.Entry<String, String> f : drlFiles(drlDir).entrySet()) {
            Path to = dir.resolve(f.getKey());
            Files.createDirectories(to.getParent());
            Files.writeString(to, f.getValue(), StandardCharsets.UTF_8);
        }
        RuleFolder.copyBundledNonRuleFiles(dir);
        return dir;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFolders")
    void eachHostileFolderIsRefusedWithTheExpectedFileLineAndExpression(String folder) throws IOException {
        List<String> expected = expected(folder);
        List<String> actual = RulePolicy.check(drlFiles(resource("hostile-rules").resolve(folder))).stream()
            .map(PolicyViolation::describe).toList();

        assertThat(expected).as("expected.txt of " + folder).isNotEmpty();
        assertThat(actual).as(String.join("\n", actual)).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).startsWith(expected.get(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFolders")
    void theEngineRefusesEachHostileFolderWithThePolicyProblems(String folder) throws IOException {
        Path dir = ruleFolder(resource("hostile-rules").resolve(folder));

        RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class, () -> NetlmEngine.fromDirectory(dir));

        assertThat(e).as("the folder must be refused").isNotNull();
        List<String> problems = e.getProblems().stream().map(RuleProblem::describe).toList();
        for (String line : expected(folder)) {
            assertThat(problems).as(e.getMessage()).anyMatch(p -> p.startsWith(line));
        }
    }

    @Test
    void aRefusedFolderIsNeverCompiled() throws IOException {
        Path dir = ruleFolder(resource("hostile-rules").resolve("system-exit"));
        // a type error only the compiler finds: reported only if the folder were compiled
        Path drl = dir.resolve("rules.drl");
        Files.writeString(drl, Files.readString(drl).replace("System.exit(42);", "System.exit(42);\n    int notText = \"text\";"));

        RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class, () -> NetlmEngine.fromDirectory(dir));

        assertThat(e.getProblems()).extracting(RuleProblem::describe)
            .containsExactly("rules.drl:13: System.exit(...) is not allowed in a rule consequence: java.lang.System is not a "
                + "type rules may use (docs/rule-policy.md)");
    }

    @Test
    void theBundledRulesKeepToThePolicy() {
        RuleSource bundled = RuleSource.bundled();
        Map<String, String> files = new TreeMap<>();
        bundled.drlFiles().forEach(f -> files.put(f.path(), f.content()));

        assertThat(files).hasSizeGreaterThan(5);
        assertThat(RulePolicy.check(files)).isEmpty();
    }

    @Test
    void aFolderUsingWhatThePolicyAllowsPassesCompilesAndRuns() throws IOException {
        Path drlDir = resource("policy-clean");
        assertThat(RulePolicy.check(drlFiles(drlDir))).extracting(PolicyViolation::describe).isEmpty();

        NetlmEngine engine = NetlmEngine.fromDirectory(ruleFolder(drlDir));

        assertThat(engine.assess(Patients.resectableG2("clean")).firedRules()).contains("CLEAN-01");
    }

    /** One rule with {@code when} and {@code then} as given: the line of the condition is 6, of the consequence 8. */
    static Map<String, String> oneRule(String when, String then) {
        return Map.of("a.drl", """
            package org.netlm.rules.x;
            import org.netlm.model.*;
            import org.netlm.model.fact.*;
            declare Tick count : int end
            rule "r" when
                %s
            then
                %s
            end
            """.formatted(when, then));
    }

    static Stream<Arguments> misspellings() {
        return Stream.of(
            // a project enum's constant, a static member, a field and a method of the matched fact, a declared field
            args("Criteria( met(CriterionCode.LOW_PROLIFERATON) )", "",
                "a.drl:6: CriterionCode.LOW_PROLIFERATON does not exist (did you mean LOW_PROLIFERATION?)"),
            args("PatientCase()", "insert(Candidate.of(kcontext, Therapy.PRTT, Strength.RECOMMENDED, \"x\"));",
                "a.drl:8: Therapy.PRTT does not exist (did you mean PRRT?)"),
            args("PatientCase()", "insert(WarningFact.off(WarningCode.GRADE_UNKNOWN, \"x\"));",
                "a.drl:8: WarningFact.off(...) does not exist (did you mean of?)"),
            args("PatientCase( ki67Precent == null )", "", "a.drl:6: PatientCase has no field ki67Precent (did you mean ki67Percent?)"),
            args("$p : PatientCase()", "if ($p.getKi67Precent() == null) { }",
                "a.drl:8: PatientCase has no method getKi67Precent (did you mean getKi67Percent?)"),
            args("Criteria( mett(CriterionCode.NET) )", "", "a.drl:6: Criteria has no method mett (did you mean met?)"),
            args("$p : PatientCase( $g : grade )", "switch ($g) { case G4: break; default: break; }",
                "a.drl:8: Grade.G4 does not exist"),
            args("Tick( cuont > 1 )", "", "a.drl:6: Tick has no field cuont (did you mean count?)"),
            // a name that exists but is refused stays a policy violation
            args("$p : PatientCase()", "String s = $p.getClass().getName();",
                "a.drl:8: $p.getClass(...) is not allowed in a rule consequence: it is not on the rule allow-list for PatientCase"),
            args("$t : Therapy( declaringClass != null )", "",
                "a.drl:6: name declaringClass is not allowed in a condition: it is not a variable, a field of the matched fact"));
    }

    private static Arguments args(String when, String then, String message) {
        return Arguments.of(when, then, message);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("misspellings")
    void aMisspeltProjectNameIsAMistakeSaidWithTheNameMeantNotAPolicyViolation(String when, String then, String message) {
        assertThat(RulePolicy.check(oneRule(when, then))).extracting(PolicyViolation::describe)
            .singleElement().asString().startsWith(message);
    }

    @Test
    void aUnicodeEscapeIsRefusedEvenInsideAStringOrAComment() {
        Map<String, String> files = Map.of("a.drl", """
            package org.netlm.rules.x;
            // \\u0041 in a comment
            rule "r" when then
                String s = "\\u0022);";
            end
            """);

        assertThat(RulePolicy.check(files)).extracting(PolicyViolation::line).contains(2, 4);
    }

    @Test
    void anEscapedBackslashBeforeUIsNoUnicodeEscape() {
        Map<String, String> files = Map.of("a.drl", """
            package org.netlm.rules.x;
            import org.netlm.model.*;
            import org.netlm.model.fact.*;
            rule "r" when PatientCase() then
                insert(WarningFact.of(WarningCode.GRADE_UNKNOWN, "C:\\\\users"));
            end
            """);

        assertThat(RulePolicy.check(files)).isEmpty();
    }
}
