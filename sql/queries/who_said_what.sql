-- Direct quotes with their speakers, newest article first.
SELECT coalesce(s.speaker, s.speaker_org, '(unnamed)') AS speaker, s.speaker_title, s.channel,
       s.quote, d.title
FROM statements AS s
JOIN documents AS d USING (doc_id)
WHERE s.quote_kind = 'direct'
ORDER BY d.published_on DESC NULLS LAST, d.source_file, s.mention_no;
