-- Each stated troop strength (forces present or remaining) beside the strengths other documents give for the same
-- actor at the same place in an overlapping period: stated within `window_days` of each other, or undated, which
-- cannot be told apart. Two counts disagree when they are more than `tolerance` apart, |a - b| / max(a, b). A
-- count is flagged when most of the comparable other sources disagree with it (with two sources, both are; with
-- many, only the odd ones out). Deployments, withdrawals and cuts are movements, not strengths: not compared.
-- (Validated by expectations/troop_conflicts.json.)
CREATE OR REPLACE VIEW dq_troop_conflicts AS
WITH params AS (
    SELECT 365 AS window_days, 0.03 AS tolerance
),
strengths AS (
    SELECT t.doc_id, t.mention_no, t.actor, t.location, lower(trim(t.location)) AS place, t.troop_count,
           t.count_text, coalesce(t.event_date, d.published_on) AS stated_on, d.source_file
    FROM troops AS t
    JOIN documents AS d USING (doc_id)
    WHERE t.troop_count IS NOT NULL AND t.location IS NOT NULL AND t.action IN ('present', 'remain')
),
pairs AS (
    SELECT s.doc_id, s.mention_no, o.doc_id AS other_doc, o.mention_no AS other_mention,
           abs(s.troop_count - o.troop_count) / greatest(s.troop_count, o.troop_count) AS gap
    FROM strengths AS s
    JOIN strengths AS o
      ON o.actor = s.actor AND o.place = s.place AND o.doc_id <> s.doc_id
     AND (s.stated_on IS NULL OR o.stated_on IS NULL
          OR abs(datediff('day', s.stated_on, o.stated_on)) <= (SELECT window_days FROM params))
),
-- Two plain aggregations rather than count(DISTINCT ...): DuckDB can spill these to disk, not a DISTINCT's sets
-- (one actor and place in thousands of documents pairs millions of strengths).
per_source AS (
    SELECT doc_id, mention_no, other_doc, max(gap) AS gap, arg_max(other_mention, gap) AS other_mention
    FROM pairs
    GROUP BY doc_id, mention_no, other_doc
),
tally AS (
    SELECT doc_id, mention_no,
           count(*) AS other_sources,
           count(*) FILTER (WHERE gap > (SELECT tolerance FROM params)) AS disagreeing_sources,
           max(gap) AS max_gap,
           arg_max({'doc_id': other_doc, 'mention_no': other_mention}, gap) AS worst
    FROM per_source
    GROUP BY doc_id, mention_no
),
worst AS (
    SELECT t.*, w.count_text AS other_text, w.source_file AS other_file
    FROM tally AS t
    LEFT JOIN strengths AS w ON w.doc_id = t.worst.doc_id AND w.mention_no = t.worst.mention_no
)
SELECT 'troops' AS table_name, s.doc_id, s.mention_no, s.actor, s.location, s.troop_count, s.stated_on,
       coalesce(t.other_sources, 0) AS other_sources,
       coalesce(t.disagreeing_sources, 0) AS disagreeing_sources,
       round(coalesce(t.disagreeing_sources / t.other_sources, 0), 3) AS disagreeing_share,
       round(coalesce(t.max_gap, 0), 3) AS max_gap, t.other_file,
       CASE
           WHEN coalesce(t.disagreeing_sources, 0) = 0
               THEN format('{} troops in {}: "{}" ({} other source(s) agree)', s.actor, s.location, s.count_text,
                           coalesce(t.other_sources, 0))
           ELSE format('{} troops in {}: "{}" here, but "{}" in {} ({:.0f}% apart); {} of {} other source(s) '
                       || 'disagree', s.actor, s.location, s.count_text, t.other_text, t.other_file,
                       100 * t.max_gap, t.disagreeing_sources, t.other_sources)
       END AS detail
FROM strengths AS s
LEFT JOIN worst AS t USING (doc_id, mention_no);
