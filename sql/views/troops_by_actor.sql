-- Troops by actor: how many mentions, the counts stated, and what the forces were said to do.
CREATE OR REPLACE VIEW troops_by_actor AS
WITH mentions AS (
    SELECT actor, action, troop_count, doc_id
    FROM troops
),
per_actor AS (
    SELECT
        actor,
        count(*)                                  AS mentions,
        count(DISTINCT doc_id)                    AS documents,
        count(troop_count)                        AS counted_mentions,
        min(troop_count)                          AS min_count,
        max(troop_count)                          AS max_count,
        string_agg(DISTINCT action, ', ' ORDER BY action) AS actions
    FROM mentions
    GROUP BY actor
)
SELECT * FROM per_actor
ORDER BY mentions DESC, actor;
