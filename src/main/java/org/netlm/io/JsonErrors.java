package org.netlm.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netlm.validation.Violation;

/**
 * Turns a Jackson parse error into one line for a person: no stack trace, no source dump, no names of
 * Jackson settings the user cannot change, nothing unprintable (bytes of a binary file are escaped).
 */
public final class JsonErrors {
    /** Where an object or array started: {@code [Source: …; line: 1, column: 1]}. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");
    /** {@code : enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow} (NaN, Infinity, …). */
    private static final Pattern ENABLE_FEATURE = Pattern.compile(": enable `[^`]*` to allow");
    /** {@code (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)}. */
    private static final Pattern FEATURE_NOT_ENABLED = Pattern.compile("\\(not recognized as one since Feature '[A-Z_]+' not enabled for parser\\)");
    /** {@code exceeds the maximum allowed (10000, from `StreamReadConstraints.getMaxStringLength()`)}. */
    private static final Pattern LIMIT = Pattern.compile("exceeds the maximum allowed \\((\\d+)(?:, from `[^`]*`)?\\)");

    private JsonErrors() {
    }

    public static String describe(JsonProcessingException e) {
        return describe(e, 0);
    }

    /**
     * As {@link #describe(JsonProcessingException)}, for text that starts on line {@code lineOffset + 1} of its
     * file (one NDJSON line parsed on its own): the line shown is the line in the file.
     */
    public static String describe(JsonProcessingException e, long lineOffset) {
        return describe(e, lineOffset, null);
    }

    /**
     * As {@link #describe(JsonProcessingException)}, with {@code parser}'s position when the error has none
     * (Jackson's limit errors carry no location).
     */
    public static String describe(JsonProcessingException e, JsonParser parser) {
        return describe(e, 0, parser == null ? null : parser.currentLocation());
    }

    /**
     * As {@link #describe(JsonProcessingException)}; {@code fallback} gives the position when the exception has
     * none (Jackson's size limits report no location).
     */
    public static String describe(JsonProcessingException e, JsonLocation fallback) {
        return describe(e, 0, fallback);
    }

    private static String describe(JsonProcessingException e, long lineOffset, JsonLocation fallback) {
        String msg = e.getOriginalMessage();
        if (msg == null) {
            msg = "cannot be parsed";
        }
        int cut = msg.indexOf('\n');
        if (cut >= 0) {
            msg = msg.substring(0, cut);
        }
        Matcher source = SOURCE.matcher(msg);
        StringBuilder sb = new StringBuilder();
        while (source.find()) {
            source.appendReplacement(sb, "line " + (Long.parseLong(source.group(1)) + lineOffset) + ", column " + source.group(2));
        }
        source.appendTail(sb);
        msg = ENABLE_FEATURE.matcher(sb).replaceAll(": not allowed in JSON");
        msg = FEATURE_NOT_ENABLED.matcher(msg).replaceAll("(not allowed in JSON)");
        msg = LIMIT.matcher(msg).replaceAll("exceeds the limit of $1");
        msg = Violation.printable(plain(msg));
        if (msg.length() > 200) {
            msg = msg.substring(0, 197) + "…";
        }
        JsonLocation loc = e.getLocation() == null ? fallback : e.getLocation();
        String where = loc == null || loc.getLineNr() < 0 ? "" : " (line " + (loc.getLineNr() + lineOffset) + ", column " + loc.getColumnNr() + ")";
        return "invalid JSON: " + msg + where;
    }

    /** Jackson's hints for programmers (Java class and feature names in back quotes) left out. */
    static String plain(String msg) {
        return msg
            .replaceAll("\\s*\\(bound as `[^`]*`\\)", "")
            .replaceAll(":?\\s*not allowed as per `[^`]*`", "")
            .replaceAll(":?\\s*enable `[^`]*` to allow", "")
            .replaceAll(",?\\s*from `[^`]*`", "")
            .trim();
    }
}
