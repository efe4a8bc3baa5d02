package org.netlm.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each CriterionCode constant's javadoc states the criterion in the words of its description() (first letter
 * capitalised, a full stop added; {@code &nbsp;} where a space must not end javadoc's summary sentence, as after
 * "e.g."), so the API documentation and the explanations cannot drift apart.
 */
class CriterionCodeJavadocTest {
    private static final Path SOURCE = Path.of("src/main/java/org/netlm/model/CriterionCode.java");
    private static final Pattern CONSTANT = Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*([A-Z0-9_]+)\\(", Pattern.DOTALL);
    private static final Map<String, String> JAVADOC = javadocByConstant();

    @ParameterizedTest
    @EnumSource(CriterionCode.class)
    void theConstantsJavadocIsItsDescription(CriterionCode code) {
        String d = code.description();
        assertThat(JAVADOC.get(code.name()))
            .as("javadoc of CriterionCode.%s in %s (write its description(), capitalised, with a full stop)", code.name(), SOURCE)
            .isEqualTo(Character.toUpperCase(d.charAt(0)) + d.substring(1) + ".");
    }

    private static Map<String, String> javadocByConstant() {
        try {
            Matcher m = CONSTANT.matcher(Files.readString(SOURCE, StandardCharsets.UTF_8));
            Map<String, String> byName = new LinkedHashMap<>();
            while (m.find()) {
                byName.put(m.group(2), m.group(1).replaceAll("\\s*\\n\\s*\\*", " ").replace("&nbsp;", " ").strip().replaceAll("\\s+", " "));
            }
            return byName;
        } catch (IOException e) {
            throw new IllegalStateException(SOURCE + " not readable (run the tests from the repository root)", e);
        }
    }
}
