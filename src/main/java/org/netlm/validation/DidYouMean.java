package org.netlm.validation;

import java.util.Collection;
import java.util.Optional;

/**
 * The one did-you-mean of the project: the known name a misspelt one is closest to (case-insensitive match first,
 * then the smallest edit distance, at most {@link #limit(String)} edits away). Used for unknown patient fields,
 * scenario keys, and the criterion codes, therapies and fact fields of a rule folder.
 */
public final class DidYouMean {
    private DidYouMean() {
    }

    /**
     * The known name closest to {@code name}.
     *
     * @param name  the name as written (e.g. an unknown JSON field)
     * @param known the names that exist
     * @return the nearest known name (a case-insensitive match first, then the fewest edits, the first of equals in
     *         {@code known}'s order), or empty when none is near enough to be a typo
     */
    public static Optional<String> nearest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = limit(name) + 1;
        for (String k : known) {
            int d = k.equalsIgnoreCase(name) ? 0 : editDistance(k, name, bestDistance);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The suggestion to append to an error message.
     *
     * @param name  the name as written
     * @param known the names that exist
     * @return {@code " (did you mean X?)"} with the {@link #nearest nearest} known name, or the empty string when
     *         none is near
     */
    public static String hint(String name, Collection<String> known) {
        return nearest(name, known).map(k -> " (did you mean " + k + "?)").orElse("");
    }

    /** Most edits a typo may be away: two, and one more for every five characters beyond ten. */
    static int limit(String name) {
        return 2 + Math.max(0, name.length() - 10) / 5;
    }

    /** Levenshtein distance of {@code a} and {@code b}, or {@code limit} when it is at least that. */
    static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit);
    }
}
