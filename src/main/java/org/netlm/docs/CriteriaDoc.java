package org.netlm.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.netlm.model.CriterionCode;

/**
 * Generates {@code docs/criteria.md} from {@link CriterionCode}: every criterion with its definition and the patient
 * fields that decide it, so that the page cannot drift from the enum. A test fails when the committed page is out
 * of date. Regenerate with (from the repository root, after {@code mvn -o -q compile}):
 *
 * <pre>{@code java -cp target/classes org.netlm.docs.CriteriaDoc docs/criteria.md}</pre>
 *
 * or {@code mvn -o -q test -Dtest=CriteriaDocTest -Dnetlm.writeDocs=true}.
 */
public final class CriteriaDoc {
    /** Where the page lives, relative to the repository root. */
    public static final String PATH = "docs/criteria.md";

    private CriteriaDoc() {
    }

    /** The page, as Markdown. */
    public static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Criteria\n\n");
        sb.append("<!-- Generated from org.netlm.model.CriterionCode by org.netlm.docs.CriteriaDoc: do not edit by hand.\n");
        sb.append("     Regenerate: mvn -o -q compile && java -cp target/classes org.netlm.docs.CriteriaDoc docs/criteria.md -->\n\n");
        sb.append("The classification layer derives every criterion below once per patient, as a `Criterion` fact with a state:\n");
        sb.append("`MET`, `UNMET`, or `UNKNOWN` when the data to decide it are missing (a field that is absent, or `UNKNOWN` for\n");
        sb.append("`sstrStatus`, `diseaseStatus` and `primaryStatus`). Recommendation rules match on these criteria, and the\n");
        sb.append("explanations (why / why not) name them: a criterion that is `UNKNOWN` and would need data is reported with the\n");
        sb.append("input fields listed here. Scenario files refer to criteria by code (`\"blockedBy\": { \"PRRT\": [\"SSTR_POSITIVE\"] }`)\n");
        sb.append("and to input fields by name (`\"missingInputs\": { \"PRRT\": [\"sstrStatus\"] }`).\n\n");
        sb.append("The flags `symptomatic`, `functional`, `portalVeinThrombosis` and `biliaryEntericAnastomosis` count as false when\n");
        sb.append("absent, so their criteria are never `UNKNOWN`; an absent `ecog` or `childPugh` counts as fit for `FIT_FOR_SURGERY`.\n\n");
        sb.append("| # | Code | Definition | Input fields |\n");
        sb.append("|---|---|---|---|\n");
        int i = 1;
        for (CriterionCode c : CriterionCode.values()) {
            sb.append("| ").append(i++).append(" | `").append(c.name()).append("` | ").append(escape(c.description())).append(" | ")
                .append(fields(c.fields())).append(" |\n");
        }
        sb.append("\n## By input field\n\n");
        sb.append("The criteria each patient field decides (what giving a missing field can change).\n\n");
        sb.append("| Input field | Criteria |\n");
        sb.append("|---|---|\n");
        Map<String, List<String>> byField = new TreeMap<>();
        for (CriterionCode c : CriterionCode.values()) {
            for (String f : c.fields()) {
                byField.computeIfAbsent(f, k -> new ArrayList<>()).add("`" + c.name() + "`");
            }
        }
        byField.forEach((f, codes) -> sb.append("| `").append(f).append("` | ").append(String.join(", ", codes)).append(" |\n"));
        return sb.toString();
    }

    private static String fields(List<String> fields) {
        List<String> out = new ArrayList<>();
        fields.forEach(f -> out.add("`" + f + "`"));
        return String.join(", ", out);
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }

    /** Writes the page to {@code args[0]} (default {@value #PATH}). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : PATH);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, render(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + out.toAbsolutePath());
    }
}
