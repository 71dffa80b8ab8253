-- Silver accounting: for each silver table, bronze rows = silver rows + duplicates dropped + rejects.
-- The job reports the same four numbers for the whole table in _ops/pipeline_runs (stage transform), every run.
-- Grain: one row per silver table; key table_name.
-- Input: typed_games, typed_game_details.
SELECT
    'silver.games' AS table_name,
    CAST(count(*) AS BIGINT) AS rows_in,
    CAST(COALESCE(sum(CASE WHEN latest AND quarantine_rule IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS rows_out,
    CAST(COALESCE(sum(CASE WHEN reject_reason IS NULL AND NOT latest THEN 1 ELSE 0 END), 0) AS BIGINT) AS duplicates,
    CAST(COALESCE(sum(CASE WHEN reject_reason IS NOT NULL OR (latest AND quarantine_rule IS NOT NULL) THEN 1 ELSE 0 END), 0) AS BIGINT) AS rejects
FROM typed_games
UNION ALL
SELECT
    'silver.fct_game_details' AS table_name,
    CAST(count(*) AS BIGINT) AS rows_in,
    CAST(COALESCE(sum(CASE WHEN latest AND quarantine_rule IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS rows_out,
    CAST(COALESCE(sum(CASE WHEN reject_reason IS NULL AND NOT latest THEN 1 ELSE 0 END), 0) AS BIGINT) AS duplicates,
    CAST(COALESCE(sum(CASE WHEN reject_reason IS NOT NULL OR (latest AND quarantine_rule IS NOT NULL) THEN 1 ELSE 0 END), 0) AS BIGINT) AS rejects
FROM typed_game_details
ORDER BY table_name
