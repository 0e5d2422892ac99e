-- When did each base change hands? One row per base: the first and last reported handover date and how many
-- articles report it (more than one date for a base is worth a look: see dq_flags).
WITH dated AS (
    SELECT base, event_date, doc_id FROM bases WHERE event = 'handover'
)
SELECT base,
       min(event_date) AS first_reported,
       max(event_date) AS last_reported,
       count(DISTINCT event_date) AS distinct_dates,
       count(DISTINCT doc_id) AS articles
FROM dated
GROUP BY base
ORDER BY first_reported NULLS LAST;
