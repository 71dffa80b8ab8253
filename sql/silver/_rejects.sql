-- Silver _rejects: every bronze row kept out of silver, with the rule it broke (a reason code), the column and the
-- value as landed. Duplicates are not rejects: they are counted in accounting.sql.
-- Grain: one row per rejected bronze row; key (source, _batch_id, _source_file, _source_line).
-- (`column` is a reserved word in some engines: it is only ever written qualified, r.column, or after AS.)
-- The job also writes a sentence per row (detail) for the person who fixes the source; it is prose, not defined here.
-- Input: typed_games, typed_game_details.
SELECT r.source, r._batch_id, r._source_file, r._source_line, r.reason, r.column, r.value
FROM (
    SELECT 'games' AS source, _batch_id, _source_file, _source_line,
           reject_reason AS reason, reject_column AS column, reject_value AS value
    FROM typed_games
    WHERE reject_reason IS NOT NULL
    UNION ALL
    SELECT 'games' AS source, _batch_id, _source_file, _source_line,
           quarantine_rule AS reason, quarantine_column AS column, quarantine_value AS value
    FROM typed_games
    WHERE latest AND quarantine_rule IS NOT NULL
    UNION ALL
    SELECT 'game_details' AS source, _batch_id, _source_file, _source_line,
           reject_reason AS reason, reject_column AS column, reject_value AS value
    FROM typed_game_details
    WHERE reject_reason IS NOT NULL
    UNION ALL
    SELECT 'game_details' AS source, _batch_id, _source_file, _source_line,
           quarantine_rule AS reason, quarantine_column AS column, quarantine_value AS value
    FROM typed_game_details
    WHERE latest AND quarantine_rule IS NOT NULL
) r
ORDER BY r.source, r._batch_id, r._source_file, r._source_line
