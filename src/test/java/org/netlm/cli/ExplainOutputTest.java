package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explanations reach the reader: a JSON section keyed by therapy, and the text report's "Why and why not". */
class ExplainOutputTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Progressive G2 small-intestinal NET, SSTR status not known, after SSA. */
    static final String NO_SSTR = "{\"id\":\"x1\",\"primarySite\":\"SMALL_INTESTINE\",\"primaryStatus\":\"RESECTED\",\"differentiation\":\"WELL\","
        + "\"ki67Percent\":5,\"liverLesionCount\":20,\"bilobar\":true,\"liverTumorBurdenPercent\":30,\"extrahepaticDisease\":false,"
        + "\"ecog\":1,\"childPugh\":\"A\",\"diseaseStatus\":\"PROGRESSIVE\",\"creatinineClearanceMlMin\":80,"
        + "\"priorTherapies\":[{\"therapy\":\"SOMATOSTATIN_ANALOGUE\",\"outcome\":\"PROGRESSION\"}]}";

    @TempDir
    Path tmp;

    Path write(String content) throws Exception {
        Path p = tmp.resolve("p.json");
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void theJsonExplainsEachTherapyByKeyWithTheInputsThatWouldDecideIt() throws Exception {
        CliRun r = CliRun.run("evaluate", write(NO_SSTR).toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode missing = JSON.readTree(r.out()).get("missingInputs");
        assertThat(missing).as("in the default output").isNotNull();
        JsonNode sstr = missing.get(0).get("finding").asText().equals("sstrStatus") ? missing.get(0) : missing.get(1);
        assertThat(sstr.get("fields").toString()).isEqualTo("[\"sstrStatus\"]");
        assertThat(sstr.get("criteria").toString()).contains("SSTR_POSITIVE");
        assertThat(sstr.get("decides").toString()).contains("\"PRRT\"");
        JsonNode e = JSON.readTree(r.out()).get("explanations");
        JsonNode prrt = e.get("PRRT").get("why");
        assertThat(prrt.get("strength").asText()).isEqualTo("CONSIDER");
        assertThat(prrt.get("deciding").get("ruleId").asText()).isEqualTo("SYS-14");
        assertThat(prrt.get("limits").get(0).get("ruleId").asText()).isEqualTo("SYS-16");
        assertThat(prrt.get("giveToUpgrade").toString()).contains("sstrStatus");
        JsonNode sunitinib = e.get("SUNITINIB").get("whyNot");
        assertThat(sunitinib.get("strength").asText()).isEqualTo("NOT_RECOMMENDED");
        assertThat(sunitinib.get("negativeRules").get(0).get("ruleId").asText()).isEqualTo("SYS-11");
        JsonNode cabo = e.get("CABOZANTINIB").get("whyNot");
        assertThat(cabo.get("blockedBy").get(0).get("code").asText()).isEqualTo("PRIOR_NON_SSA_SYSTEMIC_FAILURE");
        assertThat(cabo.get("blockedBy").get(0).get("state").asText()).isEqualTo("UNMET");
    }

    @Test
    void theTextReportExplainsOnlyWhenAsked() throws Exception {
        Path p = write(NO_SSTR);

        String plain = CliRun.run("evaluate", "--format", "text", p.toString()).out();
        CliRun explained = CliRun.run("evaluate", "--format", "text", "--explain", p.toString());

        assertThat(plain).doesNotContain("Why and why not")
            .contains("\nMissing data (give it to decide the therapies named)\n    sstrStatus unknown: give sstrStatus: decides ");
        assertThat(explained.exit()).isZero();
        String why = explained.out().substring(explained.out().indexOf("Why and why not"), explained.out().indexOf("\nWarnings"));
        assertThat(why)
            .contains("PRRT CONSIDER [SYS-14] because")
            .contains("limited by SYS-16")
            .contains("could be RECOMMENDED with data: give sstrStatus")
            .contains("CABOZANTINIB not offered: blocked by not progression on, or intolerance of, a prior systemic therapy other than SSA");
    }

    @Test
    void batchLeavesExplanationsOutUnlessAsked() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, NO_SSTR + "\n", StandardCharsets.UTF_8);
        Path lean = tmp.resolve("lean.ndjson");
        Path full = tmp.resolve("full.ndjson");

        assertThat(CliRun.run("batch", "--input", in.toString(), "--output", lean.toString(), "--threads", "1").exit()).isZero();
        assertThat(CliRun.run("batch", "--explain", "--input", in.toString(), "--output", full.toString(), "--threads", "1").exit()).isZero();

        JsonNode leanLine = JSON.readTree(Files.readString(lean));
        JsonNode fullLine = JSON.readTree(Files.readString(full));
        assertThat(leanLine.has("explanations")).isFalse();
        assertThat(leanLine.has("missingInputs")).as("drawn from the explanations: left out with them").isFalse();
        assertThat(fullLine.get("missingInputs").findValuesAsText("finding")).contains("sstrStatus");
        assertThat(fullLine.get("explanations").has("PRRT")).isTrue();
        assertThat(leanLine.get("recommendations")).isEqualTo(fullLine.get("recommendations"));
    }

    @Test
    void whyNotSaysWhenNoRuleOffersItForThePatientsPopulation() throws Exception {
        String nec = "{\"id\":\"nec-1\",\"primarySite\":\"PANCREAS\",\"differentiation\":\"POOR\",\"ki67Percent\":70,"
            + "\"liverLesionCount\":6,\"bilobar\":true,\"extrahepaticDisease\":true,\"diseaseStatus\":\"PROGRESSIVE\"}";

        String out = CliRun.run("evaluate", "--format", "text", "--explain", write(nec).toString()).out();

        String everolimus = out.lines().filter(l -> l.trim().startsWith("EVEROLIMUS not offered")).findFirst().orElseThrow();
        assertThat(everolimus)
            .contains("SYS-NEC-02 NOT_RECOMMENDED because not well-differentiated tumour")
            .endsWith("; no rule offers it for this population (NEC)")
            .doesNotContain("grade G1 or G2");
    }
}
