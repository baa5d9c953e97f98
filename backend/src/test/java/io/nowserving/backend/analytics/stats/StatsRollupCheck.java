package io.nowserving.backend.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.backend.analytics.DayRange;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.sql.Database;
import io.nowserving.backend.testing.TestBackend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Compares the reports read from the write-behind's rollup with the same reports replayed from the events. */
final class StatsRollupCheck {
    private StatsRollupCheck() {
    }

    /**
     * For each range {@code "from..to"}: the summary (twice: computing, then reusing the kept idle days) and the
     * heatmap from the rollup equal the replay of the events, and the rollup holds rows for the branch.
     */
    static void assertRollupEqualsReplay(TestBackend backend, BranchConfig branch, List<String> ranges) {
        try (Database db = backend.database().open()) {
            assertTrue(count(db, "SELECT COUNT(*) FROM stats_days WHERE branch_id = ?", branch.id()) > 0,
                    "the write-behind wrote day rows");
            assertTrue(count(db, "SELECT COUNT(*) FROM stats_slots WHERE branch_id = ?", branch.id()) > 0,
                    "the write-behind wrote quarter-hour rows");
            StatsService stats = new StatsService(db.dataSource(), TestBackend.JSON);
            for (String text : ranges) {
                String[] fromTo = text.split("\\.\\.");
                DayRange r = DayRange.parse(fromTo[0], fromTo[1], branch);
                var replayed = stats.summaryByReplay(branch, r);
                assertEquals(replayed, stats.summary(branch, r), "summary of " + text);
                assertEquals(replayed, stats.summary(branch, r), "summary of " + text + " with the kept idle days");
                assertTrue(HeatmapReport.slotsFit(r));
                assertEquals(stats.heatmapByReplay(branch, r), stats.heatmap(branch, r), "heatmap of " + text);
            }
            assertTrue(count(db, "SELECT COUNT(*) FROM stats_idle WHERE branch_id = ?", branch.id()) > 0,
                    "complete days' idle time is kept");
        }
    }

    static long count(Database db, String sql, String branch) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, branch);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
