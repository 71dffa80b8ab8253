-- The DuckDB peer's process step: bronze to silver with the contract's typing, rejects (rows dropped here and
-- counted), dedupe (the later line wins) and join (won_game). Parameter: ${lake}.
CREATE OR REPLACE TABLE games AS
WITH typed AS (
    SELECT
        TRY_CAST(trim(game_id) AS INTEGER) AS game_id,
        TRY_CAST(left(trim(game_date_est), 10) AS DATE) AS game_date,
        TRY_CAST(trim(season) AS INTEGER) AS season,
        CASE left(lpad(trim(game_id), 8, '0'), 1)
            WHEN '1' THEN 'Pre Season' WHEN '2' THEN 'Regular Season' WHEN '3' THEN 'All Star'
            WHEN '4' THEN 'Playoffs' WHEN '5' THEN 'Play-In' END AS season_type,
        nullif(trim(game_status_text), '') AS game_status_text,
        TRY_CAST(trim(home_team_id) AS BIGINT) AS home_team_id,
        TRY_CAST(trim(visitor_team_id) AS BIGINT) AS visitor_team_id,
        CAST(TRY_CAST(trim(pts_home) AS DECIMAL(18, 3)) AS INTEGER) AS pts_home,
        CAST(TRY_CAST(trim(pts_away) AS DECIMAL(18, 3)) AS INTEGER) AS pts_away,
        CASE trim(home_team_wins) WHEN '1' THEN true WHEN '0' THEN false END AS home_team_wins,
        _source_line
    FROM read_parquet('${lake}/bronze/games/**/*.parquet')
)
SELECT * EXCLUDE (_source_line)
FROM typed
WHERE game_id IS NOT NULL AND game_date IS NOT NULL AND season IS NOT NULL AND home_team_id IS NOT NULL
  AND visitor_team_id IS NOT NULL AND home_team_wins IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY game_id ORDER BY _source_line DESC) = 1;

CREATE OR REPLACE TABLE fct_game_details AS
WITH typed AS (
    SELECT
        TRY_CAST(trim(game_id) AS INTEGER) AS game_id,
        TRY_CAST(trim(team_id) AS BIGINT) AS team_id,
        nullif(trim(team_abbreviation), '') AS team_abbreviation,
        nullif(trim(team_city), '') AS team_city,
        TRY_CAST(trim(player_id) AS BIGINT) AS player_id,
        nullif(trim(player_name), '') AS player_name,
        nullif(trim(nickname), '') AS nickname,
        nullif(trim(start_position), '') AS start_position,
        nullif(trim("comment"), '') AS "comment",
        nullif(trim(pts), '') IS NOT NULL AS did_play,
        CASE WHEN nullif(trim("min"), '') IS NULL THEN NULL
             WHEN contains(trim("min"), ':') THEN CAST(split_part(trim("min"), ':', 1) AS DOUBLE) + CAST(split_part(trim("min"), ':', 2) AS INTEGER) / 60.0
             ELSE CAST(trim("min") AS DOUBLE) END AS minutes,
        CAST(TRY_CAST(fgm AS DECIMAL(18, 3)) AS INTEGER) AS fgm, CAST(TRY_CAST(fga AS DECIMAL(18, 3)) AS INTEGER) AS fga,
        TRY_CAST(fg_pct AS DOUBLE) AS fg_pct,
        CAST(TRY_CAST(fg3m AS DECIMAL(18, 3)) AS INTEGER) AS fg3m, CAST(TRY_CAST(fg3a AS DECIMAL(18, 3)) AS INTEGER) AS fg3a,
        TRY_CAST(fg3_pct AS DOUBLE) AS fg3_pct,
        CAST(TRY_CAST(ftm AS DECIMAL(18, 3)) AS INTEGER) AS ftm, CAST(TRY_CAST(fta AS DECIMAL(18, 3)) AS INTEGER) AS fta,
        TRY_CAST(ft_pct AS DOUBLE) AS ft_pct,
        CAST(TRY_CAST(oreb AS DECIMAL(18, 3)) AS INTEGER) AS oreb, CAST(TRY_CAST(dreb AS DECIMAL(18, 3)) AS INTEGER) AS dreb,
        CAST(TRY_CAST(reb AS DECIMAL(18, 3)) AS INTEGER) AS reb, CAST(TRY_CAST(ast AS DECIMAL(18, 3)) AS INTEGER) AS ast,
        CAST(TRY_CAST(stl AS DECIMAL(18, 3)) AS INTEGER) AS stl, CAST(TRY_CAST(blk AS DECIMAL(18, 3)) AS INTEGER) AS blk,
        CAST(TRY_CAST("to" AS DECIMAL(18, 3)) AS INTEGER) AS turnovers, CAST(TRY_CAST(pf AS DECIMAL(18, 3)) AS INTEGER) AS pf,
        CAST(TRY_CAST(pts AS DECIMAL(18, 3)) AS INTEGER) AS pts, CAST(TRY_CAST(plus_minus AS DECIMAL(18, 3)) AS INTEGER) AS plus_minus,
        _source_line
    FROM read_parquet('${lake}/bronze/game_details/**/*.parquet')
)
SELECT
    d.game_id, g.game_date, g.season, g.season_type, d.team_id, d.team_abbreviation, d.team_city,
    CASE WHEN d.team_id = g.home_team_id THEN g.visitor_team_id ELSE g.home_team_id END AS opponent_team_id,
    d.team_id = g.home_team_id AS is_home,
    d.player_id, d.player_name, d.nickname, d.start_position, d."comment", d.did_play, d.minutes,
    d.fgm, d.fga, d.fg_pct, d.fg3m, d.fg3a, d.fg3_pct, d.ftm, d.fta, d.ft_pct, d.oreb, d.dreb, d.reb, d.ast, d.stl, d.blk,
    d.turnovers, d.pf, d.pts, d.plus_minus,
    CASE WHEN d.team_id = g.home_team_id THEN g.home_team_wins ELSE NOT g.home_team_wins END AS won_game
FROM typed d
JOIN games g ON g.game_id = d.game_id AND d.team_id IN (g.home_team_id, g.visitor_team_id)
WHERE d.game_id IS NOT NULL AND d.team_id IS NOT NULL AND d.player_id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY d.game_id, d.player_id ORDER BY d._source_line DESC) = 1;

COPY games TO '${lake}/silver/games/part-0.parquet' (FORMAT parquet);
COPY fct_game_details TO '${lake}/silver/fct_game_details' (FORMAT parquet, PARTITION_BY (season), WRITE_PARTITION_COLUMNS true);
