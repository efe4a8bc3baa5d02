package org.netlm.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The progress line of a long run, redrawn in place on a terminal ({@code \r}):
 * {@code [#######.............] 120000 / 500000 (24 %)  31200 patients/s  ETA 12 s}; without a known total,
 * {@code 120000 done  31200 patients/s}. The total is counted on a background thread while the run starts.
 */
public final class ProgressBar {
    static final int WIDTH = 24;

    private final PrintWriter err;
    private final CompletableFuture<Long> total;
    private int shown;

    /**
     * @param err   where the bar is drawn (a terminal)
     * @param input the input file whose non-blank lines are the total, or {@code null} when unknown (standard input)
     */
    public ProgressBar(PrintWriter err, Path input) {
        this.err = err;
        this.total = input == null ? CompletableFuture.completedFuture(-1L)
            : CompletableFuture.supplyAsync(() -> countNonBlankLines(input));
    }

    /** Redraws the bar ({@link BatchPipeline.Progress}). */
    public synchronized void update(long done, double seconds) {
        draw(render(done, total.getNow(-1L), seconds));
    }

    /**
     * Draws the last frame of a finished run (with the input's total, once counted), so that even a run shorter than
     * one redraw interval shows its bar.
     */
    public synchronized void finish(long done, double seconds) {
        draw(render(done, total.join(), seconds));
    }

    private void draw(String line) {
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = line.length();
    }

    /** Wipes the bar, so that a message can be printed on a clean line (the next update draws it again). */
    public synchronized void clear() {
        if (shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
        }
        shown = 0;
    }

    /**
     * @param done    lines finished
     * @param total   lines in all, or a value below 1 when unknown
     * @param seconds time elapsed
     */
    public static String render(long done, long total, double seconds) {
        double rate = seconds <= 0 ? 0 : done / seconds;
        if (total <= 0) {
            return String.format(Locale.ROOT, "%d done  %.0f patients/s", done, rate);
        }
        long shownDone = Math.min(done, total);
        int filled = (int) (WIDTH * shownDone / total);
        long left = total - shownDone;
        String eta = rate <= 0 ? "?" : duration(left / rate);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
            + String.format(Locale.ROOT, "%d / %d (%.0f %%)  %.0f patients/s  ETA %s", done, total, 100.0 * shownDone / total,
            rate, eta);
    }

    /** {@code 42 s}, {@code 3 min 05 s}, {@code 1 h 02 min}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** Non-blank lines of a file, counted on raw bytes (an NDJSON line is never blank inside); -1 when unreadable. */
    public static long countNonBlankLines(Path file) {
        long count = 0;
        boolean content = false;
        byte[] buf = new byte[1 << 16];
        try (InputStream s = Files.newInputStream(file)) {
            for (int r = s.read(buf); r > 0; r = s.read(buf)) {
                for (int i = 0; i < r; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        if (content) {
                            count++;
                        }
                        content = false;
                    } else if (b != ' ' && b != '\t' && b != '\r') {
                        content = true;
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return content ? count + 1 : count;
    }
}
