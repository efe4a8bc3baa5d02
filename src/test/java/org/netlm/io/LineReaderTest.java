package org.netlm.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    static List<LineReader.Line> all(String text, int max) throws Exception {
        List<LineReader.Line> out = new ArrayList<>();
        try (LineReader r = new LineReader(new StringReader(text), max)) {
            for (LineReader.Line l = r.next(); l != null; l = r.next()) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void linesAreNumberedAndLoseTheirLineBreaks() throws Exception {
        assertThat(all("a\r\nbb\n\nccc", 10)).containsExactly(
            new LineReader.Line(1, "a", 1), new LineReader.Line(2, "bb", 2), new LineReader.Line(3, "", 0),
            new LineReader.Line(4, "ccc", 3));
    }

    @Test
    void aFinalLineBreakDoesNotMakeAnEmptyLine() throws Exception {
        assertThat(all("a\n", 10)).hasSize(1);
        assertThat(all("", 10)).isEmpty();
    }

    @Test
    void aLineLongerThanTheBoundIsReportedWithItsLengthAndTheNextLineIsIntact() throws Exception {
        String longLine = "x".repeat(100_000);

        List<LineReader.Line> lines = all("ok\n" + longLine + "\nafter", 1000);

        assertThat(lines.get(1).tooLong()).isTrue();
        assertThat(lines.get(1).length()).isEqualTo(100_000);
        assertThat(lines.get(2)).isEqualTo(new LineReader.Line(3, "after", 5));
    }

    @Test
    void aLineExactlyAtTheBoundIsKept() throws Exception {
        assertThat(all("abcd\n", 4).get(0).text()).isEqualTo("abcd");
    }
}
