package org.netlm.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netlm.model.Assessment;
import org.netlm.model.Findings;
import org.netlm.model.Grade;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;

class CohortReportTest {
    static Assessment assessment(String id, Grade grade, Strength prrt, WarningCode... warnings) {
        List<Recommendation> recs = prrt == null ? List.of()
            : List.of(new Recommendation(Therapy.PRRT, prrt, "r", List.of(), "SYS-PRRT-01", List.of(), List.of()));
        return new Assessment(id, "v1", "2.0.0", new Findings("NET", grade, null, null, null, null, null, null), recs,
            Arrays.stream(warnings).map(w -> new Warning(w, "m")).toList(), List.of(), List.of(), Assessment.DISCLAIMER);
    }

    static CohortReport report() {
        CohortReport r = new CohortReport("in & <out>.ndjson");
        r.accept(Outcome.of(1, "a", assessment("a", Grade.G1, Strength.RECOMMENDED, WarningCode.GRADE_UNKNOWN)));
        r.accept(Outcome.of(2, "b", assessment("b", Grade.G2, Strength.CONSIDER)));
        r.accept(Outcome.of(3, "c", assessment("c", Grade.G2, null, WarningCode.GRADE_UNKNOWN, WarningCode.FITNESS_UNKNOWN)));
        r.accept(Outcome.rejected(5, "<img src=x onerror=alert(1)>|x", List.of("in:5: bad *value* [link](http://x)")));
        return r;
    }

    @Test
    void countsPerTherapyStrengthWarningAndFindingValue() {
        CohortReport r = report();

        assertThat(r.assessed()).isEqualTo(3);
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(r.count(Therapy.PRRT, Strength.RECOMMENDED)).isEqualTo(1);
        assertThat(r.count(Therapy.PRRT, Strength.CONSIDER)).isEqualTo(1);
        assertThat(r.count(Therapy.PRRT, Strength.NOT_RECOMMENDED)).isZero();
        assertThat(r.count(WarningCode.GRADE_UNKNOWN)).isEqualTo(2);
        assertThat(r.count(WarningCode.FITNESS_UNKNOWN)).isEqualTo(1);
        assertThat(r.count("grade", "G2")).isEqualTo(2);
        assertThat(r.count("tumorBurden", CohortReport.NOT_DERIVED)).isEqualTo(3);
        assertThat(r.rejections()).singleElement().satisfies(x -> assertThat(x.line()).isEqualTo(5));
    }

    @Test
    void htmlIsOneSelfContainedPageWithEverythingEscaped() {
        String html = report().render(CohortReport.Style.HTML);

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
            .contains("<td>PRRT</td><td>1 (33.3 %)</td><td>1 (33.3 %)</td><td>0 (0.0 %)</td><td>0 (0.0 %)</td><td>1</td>")
            .contains("<td>GRADE_UNKNOWN</td><td>2</td><td>66.7 %</td>")
            .contains("&lt;img src=x onerror=alert(1)&gt;|x")
            .contains("in &amp; &lt;out&gt;.ndjson")
            .doesNotContain("<img").doesNotContain("<script").doesNotContain("<link").doesNotContain("href=");
        assertThat(html).contains(Assessment.DISCLAIMER);
    }

    @Test
    void markdownEscapesWhatCouldBreakATableOrBecomeMarkup() {
        String md = report().render(CohortReport.Style.MARKDOWN);

        assertThat(md).contains("| PRRT | 1 (33.3 %) | 1 (33.3 %) | 0 (0.0 %) | 0 (0.0 %) | 1 |")
            .contains("| 5 | \\<img src=x onerror=alert(1)\\>\\|x | in:5: bad \\*value\\* \\[link\\](http://x) |")
            .contains("- Input: in \\& \\<out\\>.ndjson")
            .contains("> " + Assessment.DISCLAIMER);
    }

    @Test
    void theStyleFollowsTheExtension() {
        assertThat(CohortReport.Style.forFile(Path.of("r.MD"))).isEqualTo(CohortReport.Style.MARKDOWN);
        assertThat(CohortReport.Style.forFile(Path.of("a/r.html"))).isEqualTo(CohortReport.Style.HTML);
        assertThat(CohortReport.Style.forFile(Path.of("r.htm"))).isEqualTo(CohortReport.Style.HTML);
        assertThat(CohortReport.Style.forFile(Path.of("r.pdf"))).isNull();
    }

    @Test
    void aResumedRunSaysWhatItDoesNotCount() {
        CohortReport r = report();
        r.resumedAfter(40);

        assertThat(r.render(CohortReport.Style.MARKDOWN)).contains("the first 40 patient lines were written by an earlier run");
    }
}
