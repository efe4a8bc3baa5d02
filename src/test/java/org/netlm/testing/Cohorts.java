package org.netlm.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** NDJSON cohorts for the batch tests. */
public final class Cohorts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cohorts() {
    }

    /**
     * {@code n} patient lines from examples/cohort.ndjson, ids {@code p0000}, {@code p0001}, … and varied Ki-67 (different
     * grades, liver types, burdens), so that assessments take different times.
     */
    public static List<String> lines(int n) throws Exception {
        List<String> base = Files.readAllLines(Path.of("examples/cohort.ndjson"));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode node = (ObjectNode) JSON.readTree(base.get(i % base.size()));
            node.put("id", String.format("p%04d", i));
            node.put("ki67Percent", 1 + (i * 7) % 50);
            out.add(JSON.writeValueAsString(node));
        }
        return out;
    }
}
