package org.netlm.io;

/** Text for HTML pages (the cohort report, the impact report): the one escaper. */
public final class HtmlText {
    private HtmlText() {
    }

    /** The five characters with a meaning in HTML text and attribute values, as entities; {@code null} as empty. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
