package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.LineReader;
import org.netlm.io.PatientReader;

class BatchRunnerTest {
    static final NetlmEngine ENGINE = NetlmEngine.withDefaultRules();

    static LineReader lines(String text) {
        return new LineReader(new StringReader(text), PatientReader.MAX_LINE_LENGTH);
    }

    @Test
    void aTinyWindowWithMoreWorkersStillWritesInInputOrder() throws Exception {
        List<String> input = BatchCommandTest.cohort(40);
        StringWriter out = new StringWriter();

        BatchRunner.Summary s = new BatchRunner(ENGINE, 4, 2, 1000)
            .run(lines(String.join("\n", input)), "in", out, x -> { }, null);

        assertThat(s.read()).isEqualTo(40);
        assertThat(s.written()).isEqualTo(40);
        assertThat(out.toString().lines().map(l -> l.substring(14, 19)).toList())
            .containsExactlyElementsOf(input.stream().map(l -> l.substring(7, 12)).toList());
    }

    @Test
    void theReaderStaysAtMostAWindowAheadOfTheWriter() throws Exception {
        String line = BatchCommandTest.cohort(1).get(0) + "\n";
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
        Writer stalled = new Writer() { // the first write waits until the test has looked
            boolean first = true;

            @Override
            public void write(char[] c, int off, int len) throws IOException {
                if (first) {
                    first = false;
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        int window = 8;
        AtomicReference<BatchRunner.Summary> summary = new AtomicReference<>();
        Thread run = new Thread(() -> {
            try {
                summary.set(new BatchRunner(ENGINE, 2, window, 1000).run(
                    new LineReader(endless, PatientReader.MAX_LINE_LENGTH), "in", stalled, x -> { }, null));
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
        List<String> input = new ArrayList<>(BatchCommandTest.cohort(6));
        input.set(0, "[]");
        input.set(4, "not json");
        List<String> rejects = Collections.synchronizedList(new ArrayList<>());

        BatchRunner.Summary s = new BatchRunner(ENGINE, 3, 4, 1000)
            .run(lines(String.join("\n", input)), "in.ndjson", new StringWriter(), rejects::add, null);

        assertThat(s.rejected()).isEqualTo(2);
        assertThat(s.written()).isEqualTo(4);
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(0)).isEqualTo("in.ndjson:1: (patient) = a list: a patient must be a JSON object");
        assertThat(rejects.get(1)).startsWith("in.ndjson:5: (document): invalid JSON: ");
    }

    @Test
    void aLineLongerThanTheLimitIsRejectedWithoutBeingLoaded() throws Exception {
        String huge = "{\"id\":\"" + "x".repeat(PatientReader.MAX_LINE_LENGTH + 10) + "\"}";
        String good = BatchCommandTest.cohort(1).get(0);
        List<String> rejects = new ArrayList<>();
        StringWriter out = new StringWriter();

        BatchRunner.Summary s = new BatchRunner(ENGINE, 1).run(lines(good + "\n" + huge + "\n" + good), "in", out, rejects::add, null);

        assertThat(s.written()).isEqualTo(2);
        assertThat(rejects).singleElement().asString()
            .startsWith("in:2: (document) = (" + huge.length() + " characters): a patient line must be at most");
    }

    @Test
    void aFailingOutputStopsTheRunWithTheIoError() throws Exception {
        Writer broken = new Writer() {
            @Override
            public void write(char[] c, int off, int len) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        String input = BatchCommandTest.cohort(1).get(0);

        assertThatThrownBy(() -> new BatchRunner(ENGINE, 2).run(lines(input + "\n" + input), "in", broken, x -> { }, null))
            .isInstanceOf(IOException.class).hasMessage("disk full");
    }

    @Test
    void bytesWrittenToAStreamAreTheUtf8OfTheTextOneThreadWritesAcrossChunkBoundaries() throws Exception {
        List<String> input = new ArrayList<>(BatchCommandTest.cohort(150));
        for (int bad : new int[] {0, 31, 32, 63, 64, 65, 149}) { // around the default chunk size of 2 threads (32 lines)
            input.set(bad, bad % 2 == 0 ? "{\"id\": \"b" + bad + "\", \"age\": -1}" : "{broken");
        }
        StringWriter text = new StringWriter();
        List<String> textRejects = new ArrayList<>();
        BatchRunner.Summary one = new BatchRunner(ENGINE, 1, 1, 1000).run(lines(String.join("\n", input)), "in", text,
            textRejects::add, null);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        List<String> byteRejects = Collections.synchronizedList(new ArrayList<>());
        BatchRunner runner = new BatchRunner(ENGINE, 2);

        BatchRunner.Summary two = runner.run(lines(String.join("\n", input)), "in", bytes, byteRejects::add, null);

        assertThat(runner.chunkLines()).isEqualTo(32);
        assertThat(two.written()).isEqualTo(one.written()).isEqualTo(143);
        assertThat(two.rejected()).isEqualTo(one.rejected()).isEqualTo(7);
        assertThat(bytes.toByteArray()).isEqualTo(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(byteRejects).isEqualTo(textRejects);
        assertThat(byteRejects.stream().map(r -> r.substring(0, r.indexOf(':', 3))).distinct().toList())
            .containsExactly("in:1", "in:32", "in:33", "in:64", "in:65", "in:66", "in:150");
    }

    @Test
    void aFailingOutputStreamStopsTheRunWithTheIoError() throws Exception {
        java.io.OutputStream broken = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        String input = BatchCommandTest.cohort(1).get(0);

        assertThatThrownBy(() -> new BatchRunner(ENGINE, 2).run(lines(input + "\n" + input), "in", broken, x -> { }, null))
            .isInstanceOf(IOException.class).hasMessage("disk full");
    }

    @Test
    void threadsMustBePositive() {
        assertThatThrownBy(() -> new BatchRunner(ENGINE, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
