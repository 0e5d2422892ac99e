-- The largest troop counts stated, with the sentence each comes from.
SELECT actor, troop_count, count_kind, action, location, evidence
FROM troops
WHERE troop_count IS NOT NULL
ORDER BY troop_count DESC
LIMIT 20;
