package org.netlm.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Turns a Jackson parse error into one line for a person (no stack trace, no source dump). */
public final class JsonErrors {
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
        String msg = e.getOriginalMessage();
        if (msg == null) {
            msg = e.getClass().getSimpleName();
        }
        int cut = msg.indexOf('\n');
        if (cut >= 0) {
            msg = msg.substring(0, cut);
        }
        if (msg.length() > 200) {
            msg = msg.substring(0, 197) + "…";
        }
        JsonLocation loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 0 ? "" : " (line " + (loc.getLineNr() + lineOffset) + ", column " + loc.getColumnNr() + ")";
        return "invalid JSON: " + msg + where;
    }
}
