package io.nowserving.desktop.admin;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * A history CSV streamed into {@code <file>.part} beside the chosen file and moved onto it only when complete: a
 * cancelled or failed export deletes the part and leaves no half file (an older file of that name stays as it
 * was). Progress is rows written over the rows expected (capped below 1 until the end, since the expectation is
 * an estimate), or -1 (unknown) without an expectation; 1 when done.
 */
final class CsvExport {
    private final Path target;
    private volatile long expectedRows;
    private final Consumer<OutputStream> download;
    private final DoubleConsumer progress;
    private volatile boolean cancelled;

    CsvExport(Path target, Consumer<OutputStream> download, DoubleConsumer progress) {
        this.target = target;
        this.download = download;
        this.progress = progress;
    }

    /** How many data rows to expect (an estimate; 0 for unknown), before {@link #run}. */
    void expect(long rows) {
        this.expectedRows = rows;
    }

    /** Asks the running export to stop at its next write. */
    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Writes the file (blocking); answers the data rows written. A cancel or failure throws, leaving no file. */
    long run() {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Counting counting = null;
        try {
            try (Counting out = new Counting(Files.newOutputStream(part))) {
                counting = out;
                download.accept(out);
            }
            if (cancelled) {
                throw new Cancelled();
            }
            move(part);
            progress.accept(1);
            return Math.max(0, counting.lines - 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the export's own outcome is what the user needs to hear about
            }
        }
    }

    private void move(Path part) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Thrown when the export stopped because it was cancelled. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("the export was cancelled", null, false, false);
        }
    }

    /** Counts lines as they pass, reports progress when it moves by a tenth of a percent, and stops on cancel. */
    private final class Counting extends FilterOutputStream {
        long lines;
        private long reported = -1;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (cancelled) {
                throw new IOException("cancelled");
            }
            out.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
            if (expectedRows > 0) {
                long step = Math.min(999, (lines - 1) * 1000 / expectedRows);
                if (step != reported) {
                    reported = step;
                    progress.accept(step / 1000.0);
                }
            } else if (reported != -2) {
                reported = -2;
                progress.accept(-1);
            }
        }
    }
}
