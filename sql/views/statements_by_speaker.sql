-- Statements by speaker: who is quoted, in which role, how often, and through which channels.
CREATE OR REPLACE VIEW statements_by_speaker AS
WITH attributed AS (
    SELECT
        coalesce(speaker, speaker_org, speaker_title, '(unattributed)') AS who,
        speaker, speaker_title, speaker_org, quote_kind, channel, doc_id
    FROM statements
),
per_speaker AS (
    SELECT
        who,
        any_value(speaker_title) AS title,
        any_value(speaker_org)   AS org,
        count(*)                 AS statements,
        count(*) FILTER (WHERE quote_kind = 'direct') AS direct_quotes,
        count(DISTINCT doc_id)   AS documents,
        string_agg(DISTINCT channel, ', ' ORDER BY channel) AS channels
    FROM attributed
    GROUP BY who
)
SELECT * FROM per_speaker
ORDER BY statements DESC, who;
