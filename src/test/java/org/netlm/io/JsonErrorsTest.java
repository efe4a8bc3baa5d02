package org.netlm.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.ContentReference;
import org.junit.jupiter.api.Test;

/** A Jackson parse error as one line for a person. */
class JsonErrorsTest {

    private static JsonLocation at(int line, int column) {
        return new JsonLocation(ContentReference.unknown(), -1L, line, column);
    }

    @Test
    void theMessageGetsThePositionAndOnlyItsFirstLine() {
        JsonParseException e = new JsonParseException(null, "Unexpected character ('}')\n at [Source: …]", at(3, 14));
        assertThat(JsonErrors.describe(e)).isEqualTo("invalid JSON: Unexpected character ('}') (line 3, column 14)");
    }

    @Test
    void aLongMessageIsShortenedToTwoHundredCharacters() {
        JsonParseException e = new JsonParseException(null, "x".repeat(500), at(1, 1));
        String d = JsonErrors.describe(e);
        assertThat(d).startsWith("invalid JSON: xxx").endsWith("… (line 1, column 1)");
        assertThat(d.length()).isEqualTo("invalid JSON: ".length() + 198 + " (line 1, column 1)".length());
        assertThat(JsonErrors.describe(new JsonParseException(null, "y".repeat(200), at(1, 1))))
            .isEqualTo("invalid JSON: " + "y".repeat(200) + " (line 1, column 1)");
    }

    @Test
    void withoutAPositionTheFallbackIsUsedOrNoneIsShown() {
        JsonParseException e = new JsonParseException(null, "too deep", (JsonLocation) null);
        assertThat(JsonErrors.describe(e)).isEqualTo("invalid JSON: too deep");
        assertThat(JsonErrors.describe(e, at(7, 2))).isEqualTo("invalid JSON: too deep (line 7, column 2)");
        assertThat(JsonErrors.describe(e, JsonLocation.NA)).isEqualTo("invalid JSON: too deep");
        assertThat(JsonErrors.describe(new JsonParseException(null, "bad", at(2, 5)), at(9, 9)))
            .isEqualTo("invalid JSON: bad (line 2, column 5)");
    }

    @Test
    void aMessageStartingWithALineBreakKeepsNothingOfTheSecondLine() {
        assertThat(JsonErrors.describe(new JsonParseException(null, "\nsource dump", at(4, 1))))
            .isEqualTo("invalid JSON:  (line 4, column 1)");
    }

    @Test
    void lineZeroIsAPositionButANegativeLineIsNone() {
        assertThat(JsonErrors.describe(new JsonParseException(null, "m", at(0, 3)))).isEqualTo("invalid JSON: m (line 0, column 3)");
        assertThat(JsonErrors.describe(new JsonParseException(null, "m", at(-1, 3)))).isEqualTo("invalid JSON: m");
    }

    @Test
    void anExceptionWithoutMessageSaysTheTextCannotBeParsedWithoutNamingAJavaClass() {
        assertThat(JsonErrors.describe(new JsonParseException(null, (String) null, at(1, 2))))
            .isEqualTo("invalid JSON: cannot be parsed (line 1, column 2)");
    }

    @Test
    void jacksonsHintsForProgrammersAreLeftOut() {
        assertThat(JsonErrors.plain("Trailing token (of type START_OBJECT) found after value (bound as "
            + "`com.fasterxml.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`"))
            .isEqualTo("Trailing token (of type START_OBJECT) found after value");
        assertThat(JsonErrors.plain("Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"))
            .isEqualTo("Non-standard token 'NaN'");
        assertThat(JsonErrors.plain("Document nesting depth (21) exceeds the maximum allowed (20, from "
            + "`StreamReadConstraints.getMaxNestingDepth()`)"))
            .isEqualTo("Document nesting depth (21) exceeds the maximum allowed (20)");
        assertThat(JsonErrors.plain("  plain message  ")).isEqualTo("plain message");
    }
}
