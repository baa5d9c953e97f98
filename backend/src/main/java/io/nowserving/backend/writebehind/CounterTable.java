package io.nowserving.backend.writebehind;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code counter_states}: each counter's state and clerk as of the newest event naming it. */
final class CounterTable {
    private CounterTable() {
    }

    static void save(Connection c, Iterable<StreamEvent> inserted) throws SQLException {
        Map<String, StreamEvent> latest = new LinkedHashMap<>();
        for (StreamEvent e : inserted) {
            if (e.counterId() != null) {
                latest.merge(e.branch() + '\n' + e.counterId(), e, (a, b) -> b.seq() > a.seq() ? b : a);
            }
        }
        for (StreamEvent e : latest.values()) {
            Long stored = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT last_seq FROM counter_states WHERE branch_id = ? AND counter_id = ?")) {
                ps.setString(1, e.branch());
                ps.setString(2, e.counterId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        stored = rs.getLong(1);
                    }
                }
            }
            if (stored != null && stored >= e.seq()) {
                continue;
            }
            JsonNode ctr = e.envelope().path("counter");
            String sql = stored == null
                    ? "INSERT INTO counter_states (state, clerk, last_seq, branch_id, counter_id) VALUES (?, ?, ?, ?, ?)"
                    : "UPDATE counter_states SET state = ?, clerk = ?, last_seq = ? WHERE branch_id = ? AND counter_id = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, ctr.path("state").asText("closed"));
                ps.setString(2, ctr.hasNonNull("clerk") ? ctr.get("clerk").asText() : null);
                ps.setLong(3, e.seq());
                ps.setString(4, e.branch());
                ps.setString(5, e.counterId());
                ps.executeUpdate();
            }
        }
    }
}
