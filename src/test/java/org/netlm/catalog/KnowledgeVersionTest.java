package org.netlm.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** knowledge.json: a semantic version, a date and the model, every problem named at once. */
class KnowledgeVersionTest {

    @Test
    void aWellFormedFileIsRead() {
        KnowledgeVersion k = KnowledgeVersion.parse("""
            {"_comment": "comments are allowed", "version": "2.0.0", "date": "2026-11-30", "model": "NETLM decision model version 2"}
            """);

        assertThat(k).isEqualTo(new KnowledgeVersion("2.0.0", LocalDate.of(2026, 11, 30), "NETLM decision model version 2"));
        assertThat(k.describe()).isEqualTo("2.0.0 (NETLM decision model version 2, 2026-11-30)");
    }

    @Test
    void preReleaseAndBuildSuffixesOfSemanticVersioningAreAccepted() {
        assertThat(KnowledgeVersion.parse("{\"version\": \"2.1.0-rc.1+review.3\", \"date\": \"2027-01-02\", \"model\": \"m\"}").version())
            .isEqualTo("2.1.0-rc.1+review.3");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            Arguments.of("not json", "not valid JSON"),
            Arguments.of("[]", "expected an object with \"version\", \"date\" and \"model\""),
            Arguments.of("{\"date\": \"2026-11-30\", \"model\": \"m\"}", "\"version\" is missing"),
            Arguments.of("{\"version\": \"2.0\", \"date\": \"2026-11-30\", \"model\": \"m\"}", "must be a semantic version such as 2.0.0, not \"2.0\""),
            Arguments.of("{\"version\": \"02.0.0\", \"date\": \"2026-11-30\", \"model\": \"m\"}", "not \"02.0.0\""),
            Arguments.of("{\"version\": 2, \"date\": \"2026-11-30\", \"model\": \"m\"}", "\"version\" must be a non-empty string"),
            Arguments.of("{\"version\": \"2.0.0\", \"date\": \"2026-13-01\", \"model\": \"m\"}", "\"date\" must be a date such as 2026-11-30"),
            Arguments.of("{\"version\": \"2.0.0\", \"date\": \"2026-11-30\", \"model\": \" \"}", "\"model\" must be a non-empty string"),
            Arguments.of("{\"version\": \"2.0.0\", \"date\": \"2026-11-30\", \"model\": \"m\", \"versoin\": \"3\"}", "unknown field \"versoin\""));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedFileIsRefusedWithTheReason(String json, String reason) {
        assertThatThrownBy(() -> KnowledgeVersion.parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> KnowledgeVersion.parse("{\"version\": \"two\", \"model\": \"\"}"))
            .hasMessageContaining("\"version\" must be a semantic version")
            .hasMessageContaining("\"date\" is missing")
            .hasMessageContaining("\"model\" must be a non-empty string");
    }
}
