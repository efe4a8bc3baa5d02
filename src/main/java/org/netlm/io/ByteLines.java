package org.netlm.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable byte buffer for output lines, reused from one batch of lines to the next: an unsynchronised
 * {@link java.io.ByteArrayOutputStream} whose content can be written out in parts and then cleared.
 * Not thread-safe.
 */
public final class ByteLines extends OutputStream {
    private byte[] buf;
    private int size;

    public ByteLines(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Bytes held. */
    public int size() {
        return size;
    }

    /** Drops the bytes from {@code newSize} on. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IndexOutOfBoundsException("size " + size + ", truncate to " + newSize);
        }
        size = newSize;
    }

    /** Empties the buffer (the capacity is kept). */
    public void clear() {
        size = 0;
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** Writes bytes {@code from} (inclusive) to {@code to} (exclusive) to {@code out}. */
    public void writeTo(OutputStream out, int from, int to) throws IOException {
        Objects.checkFromToIndex(from, to, size);
        if (to > from) {
            out.write(buf, from, to - from);
        }
    }

    /** A copy of the bytes from {@code from} on. */
    public byte[] copy(int from) {
        Objects.checkFromToIndex(from, size, size);
        return Arrays.copyOfRange(buf, from, size);
    }

    /** A copy of the bytes held. */
    public byte[] copy() {
        return copy(0);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            int need = size + more;
            if (need < 0) {
                throw new OutOfMemoryError("output line buffer over 2 GB");
            }
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }
}
