-- Silver games, step 1: every bronze games row, trimmed and typed, with the first rule it breaks and whether it is
-- the latest row of its game_id. games.sql keeps the good latest rows; _rejects.sql and accounting.sql read the rest.
-- Grain: one row per bronze row; key (_batch_id, _source_file, _source_line).
-- Rules (lake-contract.md, Silver): a GAME_ID that is empty or not an int32 is bad_key; GAME_DATE_EST (yyyy-MM-dd, a
-- time part ignored), SEASON (a whole number, 2019 or 2019.0), HOME_TEAM_ID, VISITOR_TEAM_ID (int64) and
-- HOME_TEAM_WINS (0 or 1) are required, PTS_home and PTS_away whole numbers when present: anything else is bad_value.
-- The first broken rule in that column order is the row's reason; its column and raw value go to _rejects.
-- Duplicates: among the rows without a reject, the latest (_batch_id, then _source_file, then _source_line) wins.
-- Then the quality rules of games whose default policy is quarantine send a latest row to _rejects (reason = rule
-- name), the first in the order they are declared (src/Transform/Games.cs): game_id, home_team_id and
-- visitor_team_id above 0 (game_ids_positive); the home team not the visitor (teams_differ); game_date from
-- 1946-11-01 to a year after the day the row was ingested, the yyyyMMdd its _batch_id starts with, no upper bound
-- when it does not (game_date_plausible); pts_home and pts_away not negative (team_points_not_negative).
-- Input: bronze_games = every Parquet file of lake/bronze/games.
WITH ws AS (
    -- The white space a field is trimmed of: ASCII's, NEL and no-break space (README: the rest of Unicode's is kept).
    SELECT chr(32) || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(133) || chr(160) AS chars
),
t AS (
    -- Every field trimmed; blank after trimming is empty (null). The raw_ columns keep the field as landed.
    SELECT
        b._batch_id,
        b._source_file,
        b._source_line,
        NULLIF(trim(BOTH ws.chars FROM b.game_id), '') AS game_id,
        NULLIF(trim(BOTH ws.chars FROM b.game_date_est), '') AS game_date_est,
        NULLIF(trim(BOTH ws.chars FROM b.season), '') AS season,
        NULLIF(trim(BOTH ws.chars FROM b.game_status_text), '') AS game_status_text,
        NULLIF(trim(BOTH ws.chars FROM b.home_team_id), '') AS home_team_id,
        NULLIF(trim(BOTH ws.chars FROM b.visitor_team_id), '') AS visitor_team_id,
        NULLIF(trim(BOTH ws.chars FROM b.pts_home), '') AS pts_home,
        NULLIF(trim(BOTH ws.chars FROM b.pts_away), '') AS pts_away,
        NULLIF(trim(BOTH ws.chars FROM b.home_team_wins), '') AS home_team_wins,
        b.game_id AS raw_game_id,
        b.game_date_est AS raw_game_date_est,
        b.season AS raw_season,
        b.home_team_id AS raw_home_team_id,
        b.visitor_team_id AS raw_visitor_team_id,
        b.pts_home AS raw_pts_home,
        b.pts_away AS raw_pts_away,
        b.home_team_wins AS raw_home_team_wins
    FROM bronze_games b
    CROSS JOIN ws
),
p AS (
    -- What some types parse from: a whole number's digits (21.0 is 21), a date's first ten characters when a time
    -- follows (' ' or 'T' at position 11), the seconds of minutes played.
    SELECT
        t.*,
        CASE WHEN length(t.game_date_est) > 10 AND substr(t.game_date_est, 11, 1) IN (' ', 'T') THEN substr(t.game_date_est, 1, 10) ELSE t.game_date_est END AS game_date_est_day,
        CASE WHEN regexp_like(t.season, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.season, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS season_int,
        CASE WHEN regexp_like(t.pts_home, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.pts_home, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS pts_home_int,
        CASE WHEN regexp_like(t.pts_away, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.pts_away, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS pts_away_int
    FROM t
),
checked AS (
    -- Whether each typed field parses (a text field always does).
    SELECT
        t.*,
        (t.game_id IS NOT NULL AND regexp_like(t.game_id, '^[+-]?[0-9]+$') AND TRY_CAST(t.game_id AS INTEGER) IS NOT NULL) AS ok_game_id,
        (t.game_date_est IS NOT NULL AND (regexp_like(t.game_date_est_day, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') AND substr(t.game_date_est_day, 1, 4) <> '0000' AND TRY_CAST(t.game_date_est_day AS DATE) IS NOT NULL)) AS ok_game_date_est,
        (t.season IS NOT NULL AND t.season_int IS NOT NULL) AS ok_season,
        (t.home_team_id IS NOT NULL AND (regexp_like(t.home_team_id, '^[+-]?[0-9]+$') AND TRY_CAST(t.home_team_id AS BIGINT) IS NOT NULL)) AS ok_home_team_id,
        (t.visitor_team_id IS NOT NULL AND (regexp_like(t.visitor_team_id, '^[+-]?[0-9]+$') AND TRY_CAST(t.visitor_team_id AS BIGINT) IS NOT NULL)) AS ok_visitor_team_id,
        (t.pts_home IS NULL OR t.pts_home_int IS NOT NULL) AS ok_pts_home,
        (t.pts_away IS NULL OR t.pts_away_int IS NOT NULL) AS ok_pts_away,
        (t.home_team_wins IS NOT NULL AND t.home_team_wins IN ('0', '1')) AS ok_home_team_wins
    FROM p t
),
typed AS (
    -- The typed values, and the first field that breaks a rule, in the order of the columns. Text is converted with
    -- TRY_CAST even where checked: an engine may evaluate a cast before the CASE that guards it (sql/README.md).
    SELECT
        t._batch_id,
        t._source_file,
        t._source_line,
        CASE WHEN t.ok_game_id THEN TRY_CAST(t.game_id AS INTEGER) END AS game_id,
        CASE WHEN t.ok_game_date_est THEN TRY_CAST(t.game_date_est_day AS DATE) END AS game_date,
        CASE WHEN t.ok_season THEN t.season_int END AS season,
        t.game_status_text AS game_status_text,
        CASE WHEN t.ok_home_team_id THEN TRY_CAST(t.home_team_id AS BIGINT) END AS home_team_id,
        CASE WHEN t.ok_visitor_team_id THEN TRY_CAST(t.visitor_team_id AS BIGINT) END AS visitor_team_id,
        CASE WHEN t.ok_pts_home THEN t.pts_home_int END AS pts_home,
        CASE WHEN t.ok_pts_away THEN t.pts_away_int END AS pts_away,
        CASE WHEN t.ok_home_team_wins THEN (t.home_team_wins = '1') END AS home_team_wins,
        t.raw_game_id,
        t.raw_game_date_est,
        t.raw_home_team_id,
        t.raw_visitor_team_id,
        t.raw_pts_home,
        t.raw_pts_away,
        CASE
            WHEN NOT t.ok_game_id THEN NULL
            WHEN TRY_CAST(t.game_id AS INTEGER) BETWEEN 10000000 AND 19999999 THEN 'Pre Season'
            WHEN TRY_CAST(t.game_id AS INTEGER) BETWEEN 20000000 AND 29999999 THEN 'Regular Season'
            WHEN TRY_CAST(t.game_id AS INTEGER) BETWEEN 30000000 AND 39999999 THEN 'All Star'
            WHEN TRY_CAST(t.game_id AS INTEGER) BETWEEN 40000000 AND 49999999 THEN 'Playoffs'
            WHEN TRY_CAST(t.game_id AS INTEGER) BETWEEN 50000000 AND 59999999 THEN 'Play-In'
        END AS season_type,
        CASE
            WHEN NOT t.ok_game_id THEN 'game_id'
            WHEN NOT t.ok_game_date_est THEN 'game_date_est'
            WHEN NOT t.ok_season THEN 'season'
            WHEN NOT t.ok_home_team_id THEN 'home_team_id'
            WHEN NOT t.ok_visitor_team_id THEN 'visitor_team_id'
            WHEN NOT t.ok_pts_home THEN 'pts_home'
            WHEN NOT t.ok_pts_away THEN 'pts_away'
            WHEN NOT t.ok_home_team_wins THEN 'home_team_wins'
        END AS bad_column,
        CASE
            WHEN NOT t.ok_game_id THEN t.raw_game_id
            WHEN NOT t.ok_game_date_est THEN t.raw_game_date_est
            WHEN NOT t.ok_season THEN t.raw_season
            WHEN NOT t.ok_home_team_id THEN t.raw_home_team_id
            WHEN NOT t.ok_visitor_team_id THEN t.raw_visitor_team_id
            WHEN NOT t.ok_pts_home THEN t.raw_pts_home
            WHEN NOT t.ok_pts_away THEN t.raw_pts_away
            WHEN NOT t.ok_home_team_wins THEN t.raw_home_team_wins
        END AS bad_value
    FROM checked t
),
ingested AS (
    -- The UTC day the row was ingested: the run id in _batch_id starts with it (null when it does not).
    SELECT
        t.*,
        CASE WHEN regexp_like(t._batch_id, '^[0-9]{8}')
             THEN TRY_CAST(substr(t._batch_id, 1, 4) || '-' || substr(t._batch_id, 5, 2) || '-' || substr(t._batch_id, 7, 2) AS DATE) END AS ingest_day
    FROM typed t
),
dated AS (
    -- Days as yyyymmdd numbers: the game's, and the last plausible one, a year after the ingest day (null: no bound).
    SELECT
        t.*,
        EXTRACT(YEAR FROM t.game_date) * 10000 + EXTRACT(MONTH FROM t.game_date) * 100 + EXTRACT(DAY FROM t.game_date) AS game_day,
        (EXTRACT(YEAR FROM t.ingest_day) + 1) * 10000 + EXTRACT(MONTH FROM t.ingest_day) * 100
            + EXTRACT(DAY FROM t.ingest_day) AS last_plausible_day
    FROM ingested t
)
SELECT
    t._batch_id, t._source_file, t._source_line,
    t.game_id, t.game_date, t.season, t.season_type, t.game_status_text,
    t.home_team_id, t.visitor_team_id, t.pts_home, t.pts_away, t.home_team_wins,
    CASE WHEN t.bad_column = 'game_id' THEN 'bad_key' WHEN t.bad_column IS NOT NULL THEN 'bad_value' END AS reject_reason,
    t.bad_column AS reject_column,
    t.bad_value AS reject_value,
    CASE
        WHEN t.bad_column IS NOT NULL THEN FALSE
        ELSE row_number() OVER (PARTITION BY t.bad_column IS NULL, t.game_id
                                ORDER BY t._batch_id DESC, t._source_file DESC, t._source_line DESC) = 1
    END AS latest,
    -- The quarantining quality rules, in the order they are declared (src/Transform/Games.cs).
    CASE
        WHEN t.bad_column IS NOT NULL THEN NULL
        WHEN t.game_id <= 0 OR t.home_team_id <= 0 OR t.visitor_team_id <= 0 THEN 'game_ids_positive'
        WHEN t.home_team_id = t.visitor_team_id THEN 'teams_differ'
        WHEN t.game_day < 19461101 OR t.game_day > t.last_plausible_day THEN 'game_date_plausible'
        WHEN t.pts_home < 0 OR t.pts_away < 0 THEN 'team_points_not_negative'
    END AS quarantine_rule,
    CASE
        WHEN t.bad_column IS NOT NULL THEN NULL
        WHEN t.game_id <= 0 THEN 'game_id'
        WHEN t.home_team_id <= 0 THEN 'home_team_id'
        WHEN t.visitor_team_id <= 0 THEN 'visitor_team_id'
        WHEN t.home_team_id = t.visitor_team_id THEN 'visitor_team_id'
        WHEN t.game_day < 19461101 OR t.game_day > t.last_plausible_day THEN 'game_date_est'
        WHEN t.pts_home < 0 THEN 'pts_home'
        WHEN t.pts_away < 0 THEN 'pts_away'
    END AS quarantine_column,
    CASE
        WHEN t.bad_column IS NOT NULL THEN NULL
        WHEN t.game_id <= 0 THEN t.raw_game_id
        WHEN t.home_team_id <= 0 THEN t.raw_home_team_id
        WHEN t.visitor_team_id <= 0 THEN t.raw_visitor_team_id
        WHEN t.home_team_id = t.visitor_team_id THEN t.raw_visitor_team_id
        WHEN t.game_day < 19461101 OR t.game_day > t.last_plausible_day THEN t.raw_game_date_est
        WHEN t.pts_home < 0 THEN t.raw_pts_home
        WHEN t.pts_away < 0 THEN t.raw_pts_away
    END AS quarantine_value
FROM dated t
