package org.netlm.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads text line by line with a bound on the length kept in memory: a line longer than the bound is
 * skipped to its end and reported as too long instead of being loaded. Lines end with {@code \n} or
 * {@code \r\n}. Not thread-safe.
 */
public final class LineReader implements Closeable {
    /**
     * One line.
     *
     * @param number 1-based line number
     * @param text   the line without its line break, or {@code null} when it was longer than the bound
     * @param length the line's length in characters (without the line break)
     */
    public record Line(long number, String text, long length) {
        public boolean tooLong() {
            return text == null;
        }

        public boolean isBlank() {
            return text != null && text.isBlank();
        }
    }

    private final Reader in;
    private final int maxLength;
    private final char[] buf = new char[16 * 1024];
    private int pos;
    private int end;
    private long number;
    private boolean eof;

    public LineReader(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line, or {@code null} at the end of the input. */
    public Line next() throws IOException {
        StringBuilder sb = new StringBuilder();
        long length = 0;
        boolean any = false;
        while (true) {
            if (pos == end) {
                if (eof || !fill()) {
                    if (!any) {
                        return null;
                    }
                    return line(sb, length);
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            if (sb != null) {
                if (length + n > maxLength) {
                    sb = null;
                } else {
                    sb.append(buf, start, n);
                }
            }
            length += n;
            if (pos < end) { // at '\n'
                pos++;
                return line(sb, length);
            }
        }
    }

    private Line line(StringBuilder sb, long length) {
        number++;
        if (sb != null && sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r') {
            sb.setLength(sb.length() - 1);
            length--;
        }
        return new Line(number, sb == null ? null : sb.toString(), length);
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            pos = end = 0;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
