package org.netlm.batch;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.netlm.io.ByteLines;

/**
 * A batch output file that only appears complete: records go to {@code FILE.partial} in the same directory, which is
 * renamed to {@code FILE} (atomically, replacing it) by {@link #commit()} once the run has finished. A run that
 * fails or is interrupted leaves the partial file, never a truncated {@code FILE}; {@link #resume} continues it from
 * its last complete record.
 */
public final class PartialOutput implements Closeable {
    /** Suffix of the file a run writes to until it commits. */
    public static final String SUFFIX = ".partial";

    private final Path target;
    private final Path partial;
    private final FileChannel channel;
    private final OutputStream stream;
    private final long recordsKept;
    private long rejectedKept;
    private boolean committed;

    private PartialOutput(Path target, FileChannel channel, long recordsKept) {
        this.target = target;
        this.partial = partialOf(target);
        this.channel = channel;
        this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        this.recordsKept = recordsKept;
    }

    /** The partial file of {@code target}: {@code target} + {@value #SUFFIX}, in the same directory. */
    public static Path partialOf(Path target) {
        return target.resolveSibling(target.getFileName() + SUFFIX);
    }

    /** Starts a new output (an old partial file is replaced), beginning with the format's header. */
    public static PartialOutput create(Path target, OutcomeFormat<?> format) throws IOException {
        FileChannel ch = FileChannel.open(partialOf(target), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
        PartialOutput out = new PartialOutput(target, ch, 0);
        try {
            ByteLines header = new ByteLines(1024);
            format.header(header);
            header.writeTo(out.stream, 0, header.size());
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /**
     * Continues the partial output of an earlier run of {@code format}: an incomplete last record is cut off, and
     * {@link #recordsKept()} tells how many records (after the header) it holds. Without a partial file, or with one
     * that holds less than the header, this starts a new output.
     *
     * @throws IOException when the partial file was not written in this format (header or first record differ)
     */
    public static PartialOutput resume(Path target, BatchFormat format) throws IOException {
        Path partial = partialOf(target);
        if (!Files.isRegularFile(partial)) {
            return create(target, format);
        }
        ByteLines headerBytes = new ByteLines(1024);
        format.header(headerBytes);
        byte[] header = headerBytes.copy();
        Scan scan = scan(partial, format.quotedLineBreaks(), Math.max(header.length, 64));
        if (scan.end < header.length) {
            return create(target, format);
        }
        if (!Arrays.equals(Arrays.copyOf(scan.first, Math.min(scan.first.length, header.length)), header)
            || (header.length == 0 && scan.records > 0 && !startsWith(scan.first, format.recordStart()))) {
            throw new IOException(partial + ": not a partial " + format.name().toLowerCase(Locale.ROOT)
                + " output of this version (its first record differs): remove it or choose the format it was written in");
        }
        FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE);
        long rejected;
        try {
            ch.truncate(scan.end);
            ch.position(scan.end);
            try (InputStream kept = Files.newInputStream(partial)) {
                rejected = format.countRejected(kept);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        PartialOutput out = new PartialOutput(target, ch, scan.records - (header.length > 0 ? 1 : 0));
        out.rejectedKept = rejected;
        return out;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
    }

    /** Complete records (header included) of a partial file, where the last one ends, and its first bytes. */
    private record Scan(long records, long end, byte[] first) {
    }

    /**
     * Reads the file once: a record ends at a {@code \n} (outside double quotes when {@code quoted}: RFC 4180 CSV,
     * where a quote inside a quoted value is doubled, which leaves the state as it was).
     */
    private static Scan scan(Path file, boolean quoted, int firstBytes) throws IOException {
        long records = 0;
        long end = 0;
        long pos = 0;
        boolean inQuotes = false;
        ByteLines first = new ByteLines(firstBytes);
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r = in.read(buf); r > 0; r = in.read(buf)) {
                if (first.size() < firstBytes) {
                    first.write(buf, 0, Math.min(r, firstBytes - first.size()));
                }
                for (int i = 0; i < r; i++) {
                    byte b = buf[i];
                    if (quoted && b == '"') {
                        inQuotes = !inQuotes;
                    } else if (b == '\n' && !inQuotes) {
                        records++;
                        end = pos + i + 1;
                    }
                }
                pos += r;
            }
        }
        return new Scan(records, end, first.copy());
    }

    /** Records (after the header) kept from an earlier run: the input lines already done. */
    public long recordsKept() {
        return recordsKept;
    }

    /** Rejected lines among the {@link #recordsKept()}. */
    public long rejectedKept() {
        return rejectedKept;
    }

    /** Where the records go (buffered). */
    public OutputStream stream() {
        return stream;
    }

    /** The file being written. */
    public Path partial() {
        return partial;
    }

    /** Flushes and syncs the partial file, closes it and renames it to the target, replacing it atomically. */
    public void commit() throws IOException {
        stream.flush();
        channel.force(true);
        channel.close();
        moveIntoPlace(partial, target);
        committed = true;
    }

    /** Renames {@code from} to {@code to} in the same directory, replacing it, atomically where the file system can. */
    static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Without a {@link #commit()}: writes out what is buffered and closes, keeping the partial file. */
    @Override
    public void close() throws IOException {
        if (!committed && channel.isOpen()) {
            try {
                stream.flush();
            } finally {
                channel.close();
            }
        }
    }

    @Override
    public String toString() {
        return "PartialOutput[" + Objects.toString(partial) + "]";
    }
}
