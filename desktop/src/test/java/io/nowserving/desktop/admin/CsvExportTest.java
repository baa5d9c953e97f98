package io.nowserving.desktop.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's file: complete or not there at all. */
class CsvExportTest {
    @TempDir
    Path dir;

    @Test
    void aCompleteExportReplacesTheFileAndReachesOneHundredPercent() throws IOException {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "old");
        List<Double> progress = new CopyOnWriteArrayList<>();
        CsvExport export = new CsvExport(file, out -> write(out, "id,number\n1,A001\n2,A002\n3,A003\n"),
                progress::add);
        export.expect(3);
        assertEquals(3, export.run());
        assertEquals("id,number\n1,A001\n2,A002\n3,A003\n", Files.readString(file));
        assertEquals(1.0, progress.get(progress.size() - 1));
        assertTrue(progress.stream().allMatch(p -> p >= 0 && p <= 1), progress.toString());
        assertFalse(Files.exists(dir.resolve("out.csv.part")));
    }

    @Test
    void aCancelledExportLeavesNoHalfFileAndKeepsAnOlderOne() throws Exception {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "old");
        CountDownLatch started = new CountDownLatch(1);
        CsvExport export = new CsvExport(file, out -> {
            write(out, "id,number\n");
            for (int i = 0; i < 10_000_000; i++) { // an endless download, until the cancel stops its writes
                write(out, i + ",A" + i + "\n");
                started.countDown();
            }
        }, p -> { });
        CompletableFuture<Long> run = CompletableFuture.supplyAsync(export::run);
        assertTrue(started.await(20, TimeUnit.SECONDS));
        export.cancel();
        var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> run.get(20,
                TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof UncheckedIOException, failure.toString());
        assertTrue(export.cancelled());
        assertEquals("old", Files.readString(file), "the older file stays as it was");
        assertFalse(Files.exists(dir.resolve("out.csv.part")), "no half file");
    }

    private static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
