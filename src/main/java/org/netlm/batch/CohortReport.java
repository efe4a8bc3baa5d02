package org.netlm.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.netlm.io.HtmlText;
import org.netlm.model.Assessment;
import org.netlm.model.Finding;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;

/**
 * The cohort report of {@code batch --report FILE}: for the whole run, how many patients got each therapy at each
 * strength, each warning, each value of each finding, and every rejected line. Fed with the run's outcomes in input
 * order (it is the pipeline's in-order listener, so one thread calls it); rendered as Markdown or as one
 * self-contained HTML page ({@link Style}).
 */
public final class CohortReport implements Consumer<Outcome<Assessment>> {
    /** Rejected lines listed one by one at most; the rest are counted (all of them are on standard error). */
    public static final int MAX_LISTED_REJECTIONS = 1000;
    /** Shown for a finding that could not be derived. */
    static final String NOT_DERIVED = "(not derived)";

    /** How the report is written, chosen by the file's extension. */
    public enum Style {
        MARKDOWN, HTML;

        /** The style for a report file's name ({@code .md}, {@code .markdown}, {@code .html}, {@code .htm}), or {@code null}. */
        public static Style forFile(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".md") || name.endsWith(".markdown")) {
                return MARKDOWN;
            }
            if (name.endsWith(".html") || name.endsWith(".htm")) {
                return HTML;
            }
            return null;
        }
    }

    /** A rejected line as listed in the report. */
    public record Rejection(long line, String patientId, List<String> problems) {
    }

    private final String inputName;
    private long assessed;
    private long rejected;
    private long resumedAfter;
    private String rulesetVersion;
    private final Map<Therapy, long[]> strengths = new EnumMap<>(Therapy.class);
    private final Map<WarningCode, long[]> warnings = new EnumMap<>(WarningCode.class);
    private final Map<Finding, Map<String, long[]>> findings = new EnumMap<>(Finding.class);
    private final List<Rejection> rejections = new ArrayList<>();

    /** @param inputName the input's name, shown in the report */
    public CohortReport(String inputName) {
        this.inputName = inputName;
        for (Therapy t : Therapy.values()) {
            strengths.put(t, new long[Strength.values().length]);
        }
        for (WarningCode w : WarningCode.values()) {
            warnings.put(w, new long[1]);
        }
        for (Finding f : Finding.values()) {
            findings.put(f, new TreeMap<>());
        }
    }

    /** Notes that the run continued an earlier one after {@code lines} input lines, which this report does not count. */
    public void resumedAfter(long lines) {
        this.resumedAfter = lines;
    }

    @Override
    public void accept(Outcome<Assessment> o) {
        if (o.isRejected()) {
            rejected++;
            if (rejections.size() < MAX_LISTED_REJECTIONS) {
                rejections.add(new Rejection(o.line(), o.patientId(), o.problems()));
            }
            return;
        }
        Assessment a = o.result();
        assessed++;
        if (rulesetVersion == null) {
            rulesetVersion = a.rulesetVersion();
        }
        for (Recommendation r : a.recommendations()) {
            strengths.get(r.therapy())[r.strength().ordinal()]++;
        }
        for (Warning w : a.warnings()) {
            warnings.get(w.code())[0]++;
        }
        for (Map.Entry<Finding, Map<String, long[]>> f : findings.entrySet()) {
            String value = a.findings() == null ? NOT_DERIVED : a.findings().text(f.getKey()).orElse(NOT_DERIVED);
            f.getValue().computeIfAbsent(value, v -> new long[1])[0]++;
        }
    }

    public long assessed() {
        return assessed;
    }

    public long rejected() {
        return rejected;
    }

    /** Patients given {@code therapy} at {@code strength}. */
    public long count(Therapy therapy, Strength strength) {
        return strengths.get(therapy)[strength.ordinal()];
    }

    /** Patients with the warning. */
    public long count(WarningCode code) {
        return warnings.get(code)[0];
    }

    /** Patients with {@code value} (in text form) for the finding ({@value #NOT_DERIVED} for none). */
    public long count(Finding finding, String value) {
        long[] n = findings.get(finding).get(value);
        return n == null ? 0 : n[0];
    }

    /** As {@link #count(Finding, String)}, the finding by its output name ({@link Finding#key()}); 0 for an unknown name. */
    public long count(String finding, String value) {
        return Finding.forKey(finding).map(f -> count(f, value)).orElse(0L);
    }

    /** The rejected lines listed (the first {@value #MAX_LISTED_REJECTIONS}). */
    public List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    /** The report in the given style. */
    public String render(Style style) {
        if (style == Style.HTML) {
            Html h = new Html();
            write(h);
            return h.end();
        }
        Markdown m = new Markdown();
        write(m);
        return m.sb.toString();
    }

    // --- the report's content, written by write(Doc) in either style -------------------------------------------

    String percent(long n) {
        return assessed == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * n / assessed);
    }

    /** Rows of the therapy table: therapy, then the count per strength, then "no rule spoke", in enum orders. */
    List<List<String>> therapyRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Therapy t : Therapy.values()) {
            List<String> row = new ArrayList<>();
            row.add(t.name());
            long spoken = 0;
            for (Strength s : Strength.values()) {
                long n = strengths.get(t)[s.ordinal()];
                spoken += n;
                row.add(n + " (" + percent(n) + ")");
            }
            row.add(Long.toString(assessed - spoken));
            rows.add(row);
        }
        return rows;
    }

    List<String> therapyHeader() {
        List<String> h = new ArrayList<>();
        h.add("therapy");
        for (Strength s : Strength.values()) {
            h.add(s.name());
        }
        h.add("not mentioned");
        return h;
    }

    List<List<String>> warningRows() {
        List<List<String>> rows = new ArrayList<>();
        for (WarningCode w : WarningCode.values()) {
            long n = warnings.get(w)[0];
            rows.add(List.of(w.name(), Long.toString(n), percent(n)));
        }
        return rows;
    }

    List<String> overviewLines() {
        List<String> l = new ArrayList<>();
        l.add("Input: " + inputName);
        l.add("Rule set: " + (rulesetVersion == null ? "(no patient assessed)" : rulesetVersion));
        l.add("Lines assessed: " + assessed + "; rejected: " + rejected + "; total: " + (assessed + rejected));
        if (resumedAfter > 0) {
            l.add("Resumed run: the first " + resumedAfter + " patient lines were written by an earlier run and are not "
                + "counted in this report.");
        }
        return l;
    }

    int rejectionsNotListed() {
        return (int) Math.min(Integer.MAX_VALUE, rejected - rejections.size());
    }

    /** The report's sections, in order, written through a {@link Doc} of either style. */
    private void write(Doc d) {
        d.title("Cohort report");
        d.disclaimer(Assessment.DISCLAIMER);
        d.list(overviewLines());
        d.heading(2, "Recommendations per therapy and strength");
        d.paragraph("Patients per resolved strength; percentages of the assessed patients.");
        d.table(therapyHeader(), therapyRows());
        d.heading(2, "Warnings");
        d.table(List.of("warning", "patients", "share"), warningRows());
        d.heading(2, "Findings");
        for (Map.Entry<Finding, Map<String, long[]>> f : findings.entrySet()) {
            d.heading(3, f.getKey().key());
            List<List<String>> rows = new ArrayList<>();
            f.getValue().forEach((v, n) -> rows.add(List.of(v, Long.toString(n[0]), percent(n[0]))));
            d.table(List.of("value", "patients", "share"), rows);
        }
        d.heading(2, "Rejected lines");
        if (rejected == 0) {
            d.paragraph("None.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Rejection x : rejections) {
            rows.add(List.of(Long.toString(x.line()), x.patientId() == null ? "" : x.patientId(), String.join("\n", x.problems())));
        }
        d.table(List.of("line", "patient", "problems"), rows);
        if (rejectionsNotListed() > 0) {
            d.paragraph("… and " + rejectionsNotListed() + " more (every rejected line is on standard error).");
        }
    }

    /** One output style: every method escapes the text it is given. */
    private interface Doc {
        void title(String text);

        void disclaimer(String text);

        void heading(int level, String text);

        void paragraph(String text);

        void list(List<String> items);

        /** Cells may hold line breaks (one problem a line). */
        void table(List<String> header, List<List<String>> rows);
    }

    /** Markdown: headings, pipe tables, every text escaped. */
    private static final class Markdown implements Doc {
        final StringBuilder sb = new StringBuilder();

        @Override
        public void title(String text) {
            sb.append("# ").append(escape(text)).append("\n\n");
        }

        @Override
        public void disclaimer(String text) {
            sb.append("> ").append(escape(text)).append("\n\n");
        }

        @Override
        public void heading(int level, String text) {
            sb.append("\n").append("#".repeat(level)).append(' ').append(escape(text)).append("\n\n");
        }

        @Override
        public void paragraph(String text) {
            sb.append(escape(text)).append("\n");
        }

        @Override
        public void list(List<String> items) {
            items.forEach(i -> sb.append("- ").append(escape(i)).append('\n'));
        }

        @Override
        public void table(List<String> header, List<List<String>> rows) {
            row(header);
            sb.append('|');
            header.forEach(h -> sb.append("---|"));
            sb.append('\n');
            rows.forEach(this::row);
        }

        private void row(List<String> cells) {
            sb.append('|');
            for (String c : cells) {
                sb.append(' ').append(escape(c.replace("\n", "; "))).append(" |");
            }
            sb.append('\n');
        }

        /**
         * The characters that could start markup inside a table cell backslash-escaped (CommonMark; an underscore
         * inside a word is no emphasis, so codes stay readable), line breaks as spaces, so that a value cannot break
         * out of its cell or become a link, an image or HTML.
         */
        static String escape(String s) {
            StringBuilder sb = new StringBuilder(s.length() + 8);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\n' || c == '\r') {
                    sb.append(' ');
                } else if ("\\`*[]<>|!~&".indexOf(c) >= 0) {
                    sb.append('\\').append(c);
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
    }

    /** One HTML page with its style inline: no scripts, no external assets; every text escaped. */
    private static final class Html implements Doc {
        final StringBuilder sb = new StringBuilder();

        @Override
        public void title(String text) {
            sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(text))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}\n")
                .append("th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left;vertical-align:top}\n")
                .append("th{background:#eee}\n.disclaimer{border-left:4px solid #c60;padding:.5em 1em;background:#fff6ee}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(text)).append("</h1>\n");
        }

        @Override
        public void disclaimer(String text) {
            sb.append("<p class=\"disclaimer\">").append(escape(text)).append("</p>\n");
        }

        @Override
        public void heading(int level, String text) {
            sb.append("<h").append(level).append('>').append(escape(text)).append("</h").append(level).append(">\n");
        }

        @Override
        public void paragraph(String text) {
            sb.append("<p>").append(escape(text)).append("</p>\n");
        }

        @Override
        public void list(List<String> items) {
            sb.append("<ul>\n");
            items.forEach(i -> sb.append("<li>").append(escape(i)).append("</li>\n"));
            sb.append("</ul>\n");
        }

        @Override
        public void table(List<String> header, List<List<String>> rows) {
            sb.append("<table>\n<tr>");
            header.forEach(h -> sb.append("<th>").append(escape(h)).append("</th>"));
            sb.append("</tr>\n");
            for (List<String> row : rows) {
                sb.append("<tr>");
                row.forEach(c -> sb.append("<td>").append(escape(c).replace("\n", "<br>")).append("</td>"));
                sb.append("</tr>\n");
            }
            sb.append("</table>\n");
        }

        String end() {
            return sb.append("</body>\n</html>\n").toString();
        }

        /** The five characters with a meaning in HTML text and attribute values, as entities. */
        static String escape(String s) {
            return HtmlText.escape(s);
        }
    }
}
