package org.mcx.desktop.profiles;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.testing.Direct;
import org.mcx.desktop.testing.FxTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A benchmark, not a test (tag "benchmark", excluded from the normal run): 100,000 profiles in the
 * real table (FilteredList + SortedList, as the Profiles view), typing a query one key at a time;
 * each keystroke is timed from the filter change to the table laid out again, on the FX thread.
 * Also the heap the 100,000 rows and their table hold. Command and figures: docs/benchmarks.md.
 */
@Tag("benchmark")
class ProfileFilterBenchmark extends FxTest {
    private static final Logger log = LoggerFactory.getLogger(ProfileFilterBenchmark.class);
    static final int ROWS = 100_000;

    @Test
    void filterAHundredThousandRowsPerKeystroke() throws Exception {
        long before = usedHeap();
        List<ProfileRow> data = ProfileFilterTest.rows(ROWS);
        LiveList<ProfileRow> list = new LiveList<>(Direct.tasks(), null, "profiles", () -> CompletableFuture.completedFuture(data));
        TableView<ProfileRow> table = onFx(() -> {
            list.reload();
            TableView<ProfileRow> t = Tables.table("");
            t.setItems(list.sorted());
            list.sorted().comparatorProperty().bind(t.comparatorProperty());
            t.getColumns().setAll(List.of(Tables.column("Profile", ProfileRow::id),
                    Tables.column("Application", r -> r.profile().applicationId()),
                    Tables.column("Service", ProfileRow::service), Tables.column("Version", ProfileRow::version)));
            stage.setScene(new Scene(t, 1000, 700));
            stage.show();
            return t;
        });
        long after = usedHeap();

        String query = "app-1234 gm";
        List<Double> perKey = new ArrayList<>();
        for (int round = 0; round < 6; round++) { // the first rounds warm the JIT up; the last 3 are reported
            for (int i = 1; i <= query.length() * 2; i++) {
                // type the query, then delete it again key by key
                String typed = i <= query.length() ? query.substring(0, i) : query.substring(0, query.length() * 2 - i);
                double ms = onFx(() -> {
                    long t0 = System.nanoTime();
                    list.setFilter(ProfileRow.filter(typed));
                    table.layout();
                    return (System.nanoTime() - t0) / 1e6;
                });
                if (round >= 3) {
                    perKey.add(ms);
                }
            }
        }
        double[] sorted = perKey.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        log.info("BENCHMARK profile filter, {} rows: {} keystrokes, median {} ms, p90 {} ms, max {} ms; heap for rows + table {} MiB",
                ROWS, sorted.length, fmt(sorted[sorted.length / 2]), fmt(sorted[(int) (sorted.length * 0.9)]),
                fmt(sorted[sorted.length - 1]), fmt((after - before) / 1048576.0));
        log.info("BENCHMARK per keystroke (ms): {}", Arrays.toString(perKey.stream().map(ProfileFilterBenchmark::fmt).toArray()));
        onFxRun(() -> stage.hide());
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100); // let the collector finish; a measurement, not a synchronisation
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
