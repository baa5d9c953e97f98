-- V6: a service's own "your turn is near" threshold (backend.notify).
-- * services.notify_ahead: how many people ahead trigger the message for this service's tickets; 0 = never;
--   NULL = the backend's NOWSERVING_NOTIFY_AHEAD (every service before V6).
ALTER TABLE services ADD COLUMN notify_ahead INTEGER;
