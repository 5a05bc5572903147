-- Rate limits every server process behind this database shares (staff sign-in, SMS
-- codes and their checks): one fixed-window counter per key and window, bumped by one
-- INSERT … ON CONFLICT … RETURNING. window_start is in Unix seconds; old windows are
-- pruned by the hourly housekeeping. (SQLite's twin: sqlite/0012_rate_counters.sql.)
CREATE TABLE rate_counters (
    key          TEXT   NOT NULL,
    window_start BIGINT NOT NULL,
    count        BIGINT NOT NULL CHECK (count >= 1),
    PRIMARY KEY (key, window_start)
);

CREATE INDEX rate_counters_by_window ON rate_counters (window_start);
