package org.netlm.io;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.netlm.model.Assessment;

/**
 * Renders output lines in UTF-8 with buffers reused from line to line: a writer (Jackson's JSON or CSV generator)
 * writes the text into a char buffer, and one UTF-8 encoder turns it into bytes. For a full assessment the bytes
 * are those of {@link AssessmentJson#toCompactJson} and a line break written through a UTF-8
 * {@link java.io.OutputStreamWriter} (the same generator; the same encoder, which writes a lone surrogate as
 * {@code ?}). Not thread-safe: one per thread ({@link #current()}).
 */
final class Utf8Lines {
    private static final ThreadLocal<Utf8Lines> PER_THREAD = ThreadLocal.withInitial(Utf8Lines::new);

    private final CharBufferWriter text = new CharBufferWriter(16 * 1024);
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer bytes = ByteBuffer.allocate(48 * 1024);

    /** The calling thread's instance. */
    static Utf8Lines current() {
        return PER_THREAD.get();
    }

    /** Appends the compact JSON of {@code a} and {@code \n} to {@code out}. */
    void append(Assessment a, SourceReport report, ByteLines out) {
        Writer w = begin();
        try (JsonGenerator g = AssessmentJson.generator(w, false)) {
            AssessmentJson.write(a, report, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the buffer does not fail
        }
        text.write('\n');
        finish(out);
    }

    /**
     * Starts a line: the text written to the returned writer (the same writer object every time, emptied) is
     * appended to a {@link ByteLines} by {@link #finish}.
     */
    Writer begin() {
        text.reset();
        return text;
    }

    /** The writer that {@link #begin()} returns, without emptying it (to bind a generator to it once). */
    Writer writer() {
        return text;
    }

    /** Appends the text written since {@link #begin()}, encoded as UTF-8, to {@code out}. */
    void finish(ByteLines out) {
        int max = (int) Math.ceil(text.size() * (double) utf8.maxBytesPerChar());
        if (bytes.capacity() < max) {
            bytes = ByteBuffer.allocate(max);
        }
        bytes.clear();
        utf8.reset();
        CharBuffer in = CharBuffer.wrap(text.chars(), 0, text.size());
        CoderResult r = utf8.encode(in, bytes, true);
        if (!r.isUnderflow()) {
            throw new IllegalStateException("UTF-8 encoding stopped: " + r); // cannot happen with room for the worst case
        }
        utf8.flush(bytes);
        out.write(bytes.array(), 0, bytes.position());
    }

    /** An unsynchronised writer into a growable char array. */
    private static final class CharBufferWriter extends Writer {
        private char[] buf;
        private int size;

        CharBufferWriter(int capacity) {
            buf = new char[capacity];
        }

        char[] chars() {
            return buf;
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
        }

        @Override
        public void write(int c) {
            ensure(1);
            buf[size++] = (char) c;
        }

        @Override
        public void write(char[] c, int off, int len) {
            ensure(len);
            System.arraycopy(c, off, buf, size, len);
            size += len;
        }

        @Override
        public void write(String s, int off, int len) {
            ensure(len);
            s.getChars(off, off + len, buf, size);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
