package org.netlm.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.netlm.engine.NetlmEngine;
import org.netlm.testing.RuleFolder;

/**
 * The jar carries the bundled rules twice: as DRL text (the interface requires it; the catalogue and the
 * rule-set digest read it) and as the executable model pre-compiled by kie-maven-plugin. A misconfigured
 * plugin silently builds an empty model and strips the DRL: these tests catch both. The build also stores the
 * bundled rules' catalogue (CatalogPrecompiler), used only for exactly the text it was read from.
 */
class PrecompiledRulesTest {
    private static final Path RULES = Path.of("rules");

    @Test
    void thePrecompiledModelHoldsExactlyTheRulesOfTheBundledDrl() throws Exception {
        Optional<KieBase> pre = KieBaseFactory.precompiled();
        assertThat(pre).as("pre-compiled bundled rules on the classpath").isPresent();
        RuleCatalog catalog = RuleCatalog.read(RuleSource.fromDirectory(RULES), null);
        Set<String> compiled = RuleSet.ruleNames(pre.get());
        assertThat(compiled).as("rules in the pre-compiled KIE base").isNotEmpty()
            .containsExactlyInAnyOrderElementsOf(catalog.rules().stream().map(RuleInfo::name).toList());
    }

    @Test
    void thePreReadCatalogueIsTheCatalogueOfTheBundledDrl() {
        RuleSource bundled = RuleSource.bundled();
        RuleCatalog read = RuleCatalog.read(bundled, EvidenceRegistry.parse(bundled.evidenceJson()));
        Optional<RuleCatalog> stored = RuleCatalog.precompiled(bundled);
        assertThat(stored).as("catalogue stored by the build (CatalogPrecompiler, process-classes)").isPresent();
        assertThat(stored.get().rules()).isNotEmpty().containsExactlyElementsOf(read.rules());
        assertThat(stored.get().problems()).isEmpty();
        assertThat(stored.get().rules()).extracting(stored.get()::conditionsFullyRead)
            .containsExactlyElementsOf(read.rules().stream().map(read::conditionsFullyRead).toList())
            .as("some bundled rules are only partly read (e.g. SYS-23): the stored catalogue says which").contains(false);
    }

    @Test
    void aStoredCatalogueOfOtherRulesIsNotUsed(@TempDir Path tmp) throws Exception {
        RuleSource bundled = RuleSource.bundled();
        RuleCatalog read = RuleCatalog.read(bundled, EvidenceRegistry.parse(bundled.evidenceJson()));
        Path file = tmp.resolve("catalog.json");
        read.store(bundled.digest(), file);
        Path edited = RuleFolder.copyOfBundled(tmp.resolve("rules")).dir();
        Path drl = edited.resolve(bundled.drlFiles().get(0).path());
        Files.writeString(drl, Files.readString(drl) + "\n// an edit\n");
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(RuleCatalog.precompiled(RuleSource.fromDirectory(edited), in)).isEmpty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(RuleCatalog.precompiled(bundled, in)).isPresent();
        }
    }

    @Test
    void aCatalogueWithProblemsIsNotStored(@TempDir Path tmp) throws Exception {
        Path folder = RuleFolder.copyOfBundled(tmp.resolve("rules")).dir();
        Path drl = folder.resolve(RuleSource.bundled().drlFiles().get(0).path());
        Files.writeString(drl, Files.readString(drl).replaceFirst("@id\\(\"[^\"]*\"\\)", ""));
        RuleSource source = RuleSource.fromDirectory(folder);
        RuleCatalog read = RuleCatalog.read(source, EvidenceRegistry.parse(source.evidenceJson()));
        assertThat(read.problems()).isNotEmpty();
        Path file = tmp.resolve("catalog.json");
        assertThatThrownBy(() -> read.store(source.digest(), file)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("has no @id");
        assertThat(file).doesNotExist();
    }

    @Test
    void theDefaultEngineRunsOnThePrecompiledModel() {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        assertThat(engine.usesPrecompiledRules()).isTrue();
        assertThat(RuleSet.ruleNames(engine.kieBase())).hasSize(engine.catalog().rules().size());
    }

    @Test
    void anEditedFolderIsCompiledFromItsDrl() {
        NetlmEngine engine = NetlmEngine.fromDirectory(RULES);
        assertThat(engine.usesPrecompiledRules()).isFalse();
        assertThat(RuleSet.ruleNames(engine.kieBase())).hasSize(engine.catalog().rules().size());
    }

    @Test
    void theBundledDrlFilesShipBesideThePrecompiledModel() throws Exception {
        List<String> onDisk;
        try (Stream<Path> walk = Files.walk(RULES)) {
            onDisk = walk.filter(p -> p.toString().endsWith(".drl")).map(p -> RULES.relativize(p).toString().replace('\\', '/'))
                .sorted().toList();
        }
        assertThat(RuleSource.bundled().drlFiles()).extracting(RuleSource.DrlFile::path).isNotEmpty()
            .containsExactlyElementsOf(onDisk);
    }
}
