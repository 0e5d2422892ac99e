-- Base handovers in date order: which base went to whom and when, with the article that says so.
CREATE OR REPLACE VIEW base_handovers AS
WITH handovers AS (
    SELECT doc_id, base, base_text, from_party, to_party, event_date, troop_count, evidence
    FROM bases
    WHERE event = 'handover'
),
with_source AS (
    SELECT h.*, d.title, d.publisher, d.published_on, d.source_file
    FROM handovers AS h
    JOIN documents AS d USING (doc_id)
)
SELECT base, event_date, to_party, from_party, troop_count, base_text, title, source_file, evidence
FROM with_source
ORDER BY event_date NULLS LAST, base;
