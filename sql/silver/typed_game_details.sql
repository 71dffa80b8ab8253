-- Silver fct_game_details, step 1: every bronze game_details row, trimmed and typed, joined to silver games, with
-- the first rule it breaks, the first quality rule that quarantines it, and whether it is the latest row of its key.
-- fct_game_details.sql keeps the good latest rows; _rejects.sql and accounting.sql read the rest.
-- Grain: one row per bronze row; key (_batch_id, _source_file, _source_line).
-- Rules (lake-contract.md, Silver), first broken one wins, in this order:
--   GAME_ID (int32), TEAM_ID, PLAYER_ID (int64) empty or not integers: bad_key;
--   MIN (m:ss with seconds 0 to 60, m.ffffff:ss or m), the counting stats (whole numbers, 21.0 is 21, not negative),
--   FG_PCT, FG3_PCT, FT_PCT (decimals with a '.' point; NaN and infinities are not numbers), PLUS_MINUS (a whole
--   number) not parsing as their type: bad_value;
--   a game not in silver games: unknown_game; a team neither home nor visitor of its game: team_not_in_game.
-- Duplicates: among the rows without a reject, the latest (_batch_id, then _source_file, then _source_line) per
-- (game_id, player_id) wins. Then the quality rules whose default policy is quarantine send a latest row to
-- _rejects (reason = rule name): game_id, team_id and player_id above 0, fg_pct, fg3_pct, ft_pct between 0 and 1,
-- minutes between 0 and 70, pts 0 to 100. A game quarantined by a rule of games is not in silver games: its rows are
-- unknown_game.
-- Input: bronze_game_details = every Parquet file of lake/bronze/game_details; games = silver games (games.sql).
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
        NULLIF(trim(BOTH ws.chars FROM b.team_id), '') AS team_id,
        NULLIF(trim(BOTH ws.chars FROM b.player_id), '') AS player_id,
        NULLIF(trim(BOTH ws.chars FROM b.team_abbreviation), '') AS team_abbreviation,
        NULLIF(trim(BOTH ws.chars FROM b.team_city), '') AS team_city,
        NULLIF(trim(BOTH ws.chars FROM b.player_name), '') AS player_name,
        NULLIF(trim(BOTH ws.chars FROM b.nickname), '') AS nickname,
        NULLIF(trim(BOTH ws.chars FROM b.start_position), '') AS start_position,
        NULLIF(trim(BOTH ws.chars FROM b.comment), '') AS comment,
        NULLIF(trim(BOTH ws.chars FROM b.min), '') AS min,
        NULLIF(trim(BOTH ws.chars FROM b.fgm), '') AS fgm,
        NULLIF(trim(BOTH ws.chars FROM b.fga), '') AS fga,
        NULLIF(trim(BOTH ws.chars FROM b.fg_pct), '') AS fg_pct,
        NULLIF(trim(BOTH ws.chars FROM b.fg3m), '') AS fg3m,
        NULLIF(trim(BOTH ws.chars FROM b.fg3a), '') AS fg3a,
        NULLIF(trim(BOTH ws.chars FROM b.fg3_pct), '') AS fg3_pct,
        NULLIF(trim(BOTH ws.chars FROM b.ftm), '') AS ftm,
        NULLIF(trim(BOTH ws.chars FROM b.fta), '') AS fta,
        NULLIF(trim(BOTH ws.chars FROM b.ft_pct), '') AS ft_pct,
        NULLIF(trim(BOTH ws.chars FROM b.oreb), '') AS oreb,
        NULLIF(trim(BOTH ws.chars FROM b.dreb), '') AS dreb,
        NULLIF(trim(BOTH ws.chars FROM b.reb), '') AS reb,
        NULLIF(trim(BOTH ws.chars FROM b.ast), '') AS ast,
        NULLIF(trim(BOTH ws.chars FROM b.stl), '') AS stl,
        NULLIF(trim(BOTH ws.chars FROM b.blk), '') AS blk,
        NULLIF(trim(BOTH ws.chars FROM b.to), '') AS to,
        NULLIF(trim(BOTH ws.chars FROM b.pf), '') AS pf,
        NULLIF(trim(BOTH ws.chars FROM b.pts), '') AS pts,
        NULLIF(trim(BOTH ws.chars FROM b.plus_minus), '') AS plus_minus,
        b.game_id AS raw_game_id,
        b.team_id AS raw_team_id,
        b.player_id AS raw_player_id,
        b.min AS raw_min,
        b.fgm AS raw_fgm,
        b.fga AS raw_fga,
        b.fg_pct AS raw_fg_pct,
        b.fg3m AS raw_fg3m,
        b.fg3a AS raw_fg3a,
        b.fg3_pct AS raw_fg3_pct,
        b.ftm AS raw_ftm,
        b.fta AS raw_fta,
        b.ft_pct AS raw_ft_pct,
        b.oreb AS raw_oreb,
        b.dreb AS raw_dreb,
        b.reb AS raw_reb,
        b.ast AS raw_ast,
        b.stl AS raw_stl,
        b.blk AS raw_blk,
        b.to AS raw_to,
        b.pf AS raw_pf,
        b.pts AS raw_pts,
        b.plus_minus AS raw_plus_minus
    FROM bronze_game_details b
    CROSS JOIN ws
),
p AS (
    -- What some types parse from: a whole number's digits (21.0 is 21), a date's first ten characters when a time
    -- follows (' ' or 'T' at position 11), the seconds of minutes played.
    SELECT
        t.*,
        TRY_CAST(NULLIF(regexp_extract(t.min, ':([0-9]+)$', 1), '') AS INTEGER) AS min_seconds,
        CASE WHEN regexp_like(t.fgm, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.fgm, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS fgm_int,
        CASE WHEN regexp_like(t.fga, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.fga, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS fga_int,
        CASE WHEN regexp_like(t.fg3m, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.fg3m, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS fg3m_int,
        CASE WHEN regexp_like(t.fg3a, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.fg3a, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS fg3a_int,
        CASE WHEN regexp_like(t.ftm, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.ftm, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS ftm_int,
        CASE WHEN regexp_like(t.fta, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.fta, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS fta_int,
        CASE WHEN regexp_like(t.oreb, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.oreb, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS oreb_int,
        CASE WHEN regexp_like(t.dreb, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.dreb, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS dreb_int,
        CASE WHEN regexp_like(t.reb, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.reb, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS reb_int,
        CASE WHEN regexp_like(t.ast, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.ast, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS ast_int,
        CASE WHEN regexp_like(t.stl, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.stl, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS stl_int,
        CASE WHEN regexp_like(t.blk, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.blk, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS blk_int,
        CASE WHEN regexp_like(t.to, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.to, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS to_int,
        CASE WHEN regexp_like(t.pf, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.pf, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS pf_int,
        CASE WHEN regexp_like(t.pts, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.pts, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS pts_int,
        CASE WHEN regexp_like(t.plus_minus, '^[+-]?([0-9]+[.]?0*|[.]0+)$')
             THEN TRY_CAST(regexp_replace(regexp_replace(t.plus_minus, '[.]0*$', ''), '^[+-]?$', '0') AS INTEGER) END AS plus_minus_int
    FROM t
),
checked AS (
    -- Whether each typed field parses (a text field always does).
    SELECT
        t.*,
        (t.game_id IS NOT NULL AND regexp_like(t.game_id, '^[+-]?[0-9]+$') AND TRY_CAST(t.game_id AS INTEGER) IS NOT NULL) AS ok_game_id,
        (t.team_id IS NOT NULL AND regexp_like(t.team_id, '^[+-]?[0-9]+$') AND TRY_CAST(t.team_id AS BIGINT) IS NOT NULL) AS ok_team_id,
        (t.player_id IS NOT NULL AND regexp_like(t.player_id, '^[+-]?[0-9]+$') AND TRY_CAST(t.player_id AS BIGINT) IS NOT NULL) AS ok_player_id,
        (t.min IS NULL OR (regexp_like(t.min, '^([0-9]+[.]?[0-9]*|[.][0-9]+)(:[0-9]{1,2})?$') AND COALESCE(t.min_seconds, 0) <= 60)) AS ok_min,
        (t.fgm IS NULL OR (t.fgm_int IS NOT NULL AND t.fgm_int >= 0)) AS ok_fgm,
        (t.fga IS NULL OR (t.fga_int IS NOT NULL AND t.fga_int >= 0)) AS ok_fga,
        (t.fg_pct IS NULL OR regexp_like(t.fg_pct, '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)$')) AS ok_fg_pct,
        (t.fg3m IS NULL OR (t.fg3m_int IS NOT NULL AND t.fg3m_int >= 0)) AS ok_fg3m,
        (t.fg3a IS NULL OR (t.fg3a_int IS NOT NULL AND t.fg3a_int >= 0)) AS ok_fg3a,
        (t.fg3_pct IS NULL OR regexp_like(t.fg3_pct, '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)$')) AS ok_fg3_pct,
        (t.ftm IS NULL OR (t.ftm_int IS NOT NULL AND t.ftm_int >= 0)) AS ok_ftm,
        (t.fta IS NULL OR (t.fta_int IS NOT NULL AND t.fta_int >= 0)) AS ok_fta,
        (t.ft_pct IS NULL OR regexp_like(t.ft_pct, '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)$')) AS ok_ft_pct,
        (t.oreb IS NULL OR (t.oreb_int IS NOT NULL AND t.oreb_int >= 0)) AS ok_oreb,
        (t.dreb IS NULL OR (t.dreb_int IS NOT NULL AND t.dreb_int >= 0)) AS ok_dreb,
        (t.reb IS NULL OR (t.reb_int IS NOT NULL AND t.reb_int >= 0)) AS ok_reb,
        (t.ast IS NULL OR (t.ast_int IS NOT NULL AND t.ast_int >= 0)) AS ok_ast,
        (t.stl IS NULL OR (t.stl_int IS NOT NULL AND t.stl_int >= 0)) AS ok_stl,
        (t.blk IS NULL OR (t.blk_int IS NOT NULL AND t.blk_int >= 0)) AS ok_blk,
        (t.to IS NULL OR (t.to_int IS NOT NULL AND t.to_int >= 0)) AS ok_to,
        (t.pf IS NULL OR (t.pf_int IS NOT NULL AND t.pf_int >= 0)) AS ok_pf,
        (t.pts IS NULL OR (t.pts_int IS NOT NULL AND t.pts_int >= 0)) AS ok_pts,
        (t.plus_minus IS NULL OR t.plus_minus_int IS NOT NULL) AS ok_plus_minus
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
        CASE WHEN t.ok_team_id THEN TRY_CAST(t.team_id AS BIGINT) END AS team_id,
        CASE WHEN t.ok_player_id THEN TRY_CAST(t.player_id AS BIGINT) END AS player_id,
        t.team_abbreviation AS team_abbreviation,
        t.team_city AS team_city,
        t.player_name AS player_name,
        t.nickname AS nickname,
        t.start_position AS start_position,
        t.comment AS comment,
        CASE WHEN t.ok_min THEN TRY_CAST(regexp_extract(t.min, '^([0-9.]+)', 1) AS DOUBLE) + CAST(COALESCE(t.min_seconds, 0) AS DOUBLE) / 60 END AS minutes,
        CASE WHEN t.ok_fgm THEN t.fgm_int END AS fgm,
        CASE WHEN t.ok_fga THEN t.fga_int END AS fga,
        CASE WHEN t.ok_fg_pct THEN TRY_CAST(t.fg_pct AS DOUBLE) END AS fg_pct,
        CASE WHEN t.ok_fg3m THEN t.fg3m_int END AS fg3m,
        CASE WHEN t.ok_fg3a THEN t.fg3a_int END AS fg3a,
        CASE WHEN t.ok_fg3_pct THEN TRY_CAST(t.fg3_pct AS DOUBLE) END AS fg3_pct,
        CASE WHEN t.ok_ftm THEN t.ftm_int END AS ftm,
        CASE WHEN t.ok_fta THEN t.fta_int END AS fta,
        CASE WHEN t.ok_ft_pct THEN TRY_CAST(t.ft_pct AS DOUBLE) END AS ft_pct,
        CASE WHEN t.ok_oreb THEN t.oreb_int END AS oreb,
        CASE WHEN t.ok_dreb THEN t.dreb_int END AS dreb,
        CASE WHEN t.ok_reb THEN t.reb_int END AS reb,
        CASE WHEN t.ok_ast THEN t.ast_int END AS ast,
        CASE WHEN t.ok_stl THEN t.stl_int END AS stl,
        CASE WHEN t.ok_blk THEN t.blk_int END AS blk,
        CASE WHEN t.ok_to THEN t.to_int END AS turnovers,
        CASE WHEN t.ok_pf THEN t.pf_int END AS pf,
        CASE WHEN t.ok_pts THEN t.pts_int END AS pts,
        CASE WHEN t.ok_plus_minus THEN t.plus_minus_int END AS plus_minus,
        (t.pts IS NOT NULL) AS did_play,
        t.raw_game_id,
        t.raw_team_id,
        t.raw_player_id,
        t.raw_min,
        t.raw_fg_pct,
        t.raw_fg3_pct,
        t.raw_ft_pct,
        t.raw_pts,
        CASE
            WHEN NOT t.ok_game_id THEN 'game_id'
            WHEN NOT t.ok_team_id THEN 'team_id'
            WHEN NOT t.ok_player_id THEN 'player_id'
            WHEN NOT t.ok_min THEN 'min'
            WHEN NOT t.ok_fgm THEN 'fgm'
            WHEN NOT t.ok_fga THEN 'fga'
            WHEN NOT t.ok_fg_pct THEN 'fg_pct'
            WHEN NOT t.ok_fg3m THEN 'fg3m'
            WHEN NOT t.ok_fg3a THEN 'fg3a'
            WHEN NOT t.ok_fg3_pct THEN 'fg3_pct'
            WHEN NOT t.ok_ftm THEN 'ftm'
            WHEN NOT t.ok_fta THEN 'fta'
            WHEN NOT t.ok_ft_pct THEN 'ft_pct'
            WHEN NOT t.ok_oreb THEN 'oreb'
            WHEN NOT t.ok_dreb THEN 'dreb'
            WHEN NOT t.ok_reb THEN 'reb'
            WHEN NOT t.ok_ast THEN 'ast'
            WHEN NOT t.ok_stl THEN 'stl'
            WHEN NOT t.ok_blk THEN 'blk'
            WHEN NOT t.ok_to THEN 'to'
            WHEN NOT t.ok_pf THEN 'pf'
            WHEN NOT t.ok_pts THEN 'pts'
            WHEN NOT t.ok_plus_minus THEN 'plus_minus'
        END AS bad_column,
        CASE
            WHEN NOT t.ok_game_id THEN t.raw_game_id
            WHEN NOT t.ok_team_id THEN t.raw_team_id
            WHEN NOT t.ok_player_id THEN t.raw_player_id
            WHEN NOT t.ok_min THEN t.raw_min
            WHEN NOT t.ok_fgm THEN t.raw_fgm
            WHEN NOT t.ok_fga THEN t.raw_fga
            WHEN NOT t.ok_fg_pct THEN t.raw_fg_pct
            WHEN NOT t.ok_fg3m THEN t.raw_fg3m
            WHEN NOT t.ok_fg3a THEN t.raw_fg3a
            WHEN NOT t.ok_fg3_pct THEN t.raw_fg3_pct
            WHEN NOT t.ok_ftm THEN t.raw_ftm
            WHEN NOT t.ok_fta THEN t.raw_fta
            WHEN NOT t.ok_ft_pct THEN t.raw_ft_pct
            WHEN NOT t.ok_oreb THEN t.raw_oreb
            WHEN NOT t.ok_dreb THEN t.raw_dreb
            WHEN NOT t.ok_reb THEN t.raw_reb
            WHEN NOT t.ok_ast THEN t.raw_ast
            WHEN NOT t.ok_stl THEN t.raw_stl
            WHEN NOT t.ok_blk THEN t.raw_blk
            WHEN NOT t.ok_to THEN t.raw_to
            WHEN NOT t.ok_pf THEN t.raw_pf
            WHEN NOT t.ok_pts THEN t.raw_pts
            WHEN NOT t.ok_plus_minus THEN t.raw_plus_minus
        END AS bad_value
    FROM checked t
),
joined AS (
    -- The row's game, for rows that parsed; the first rule broken (parsing, then the join), with its column and value.
    SELECT
        t.*,
        g.game_date,
        g.season,
        g.season_type,
        g.home_team_id,
        g.visitor_team_id,
        g.home_team_wins,
        CASE
            WHEN t.bad_column IN ('game_id', 'team_id', 'player_id') THEN 'bad_key'
            WHEN t.bad_column IS NOT NULL THEN 'bad_value'
            WHEN g.game_id IS NULL THEN 'unknown_game'
            WHEN t.team_id <> g.home_team_id AND t.team_id <> g.visitor_team_id THEN 'team_not_in_game'
        END AS reject_reason
    FROM typed t
    LEFT JOIN games g ON t.bad_column IS NULL AND g.game_id = t.game_id
)
SELECT
    j._batch_id, j._source_file, j._source_line,
    j.game_id, j.game_date, j.season, j.season_type,
    j.team_id, j.team_abbreviation, j.team_city,
    CASE WHEN j.team_id = j.home_team_id THEN j.visitor_team_id ELSE j.home_team_id END AS opponent_team_id,
    j.team_id = j.home_team_id AS is_home,
    j.player_id, j.player_name, j.nickname, j.start_position, j.comment,
    j.did_play, j.minutes,
    j.fgm, j.fga, j.fg_pct, j.fg3m, j.fg3a, j.fg3_pct, j.ftm, j.fta, j.ft_pct,
    j.oreb, j.dreb, j.reb, j.ast, j.stl, j.blk, j.turnovers, j.pf, j.pts, j.plus_minus,
    CASE WHEN j.team_id = j.home_team_id THEN j.home_team_wins ELSE NOT j.home_team_wins END AS won_game,
    j.reject_reason,
    CASE j.reject_reason
        WHEN 'unknown_game' THEN 'game_id'
        WHEN 'team_not_in_game' THEN 'team_id'
        ELSE j.bad_column
    END AS reject_column,
    CASE j.reject_reason
        WHEN 'unknown_game' THEN j.raw_game_id
        WHEN 'team_not_in_game' THEN j.raw_team_id
        ELSE j.bad_value
    END AS reject_value,
    CASE
        WHEN j.reject_reason IS NOT NULL THEN FALSE
        ELSE row_number() OVER (PARTITION BY j.reject_reason IS NULL, j.game_id, j.player_id
                                ORDER BY j._batch_id DESC, j._source_file DESC, j._source_line DESC) = 1
    END AS latest,
    -- The quarantining quality rules, in the order they are declared (src/Transform/FctGameDetails.cs).
    CASE
        WHEN j.reject_reason IS NOT NULL THEN NULL
        WHEN j.game_id <= 0 OR j.team_id <= 0 OR j.player_id <= 0 THEN 'detail_ids_positive'
        WHEN j.fg_pct < 0 OR j.fg_pct > 1 THEN 'fg_pct_in_range'
        WHEN j.fg3_pct < 0 OR j.fg3_pct > 1 THEN 'fg3_pct_in_range'
        WHEN j.ft_pct < 0 OR j.ft_pct > 1 THEN 'ft_pct_in_range'
        WHEN j.minutes < 0 OR j.minutes > 70 THEN 'minutes_in_range'
        WHEN j.pts < 0 OR j.pts > 100 THEN 'points_in_range'
    END AS quarantine_rule,
    CASE
        WHEN j.reject_reason IS NOT NULL THEN NULL
        WHEN j.game_id <= 0 THEN 'game_id'
        WHEN j.team_id <= 0 THEN 'team_id'
        WHEN j.player_id <= 0 THEN 'player_id'
        WHEN j.fg_pct < 0 OR j.fg_pct > 1 THEN 'fg_pct'
        WHEN j.fg3_pct < 0 OR j.fg3_pct > 1 THEN 'fg3_pct'
        WHEN j.ft_pct < 0 OR j.ft_pct > 1 THEN 'ft_pct'
        WHEN j.minutes < 0 OR j.minutes > 70 THEN 'min'
        WHEN j.pts < 0 OR j.pts > 100 THEN 'pts'
    END AS quarantine_column,
    CASE
        WHEN j.reject_reason IS NOT NULL THEN NULL
        WHEN j.game_id <= 0 THEN j.raw_game_id
        WHEN j.team_id <= 0 THEN j.raw_team_id
        WHEN j.player_id <= 0 THEN j.raw_player_id
        WHEN j.fg_pct < 0 OR j.fg_pct > 1 THEN j.raw_fg_pct
        WHEN j.fg3_pct < 0 OR j.fg3_pct > 1 THEN j.raw_fg3_pct
        WHEN j.ft_pct < 0 OR j.ft_pct > 1 THEN j.raw_ft_pct
        WHEN j.minutes < 0 OR j.minutes > 70 THEN j.raw_min
        WHEN j.pts < 0 OR j.pts > 100 THEN j.raw_pts
    END AS quarantine_value
FROM joined j
