package org.netlm.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.netlm.engine.AssessOptions;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.PatientJson;
import org.netlm.model.PatientCase;
import org.netlm.testing.Patients;
import org.netlm.validation.InvalidPatientException;

/**
 * A model of {@code batch} for measuring what the engine allows end to end: NDJSON in, NDJSON out in input order,
 * chunks of lines parsed, assessed and serialised on N worker threads, at most 2N chunks in flight (bounded memory).
 * Prints wall time from JVM start, patients/s and peak RSS (VmHWM).
 * Usage: {@code BatchProbe generate N FILE} or {@code BatchProbe bundled|DIR INPUT OUTPUT THREADS}.
 */
public final class BatchProbe {
    private static final int CHUNK = 512;

    private BatchProbe() {
    }

    public static void main(String[] args) throws Exception {
        if ("generate".equals(args[0])) {
            try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
                int left = Integer.parseInt(args[1]);
                for (long chunk = 0; left > 0; chunk++) {
                    for (PatientCase p : Patients.sample(2024 + chunk, Math.min(left, 10_000))) {
                        w.write(Patients.toJson(p).toString());
                        w.write('\n');
                        left--;
                    }
                }
            }
            return;
        }
        NetlmEngine engine = "bundled".equals(args[0]) ? NetlmEngine.withDefaultRules() : NetlmEngine.fromDirectory(Path.of(args[0]));
        int threads = Integer.parseInt(args[3]);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long patients = 0;
        long rejected = 0;
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8);
             BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(Path.of(args[2])), StandardCharsets.UTF_8), 1 << 16)) {
            ArrayDeque<Future<String[]>> inFlight = new ArrayDeque<>();
            List<String> chunk = new ArrayList<>(CHUNK);
            for (String line = in.readLine(); ; line = in.readLine()) {
                if (line != null) {
                    chunk.add(line);
                }
                if (chunk.size() == CHUNK || (line == null && !chunk.isEmpty())) {
                    String[] lines = chunk.toArray(String[]::new);
                    chunk.clear();
                    inFlight.add(pool.submit(() -> {
                        String[] res = new String[lines.length];
                        for (int i = 0; i < lines.length; i++) {
                            try {
                                res[i] = Ndjson.output(engine.assess(PatientJson.parse(lines[i]), AssessOptions.withoutExplanations()));
                            } catch (InvalidPatientException e) {
                                res[i] = null;
                            }
                        }
                        return res;
                    }));
                }
                while (!inFlight.isEmpty() && (inFlight.size() >= 2 * threads || line == null)) {
                    for (String r : inFlight.poll().get()) {
                        patients++;
                        if (r == null) {
                            rejected++;
                        } else {
                            out.write(r);
                            out.write('\n');
                        }
                    }
                }
                if (line == null) {
                    break;
                }
            }
        } finally {
            pool.shutdown();
        }
        double secs = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
        System.out.printf("BATCH %d patients (%d rejected) on %d threads in %.2f s from JVM start: %.0f patients/s; peak RSS %s%n",
            patients, rejected, threads, secs, patients / secs, peakRss());
    }

    private static String peakRss() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmHWM:")) {
                return l.substring(6).trim();
            }
        }
        return "unknown";
    }
}
