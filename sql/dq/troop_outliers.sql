-- Each troop count beside the typical count stated for the same actor across the warehouse (the median of all
-- its counts, once there are at least `min_counts`). A count many times the actor's usual size is more often a
-- misread number (money, population, a whole army) than a real contingent. The suite sets how many times is too
-- many. (Validated by expectations/troop_outliers.json.)
CREATE OR REPLACE VIEW dq_troop_outliers AS
WITH params AS (
    SELECT 4 AS min_counts
),
counted AS (
    SELECT doc_id, mention_no, actor, troop_count, count_text,
           median(troop_count) OVER (PARTITION BY actor) AS median_count,
           count(*) OVER (PARTITION BY actor) AS actor_counts
    FROM troops
    WHERE troop_count IS NOT NULL
),
compared AS (
    SELECT *,
           CASE WHEN actor_counts >= (SELECT min_counts FROM params) AND median_count > 0
                THEN round(troop_count / median_count, 2) END AS times_actor_median
    FROM counted
)
SELECT 'troops' AS table_name, doc_id, mention_no, actor, troop_count, median_count, actor_counts,
       coalesce(times_actor_median, 1) AS times_actor_median,
       CASE
           WHEN times_actor_median IS NULL
               THEN format('{} troops: "{}" ({} stated count(s) for {}: too few to compare)', actor, count_text,
                           actor_counts, actor)
           ELSE format('{} troops: "{}" is {:.1f} times the median of the {} counts stated for {} ({:,})', actor,
                       count_text, times_actor_median, actor_counts, actor, median_count::BIGINT)
       END AS detail
FROM compared;
