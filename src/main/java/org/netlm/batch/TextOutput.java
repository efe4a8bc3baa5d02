package org.netlm.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The pipeline's bytes as text on a {@link Writer} (e.g. a console writer or a test's {@link java.io.StringWriter}).
 * Every write the pipeline and {@link OutcomeFormat#header} make holds whole UTF-8 records, so each is decoded on its
 * own. Closing flushes the writer and leaves it open.
 */
public final class TextOutput extends OutputStream {
    private final Writer out;

    public TextOutput(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(new String(b, off, len, StandardCharsets.UTF_8));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
