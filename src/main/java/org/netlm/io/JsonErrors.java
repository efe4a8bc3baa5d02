package org.netlm.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Turns a Jackson parse error into one line for a person (no stack trace, no source dump). */
public final class JsonErrors {
    private JsonErrors() {
    }

    public static String describe(JsonProcessingException e) {
        return describe(e, null);
    }

    /**
     * As {@link #describe(JsonProcessingException)}; {@code fallback} gives the position when the exception has
     * none (Jackson's size limits report no location).
     */
    public static String describe(JsonProcessingException e, JsonLocation fallback) {
        String msg = e.getOriginalMessage();
        if (msg == null) {
            msg = e.getClass().getSimpleName();
        }
        int cut = msg.indexOf('\n');
        if (cut >= 0) {
            msg = msg.substring(0, cut);
        }
        msg = plain(msg);
        if (msg.length() > 200) {
            msg = msg.substring(0, 197) + "…";
        }
        JsonLocation loc = e.getLocation() != null ? e.getLocation() : fallback;
        String where = loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
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
