-- The most recent runs, newest first (parameter: how many).
WITH recent AS (
    SELECT * FROM run_history ORDER BY started_at DESC LIMIT ?
)
SELECT * FROM recent ORDER BY started_at DESC;
