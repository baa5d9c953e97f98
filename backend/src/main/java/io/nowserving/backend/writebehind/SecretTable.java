package io.nowserving.backend.writebehind;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The private {@code ticket_secrets} table: the token hash given at issue (the event's private field), replaced
 * by each newer rotation from the side stream, and the customer-key hash. Only the writer and recovery touch it.
 */
final class SecretTable {
    /** A ticket's private hashes; {@code rotMs/rotN} name the rotation that set the token hash, if any. */
    static final class Secret {
        final String branch;
        final String ticketId;
        String tokenHash;
        String customerKeyHash;
        Long rotMs;
        Long rotN;
        boolean stored;
        boolean changed;

        Secret(String branch, String ticketId) {
            this.branch = branch;
            this.ticketId = ticketId;
        }
    }

    private SecretTable() {
    }

    /** Saves the hashes of the newly stored issues and the rotations; tickets in {@code assumedNew} are not looked up. */
    static void save(Connection c, List<StreamEvent> inserted, List<TokenRotation> rotations, Set<String> assumedNew)
            throws SQLException {
        Map<String, Map<String, Secret>> byBranch = new LinkedHashMap<>();
        for (StreamEvent e : inserted) {
            if ("ticket.issued".equals(e.type()) && e.privatePart() != null && e.ticketId() != null) {
                byBranch.computeIfAbsent(e.branch(), b -> new LinkedHashMap<>()).put(e.ticketId(), null);
            }
        }
        for (TokenRotation r : rotations) {
            byBranch.computeIfAbsent(r.branch(), b -> new LinkedHashMap<>()).put(r.ticketId(), null);
        }
        for (Map.Entry<String, Map<String, Secret>> branch : byBranch.entrySet()) {
            List<String> lookUp = new ArrayList<>();
            for (String id : branch.getValue().keySet()) {
                if (!assumedNew.contains(BatchWrite.key(branch.getKey(), id))) {
                    lookUp.add(id);
                }
            }
            Map<String, Secret> rows = load(c, branch.getKey(), lookUp);
            for (StreamEvent e : inserted) {
                if (e.branch().equals(branch.getKey()) && "ticket.issued".equals(e.type()) && e.privatePart() != null) {
                    Secret s = rows.computeIfAbsent(e.ticketId(), id -> new Secret(e.branch(), id));
                    JsonNode p = e.privatePart();
                    if (s.tokenHash == null) {
                        s.tokenHash = p.path("tokenHash").asText(null);
                    }
                    if (s.customerKeyHash == null && p.hasNonNull("customerKeyHash")) {
                        s.customerKeyHash = p.get("customerKeyHash").asText();
                    }
                    s.changed = true;
                }
            }
            for (TokenRotation r : rotations) {
                if (r.branch().equals(branch.getKey())) {
                    Secret s = rows.computeIfAbsent(r.ticketId(), id -> new Secret(r.branch(), id));
                    if (r.isNewerThan(s.rotMs, s.rotN)) {
                        s.tokenHash = r.tokenHash();
                        s.rotMs = r.ms();
                        s.rotN = r.n();
                        s.changed = true;
                    }
                }
            }
            write(c, rows.values());
        }
    }

    static Map<String, Secret> load(Connection c, String branch, Collection<String> ids) throws SQLException {
        Map<String, Secret> rows = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ticket_id, token_hash, customer_key_hash,"
                + " token_rot_ms, token_rot_n FROM ticket_secrets WHERE branch_id = ? AND ticket_id = ANY(?)")) {
            ps.setString(1, branch);
            Jdbc.ids(ps, 2, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Secret s = new Secret(branch, rs.getString(1));
                    s.tokenHash = rs.getString(2);
                    s.customerKeyHash = rs.getString(3);
                    s.rotMs = Jdbc.bigint(rs, "token_rot_ms");
                    s.rotN = Jdbc.bigint(rs, "token_rot_n");
                    s.stored = true;
                    rows.put(s.ticketId, s);
                }
            }
        }
        return rows;
    }

    private static void write(Connection c, Iterable<Secret> rows) throws SQLException {
        List<Secret> inserts = new ArrayList<>();
        List<Secret> updates = new ArrayList<>();
        for (Secret s : rows) {
            if (s.changed && s.tokenHash != null) {
                (s.stored ? updates : inserts).add(s);
            }
        }
        batch(c, "INSERT INTO ticket_secrets (token_hash, customer_key_hash, token_rot_ms, token_rot_n, branch_id,"
                + " ticket_id) VALUES (?, ?, ?, ?, ?, ?)", inserts);
        batch(c, "UPDATE ticket_secrets SET token_hash = ?, customer_key_hash = ?, token_rot_ms = ?, token_rot_n = ?"
                + " WHERE branch_id = ? AND ticket_id = ?", updates);
    }

    private static void batch(Connection c, String sql, List<Secret> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Secret s : rows) {
                ps.setString(1, s.tokenHash);
                ps.setString(2, s.customerKeyHash);
                Jdbc.bigint(ps, 3, s.rotMs);
                Jdbc.bigint(ps, 4, s.rotN);
                ps.setString(5, s.branch);
                ps.setString(6, s.ticketId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
