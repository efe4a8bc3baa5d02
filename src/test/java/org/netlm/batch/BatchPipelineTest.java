package org.netlm.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.netlm.engine.AssessOptions;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.AssessmentJson;
import org.netlm.io.LineReader;
import org.netlm.io.PatientJson;
import org.netlm.io.PatientReader;
import org.netlm.model.Assessment;
import org.netlm.testing.Cohorts;

class BatchPipelineTest {
    static final NetlmEngine ENGINE = NetlmEngine.withDefaultRules();
    static final ObjectMapper JSON = new ObjectMapper();
    static final BatchPipeline.Task<Assessment> ASSESS = p -> ENGINE.assess(p, AssessOptions.withoutExplanations());

    static List<String> cohort(int n) throws Exception {
        return Cohorts.lines(n);
    }

    static BatchPipeline.Input input(String text) {
        return BatchPipeline.Input.json(new LineReader(new StringReader(text), PatientReader.MAX_LINE_LENGTH), "in");
    }

    static BatchPipeline.Summary run(BatchPipeline p, String text, OutcomeFormat<Assessment> f, OutputStream out,
                                     List<Outcome<Assessment>> seen) throws IOException {
        return p.run(input(text), ASSESS, f, out, seen == null ? o -> { } : seen::add, null);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8})
    void manyThreadsAndATinyWindowStillWriteAndReportInInputOrder(int threads) throws Exception {
        List<String> input = cohort(300);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Outcome<Assessment>> seen = new ArrayList<>();

        BatchPipeline.Summary s = run(new BatchPipeline(threads, 2 + threads, 1000), String.join("\n", input),
            BatchFormat.SUMMARY, out, seen);

        assertThat(s.read()).isEqualTo(300);
        assertThat(s.written()).isEqualTo(300);
        List<String> ids = input.stream().map(l -> l.substring(7, 12)).toList();
        List<String> written = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            written.add(JSON.readTree(l).get("patientId").asText());
        }
        assertThat(written).containsExactlyElementsOf(ids);
        assertThat(seen.stream().map(Outcome::patientId).toList()).containsExactlyElementsOf(ids);
        assertThat(seen.stream().map(Outcome::line).toList()).isSorted();
    }

    @Test
    void theFullFormatWritesTheCompactAssessmentJsonOfEachPatient() throws Exception {
        List<String> input = cohort(20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        run(new BatchPipeline(2), String.join("\n", input), BatchFormat.FULL, out, null);

        List<String> expected = new ArrayList<>();
        for (String l : input) {
            expected.add(AssessmentJson.toCompactJson(ASSESS.apply(PatientJson.parse(l))));
        }
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void theReaderStaysAtMostAWindowAheadOfTheWriter() throws Exception {
        String line = cohort(1).get(0) + "\n";
        int total = 2_000;
        AtomicLong served = new AtomicLong();
        Reader endless = new Reader() { // serves `total` lines, counting characters handed out
            long left = (long) line.length() * total;
            int pos;

            @Override
            public int read(char[] buf, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    buf[off + i] = line.charAt(pos);
                    pos = (pos + 1) % line.length();
                }
                left -= n;
                served.addAndGet(n);
                return n;
            }

            @Override
            public void close() {
            }
        };
        CountDownLatch release = new CountDownLatch(1);
        OutputStream stalled = new OutputStream() { // the first write waits until the test has looked
            boolean first = true;

            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (first) {
                    first = false;
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
            }
        };
        int window = 8;
        AtomicReference<BatchPipeline.Summary> summary = new AtomicReference<>();
        Thread run = new Thread(() -> {
            try {
                summary.set(new BatchPipeline(2, window, 1000).run(
                    BatchPipeline.Input.json(new LineReader(endless, PatientReader.MAX_LINE_LENGTH), "in"),
                    ASSESS, BatchFormat.FULL, stalled, o -> { }, null));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        run.start();
        Thread.sleep(1_500);
        long seen = served.get();
        release.countDown();
        run.join();

        // window + the one being written + one taken by the reader, plus what the LineReader buffers (16k chars)
        long bound = (long) (window + 2) * line.length() + 2 * 16 * 1024;
        assertThat(seen).as("characters read while the writer was stalled").isLessThanOrEqualTo(bound);
        assertThat(bound).as("the input is much larger than the bound").isLessThan((long) line.length() * total / 4);
        assertThat(summary.get().written()).isEqualTo(total);
    }

    @Test
    void rejectionsArriveInInputOrderWithTheirLineNumbers() throws Exception {
        List<String> input = new ArrayList<>(cohort(6));
        input.set(0, "[]");
        input.set(4, "not json");
        List<Outcome<Assessment>> seen = Collections.synchronizedList(new ArrayList<>());

        BatchPipeline.Summary s = new BatchPipeline(3, 4, 1000).run(
            BatchPipeline.Input.json(new LineReader(new StringReader(String.join("\n", input)), PatientReader.MAX_LINE_LENGTH),
                "in.ndjson"), ASSESS, BatchFormat.FULL, new ByteArrayOutputStream(), seen::add, null);

        assertThat(s.rejected()).isEqualTo(2);
        assertThat(s.written()).isEqualTo(4);
        List<String> problems = seen.stream().flatMap(o -> o.problems().stream()).toList();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).isEqualTo("in.ndjson:1: (patient) = a list: a patient must be a JSON object");
        assertThat(problems.get(1)).startsWith("in.ndjson:5: (document): invalid JSON: ");
        assertThat(seen.stream().filter(Outcome::isRejected).map(Outcome::line).toList()).containsExactly(1L, 5L);
    }

    @Test
    void aLineLongerThanTheLimitIsRejectedWithoutBeingLoaded() throws Exception {
        String huge = "{\"id\":\"" + "x".repeat(PatientReader.MAX_LINE_LENGTH + 10) + "\"}";
        String good = cohort(1).get(0);
        List<Outcome<Assessment>> seen = new ArrayList<>();

        BatchPipeline.Summary s = run(new BatchPipeline(1), good + "\n" + huge + "\n" + good, BatchFormat.FULL,
            new ByteArrayOutputStream(), seen);

        assertThat(s.written()).isEqualTo(2);
        assertThat(seen.get(1).problems()).singleElement().asString()
            .startsWith("in:2: (document) = (" + huge.length() + " characters): a patient line must be at most");
    }

    @Test
    void skippedLinesAreNotReadAgainAndTooFewLinesToSkipIsAnError() throws Exception {
        List<String> input = cohort(10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Outcome<Assessment>> seen = new ArrayList<>();

        BatchPipeline.Summary s = new BatchPipeline(2).run(input(String.join("\n\n", input)).skipping(7), ASSESS,
            BatchFormat.SUMMARY, out, seen::add, null);

        assertThat(s.skipped()).isEqualTo(7);
        assertThat(s.read()).isEqualTo(3);
        assertThat(seen.stream().map(Outcome::patientId).toList()).containsExactly("p0007", "p0008", "p0009");
        assertThat(seen.get(0).line()).isEqualTo(15);
        assertThatThrownBy(() -> new BatchPipeline(2).run(input(String.join("\n", input)).skipping(11), ASSESS,
            BatchFormat.SUMMARY, new ByteArrayOutputStream(), o -> { }, null))
            .isInstanceOf(IOException.class).hasMessageContaining("has 10 patient lines, fewer than the 11");
    }

    @Test
    void aTaskThatFailsRejectsTheLineAndTheRunGoesOn() throws Exception {
        List<String> input = cohort(5);
        List<Outcome<String>> seen = new ArrayList<>();
        OutcomeFormat<String> ids = (o, b) -> b.write((o.isRejected() ? "-" : o.result()).concat("\n").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        BatchPipeline.Summary s = new BatchPipeline(2).run(input(String.join("\n", input)), p -> {
            if (p.getId().equals("p0002")) {
                throw new IllegalStateException("boom");
            }
            return p.getId();
        }, ids, out, seen::add, null);

        assertThat(s.rejected()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("p0000\np0001\n-\np0003\np0004\n");
        assertThat(seen.get(2).problems()).singleElement().asString()
            .isEqualTo("in:3: patient p0002: cannot be assessed: java.lang.IllegalStateException: boom");
    }

    @Test
    void aFailingOutputStreamStopsTheRunWithTheIoError() throws Exception {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        String input = cohort(1).get(0);

        assertThatThrownBy(() -> run(new BatchPipeline(2), input + "\n" + input, BatchFormat.FULL, broken, null))
            .isInstanceOf(IOException.class).hasMessage("disk full");
    }

    @Test
    void aListenerThatFailsStopsTheRun() throws Exception {
        String input = cohort(1).get(0);

        assertThatThrownBy(() -> new BatchPipeline(2).run(input(input + "\n" + input), ASSESS, BatchFormat.FULL,
            new ByteArrayOutputStream(), o -> {
                throw new IllegalStateException("listener");
            }, null)).isInstanceOf(IllegalStateException.class).hasMessage("listener");
    }

    @Test
    void textOutputGivesTheSameTextAsTheBytes() throws Exception {
        String input = String.join("\n", cohort(70));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter text = new StringWriter();

        run(new BatchPipeline(2), input, BatchFormat.CSV, bytes, null);
        run(new BatchPipeline(2), input, BatchFormat.CSV, new TextOutput(text), null);

        assertThat(text.toString()).isEqualTo(bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void settingsMustBePositive() {
        assertThatThrownBy(() -> new BatchPipeline(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchPipeline(1, 0, 1000)).isInstanceOf(IllegalArgumentException.class);
    }
}
