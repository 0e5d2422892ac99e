-- Each dated handover beside the dates other documents give for the same base's handover. Sources that give
-- different dates cannot all be right; a handover is flagged when most of the other documents that date it say
-- otherwise (so with two sources both are flagged, and with many only the odd ones out). Counted per date, not
-- per pair of documents, so a much-reported base costs no more than a rarely reported one.
-- (Validated by expectations/handover_conflicts.json.)
CREATE OR REPLACE VIEW dq_handover_conflicts AS
WITH handovers AS (
    SELECT b.doc_id, b.mention_no, b.base, b.event_date, d.source_file
    FROM bases AS b
    JOIN documents AS d USING (doc_id)
    WHERE b.event = 'handover' AND b.event_date IS NOT NULL
),
per_date AS (
    SELECT base, event_date, count(DISTINCT doc_id) AS docs, min(source_file) AS example_file
    FROM handovers
    GROUP BY base, event_date
),
per_base AS (
    SELECT base, sum(docs) AS docs
    FROM per_date
    GROUP BY base
),
commonest_other AS (
    SELECT h.doc_id, h.mention_no,
           arg_max(p.event_date, p.docs) AS other_date,
           arg_max(p.example_file, p.docs) AS other_file
    FROM handovers AS h
    JOIN per_date AS p ON p.base = h.base AND p.event_date <> h.event_date
    GROUP BY h.doc_id, h.mention_no
),
tally AS (
    SELECT h.*, b.docs - 1 AS other_sources, b.docs - s.docs AS disagreeing_sources, o.other_date, o.other_file
    FROM handovers AS h
    JOIN per_base AS b USING (base)
    JOIN per_date AS s USING (base, event_date)
    LEFT JOIN commonest_other AS o USING (doc_id, mention_no)
)
SELECT 'bases' AS table_name, doc_id, mention_no, base, event_date, other_sources, disagreeing_sources,
       round(coalesce(disagreeing_sources / nullif(other_sources, 0), 0), 3) AS disagreeing_share,
       abs(datediff('day', event_date, other_date)) AS days_apart, other_date, other_file,
       CASE
           WHEN disagreeing_sources = 0
               THEN format('{} handed over on {} ({} other source(s) agree)', base, event_date, other_sources)
           ELSE format('{} handed over on {} here, but on {} in {} ({} days apart); {} of {} other source(s) '
                       || 'give another date', base, event_date, other_date, other_file,
                       abs(datediff('day', event_date, other_date)), disagreeing_sources, other_sources)
       END AS detail
FROM tally;
