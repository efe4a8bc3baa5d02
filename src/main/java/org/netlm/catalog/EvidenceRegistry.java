package org.netlm.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netlm.model.Citation;

/**
 * The citations behind the rules ({@code rules/evidence.json}, a copy of evidence.md): every
 * {@code @evidence} key of every rule must be a key here. Unverified identifiers are {@code null}.
 */
public final class EvidenceRegistry {
    private final Map<String, Citation> byKey;

    private EvidenceRegistry(Map<String, Citation> byKey) {
        // keep the registry's order: Map.copyOf would iterate in an order that changes from one JVM run to the next
        this.byKey = Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
    }

    /**
     * Parses the registry; throws {@link IllegalArgumentException} with the reason when it is malformed.
     * @param json the contents of {@code evidence.json}
     * @return the registry
     */
    public static EvidenceRegistry parse(String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            JsonNode list = root == null ? null : root.get("evidence");
            if (list == null || !list.isArray()) {
                throw new IllegalArgumentException("expected an object with an \"evidence\" array");
            }
            Map<String, Citation> m = new LinkedHashMap<>();
            for (JsonNode e : list) {
                String key = text(e, "key");
                String label = text(e, "label");
                if (key == null || label == null) {
                    throw new IllegalArgumentException("every entry needs \"key\" and \"label\"");
                }
                if (m.put(key, new Citation(key, label, text(e, "doi"), text(e, "pmid"))) != null) {
                    throw new IllegalArgumentException("duplicate key " + key);
                }
            }
            return new EvidenceRegistry(m);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * The citation filed under an evidence key.
     * @param key an evidence key, as a rule's {@code @evidence} names it
     * @return the citation, or empty when the registry has no such key
     */
    public Optional<Citation> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /**
     * Whether the registry has a citation under an evidence key.
     * @param key an evidence key
     * @return true when the key is known
     */
    public boolean contains(String key) {
        return byKey.containsKey(key);
    }

    /**
     * The citations for {@code keys}, in order, unknown keys skipped (hygiene rejects them at build).
     * @param keys evidence keys, as a rule lists them
     * @return the citations
     */
    public List<Citation> citations(List<String> keys) {
        List<Citation> out = new ArrayList<>(keys.size());
        for (String k : keys) {
            Citation c = byKey.get(k);
            if (c != null) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Every citation, in the order of the registry file.
     * @return the citations
     */
    public Collection<Citation> all() {
        return byKey.values();
    }
}
