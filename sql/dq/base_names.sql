-- Each base row beside the most similar *other* canonical base name in the warehouse. The extractor must give
-- one base one canonical name; two names that differ only in spelling ("Qayyarah" / "Qayyara") or in generic
-- words ("Camp Taji" / "Taji Air Base") split one base's history in two. (Validated by
-- expectations/base_names.json.)
CREATE OR REPLACE VIEW dq_base_names AS
WITH names AS (
    SELECT base, count(*) AS mentions
    FROM bases
    GROUP BY base
),
normalised AS (
    SELECT base, mentions,
           trim(regexp_replace(
               regexp_replace(lower(base), '\b(al|el|the|camp|forward|operating|air|base|airbase|airfield|field|fob|military)\b|[^a-z0-9 ]', ' ', 'g'),
               '\s+', ' ', 'g')) AS core
    FROM names
),
pairs AS (
    SELECT a.base, b.base AS other_base, b.mentions AS other_mentions,
           CASE WHEN a.core = b.core THEN 1.0 ELSE jaro_winkler_similarity(a.core, b.core) END AS similarity
    FROM normalised AS a
    JOIN normalised AS b ON a.base <> b.base
),
nearest AS (
    SELECT base,
           max(similarity) AS name_similarity,
           arg_max(other_base, similarity) AS nearest_name,
           arg_max(other_mentions, similarity) AS nearest_mentions
    FROM pairs
    GROUP BY base
)
SELECT 'bases' AS table_name, b.doc_id, b.mention_no, b.base, b.base_text,
       round(coalesce(n.name_similarity, 0), 3) AS name_similarity, n.nearest_name,
       format('"{}" (written "{}") looks like the canonical name "{}" ({} mention(s) elsewhere): similarity {:.2f}',
              b.base, b.base_text, n.nearest_name, n.nearest_mentions, coalesce(n.name_similarity, 0)) AS detail
FROM bases AS b
LEFT JOIN nearest AS n USING (base);
