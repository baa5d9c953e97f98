-- V4: the history list and its CSV export read tickets in (issued_at, id) order with keyset pagination
-- (analytics.TicketHistoryRepository); this index serves that order for one branch.
CREATE INDEX tickets_branch_issued ON tickets (branch_id, issued_at, id);
