-- V4: indexes for the analytics (backend.analytics).
-- * tickets_branch_issued: the history list and its CSV export read tickets in (issued_at, id) order with keyset
--   pagination, one branch at a time.
-- * events_branch_at: the statistics replay a branch's events of a range of business days, found by time.
CREATE INDEX tickets_branch_issued ON tickets (branch_id, issued_at, id);
CREATE INDEX events_branch_at ON events (branch_id, at);
