package org.netlm.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a rule folder: every .drl file by its relative path, in path order, plus the evidence registry. */
class RuleSourceTest {

    @Test
    void aFolderIsReadRecursivelyInPathOrderWithForwardSlashes(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("b/c"));
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("b/c/z.drl"), "// z");
        Files.writeString(dir.resolve("a/y.drl"), "// y");
        Files.writeString(dir.resolve("top.drl"), "// top");
        Files.writeString(dir.resolve("a/notes.txt"), "not a rule");
        Files.createDirectories(dir.resolve("a/folder.drl"));
        Files.writeString(dir.resolve("evidence.json"), "{\"evidence\": []}");
        Files.writeString(dir.resolve("knowledge.json"), "{\"version\": \"1.0.0\"}");
        RuleSource s = RuleSource.fromDirectory(dir);
        assertThat(s.drlFiles()).extracting(RuleSource.DrlFile::path).containsExactly("a/y.drl", "b/c/z.drl", "top.drl");
        assertThat(s.drlFiles()).extracting(RuleSource.DrlFile::content).containsExactly("// y", "// z", "// top");
        assertThat(s.evidenceJson()).isEqualTo("{\"evidence\": []}");
        assertThat(s.knowledgeJson()).isEqualTo("{\"version\": \"1.0.0\"}");
        assertThat(s.name()).isEqualTo(dir.toString());
    }

    @Test
    void aFolderWithoutRegistryHasNoEvidenceText(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("r.drl"), "// r");
        assertThat(RuleSource.fromDirectory(dir).evidenceJson()).isNull();
        assertThat(RuleSource.fromDirectory(dir).knowledgeJson()).isNull();
    }

    @Test
    void aFileOrAMissingPathIsNotARuleFolder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("r.drl"), "// r");
        assertThatThrownBy(() -> RuleSource.fromDirectory(file)).isInstanceOf(NotDirectoryException.class).hasMessageContaining("r.drl");
        assertThatThrownBy(() -> RuleSource.fromDirectory(dir.resolve("none"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void theBundledRulesAreTheRulesFolderOfTheProject() throws Exception {
        RuleSource bundled = RuleSource.bundled();
        assertThat(bundled.name()).isEqualTo("bundled rules");
        assertThat(bundled.evidenceJson()).contains("\"evidence\"");
        assertThat(bundled.knowledgeJson()).contains("\"version\"");
        assertThat(bundled.drlFiles()).extracting(RuleSource.DrlFile::path)
            .contains("classification/grade.drl", "recommendation/surgery.drl", "resolution/tumour-board.drl", "validation/data-quality.drl")
            .isSorted();
    }

    @Test
    void theListOfFilesCannotBeChanged() {
        List<RuleSource.DrlFile> files = new ArrayList<>(List.of(new RuleSource.DrlFile("a.drl", "x")));
        RuleSource s = new RuleSource("t", files, null);
        files.clear();
        assertThat(s.drlFiles()).hasSize(1);
        assertThatThrownBy(() -> s.drlFiles().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
