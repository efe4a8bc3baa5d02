package org.netlm.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlm.model.Citation;

/** The evidence registry of a rule folder: strict about its shape, and the only place citations come from. */
class EvidenceRegistryTest {

    @Test
    void entriesAreReadWithUnverifiedIdentifiersLeftNull() {
        EvidenceRegistry r = EvidenceRegistry.parse("""
            {"evidence": [
              {"key": "A", "label": "Paper A", "doi": "10.1/a", "pmid": "123", "finding": "x"},
              {"key": "B", "label": "Paper B", "doi": null, "pmid": null},
              {"key": "C", "label": "Paper C"}
            ]}""");
        assertThat(r.all()).containsExactly(new Citation("A", "Paper A", "10.1/a", "123"),
            new Citation("B", "Paper B", null, null), new Citation("C", "Paper C", null, null));
        assertThat(r.find("A")).contains(new Citation("A", "Paper A", "10.1/a", "123"));
        assertThat(r.find("Z")).isEmpty();
        assertThat(r.contains("B")).isTrue();
        assertThat(r.contains("b")).isFalse();
        assertThat(r.citations(List.of("C", "Z", "A"))).extracting(Citation::key).containsExactly("C", "A");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "{\"evidence\": {}}", "{\"evidence\": \"A\"}", "null"})
    void aRegistryWithoutAnEvidenceListIsRefused(String json) {
        assertThatThrownBy(() -> EvidenceRegistry.parse(json)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("expected an object with an \"evidence\" array");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"evidence\": [{\"key\": \"A\"}]}", "{\"evidence\": [{\"label\": \"A\"}]}",
        "{\"evidence\": [{\"key\": null, \"label\": \"A\"}]}"})
    void anEntryWithoutKeyOrLabelIsRefused(String json) {
        assertThatThrownBy(() -> EvidenceRegistry.parse(json)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("every entry needs \"key\" and \"label\"");
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        assertThatThrownBy(() -> EvidenceRegistry.parse(
            "{\"evidence\": [{\"key\": \"A\", \"label\": \"1\"}, {\"key\": \"A\", \"label\": \"2\"}]}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate key A");
    }

    @Test
    void textThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> EvidenceRegistry.parse("{evidence: ")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("not valid JSON: ");
    }

    @Test
    void theRegistryCannotBeChangedThroughItsViews() {
        EvidenceRegistry r = EvidenceRegistry.parse("{\"evidence\": [{\"key\": \"A\", \"label\": \"1\"}]}");
        assertThatThrownBy(() -> r.all().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
