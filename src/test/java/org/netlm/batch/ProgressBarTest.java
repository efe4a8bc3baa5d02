package org.netlm.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressBarTest {
    @TempDir
    Path tmp;

    @Test
    void theBarShowsDoneOfTotalRateAndTimeLeft() {
        assertThat(ProgressBar.render(50, 200, 2.0))
            .isEqualTo("[######..................] 50 / 200 (25 %)  25 patients/s  ETA 6 s");
        assertThat(ProgressBar.render(0, 200, 1.0)).isEqualTo("[........................] 0 / 200 (0 %)  0 patients/s  ETA ?");
        assertThat(ProgressBar.render(200, 200, 4.0)).startsWith("[########################] 200 / 200 (100 %)");
        assertThat(ProgressBar.render(50, -1, 2.0)).isEqualTo("50 done  25 patients/s");
    }

    @Test
    void timeLeftIsInSecondsMinutesOrHours() {
        assertThat(ProgressBar.duration(42)).isEqualTo("42 s");
        assertThat(ProgressBar.duration(185)).isEqualTo("3 min 05 s");
        assertThat(ProgressBar.duration(3720)).isEqualTo("1 h 02 min");
    }

    @Test
    void redrawingOverwritesTheLongerLineAndClearLeavesAnEmptyLine() {
        StringWriter s = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(s), null);

        bar.update(123456, 1.0);
        bar.update(7, 1.0);
        bar.clear();

        String first = "123456 done  123456 patients/s";
        String second = "7 done  7 patients/s";
        assertThat(s.toString()).isEqualTo("\r" + first + "\r" + second + " ".repeat(first.length() - second.length())
            + "\r" + " ".repeat(second.length()) + "\r");
    }

    @Test
    void theTotalCountsNonBlankLines() throws Exception {
        Path p = tmp.resolve("x.ndjson");
        Files.writeString(p, "{}\n\n  \r\n{}\r\n{}");

        assertThat(ProgressBar.countNonBlankLines(p)).isEqualTo(3);
        assertThat(ProgressBar.countNonBlankLines(tmp.resolve("none"))).isEqualTo(-1);
    }
}
