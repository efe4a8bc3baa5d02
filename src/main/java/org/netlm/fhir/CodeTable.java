package org.netlm.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * One code table of fhir-codes.json (or of a mapping file): entries matched by system and code, exactly or by
 * prefix (fhir-mapping.md 2.6). Within the table an exact entry beats prefix entries, a longer prefix a shorter one.
 * Case-sensitive; {@code version} is ignored; no subsumption. Immutable once built.
 */
final class CodeTable {
    /**
     * One entry.
     *
     * @param system  the code system URI
     * @param code    the code (a prefix when {@code prefix})
     * @param prefix  {@code match: prefix}
     * @param value   the mapped value: an enum name, a Boolean, an Integer, a therapy, a kind, or {@code null}
     * @param extra   a second mapped value where the table has one (diseaseStatus {@code outcome}; procedure
     *                {@code primarySites} as a list), else {@code null}
     * @param local   from a site's mapping file
     */
    record Entry(String system, String code, boolean prefix, Object value, Object extra, boolean local) {
    }

    static final CodeTable EMPTY = new CodeTable(List.of());

    private final List<Entry> entries;
    private final Map<String, Entry> exact = new HashMap<>();
    private final List<Entry> prefixes = new ArrayList<>();

    CodeTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (Entry e : entries) {
            if (e.prefix()) {
                prefixes.add(e);
            } else {
                exact.putIfAbsent(key(e.system(), e.code()), e);
            }
        }
    }

    private static String key(String system, String code) {
        return system + '|' + code;
    }

    List<Entry> entries() {
        return entries;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** This table's entries followed by {@code more}'s. */
    CodeTable plus(CodeTable more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(more.entries);
        return new CodeTable(all);
    }

    /** The best entry for one coding, or {@code null}. */
    Entry lookup(String system, String code) {
        if (system == null || code == null) {
            return null;
        }
        Entry e = exact.get(key(system, code));
        if (e != null) {
            return e;
        }
        Entry best = null;
        for (Entry p : prefixes) {
            if (p.system().equals(system) && code.startsWith(p.code()) && (best == null || p.code().length() > best.code().length())) {
                best = p;
            }
        }
        return best;
    }

    Entry lookup(Coding c) {
        return c == null ? null : lookup(c.getSystem(), c.getCode());
    }

    /** The entries matched by the codings, one per matching coding, in coding order. */
    List<Entry> matches(List<Coding> codings) {
        List<Entry> out = new ArrayList<>();
        for (Coding c : codings) {
            Entry e = lookup(c);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    List<Entry> matches(CodeableConcept cc) {
        return cc == null ? List.of() : matches(cc.getCoding());
    }

    boolean matchesAny(List<Coding> codings) {
        for (Coding c : codings) {
            if (lookup(c) != null) {
                return true;
            }
        }
        return false;
    }
}
