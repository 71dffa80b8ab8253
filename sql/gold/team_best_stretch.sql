-- Gold team_best_stretch: per team with at least N games (N = ${stretch_games}), the most wins in N consecutive games.
-- Grain: one row per team; key team_id.
-- A team's games: its distinct games in (game_date, game_id) order, one row per game (not per player row),
-- across season boundaries. A tie goes to the earliest window.
-- Input: fct_game_details = silver fct_game_details narrowed to the counted season types.
WITH team_names AS (
    SELECT team_id, team_abbreviation
    FROM (
        SELECT team_id, team_abbreviation,
               row_number() OVER (PARTITION BY team_id ORDER BY game_date DESC, game_id DESC, player_id DESC) AS rn
        FROM fct_game_details
    ) latest
    WHERE rn = 1
),
team_games AS (
    SELECT DISTINCT team_id, game_id, game_date, won_game
    FROM fct_game_details
),
windows AS (
    -- Each window spelled out: Spark SQL cannot add a frame to a named window (OVER (w ROWS ...)).
    SELECT
        team_id,
        row_number() OVER (PARTITION BY team_id ORDER BY game_date, game_id) AS game_no,
        game_date AS stretch_start_date,
        lead(game_date, ${stretch_games} - 1) OVER (PARTITION BY team_id ORDER BY game_date, game_id) AS stretch_end_date,
        sum(CASE WHEN won_game THEN 1 ELSE 0 END) OVER (
            PARTITION BY team_id ORDER BY game_date, game_id
            ROWS BETWEEN CURRENT ROW AND ${stretch_games} - 1 FOLLOWING) AS wins
    FROM team_games
),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY team_id ORDER BY wins DESC, game_no) AS rn
    FROM windows
    WHERE stretch_end_date IS NOT NULL -- a full window of N games
)
SELECT
    r.team_id,
    t.team_abbreviation,
    CAST(${stretch_games} AS INTEGER) AS stretch_games,
    CAST(r.wins AS BIGINT) AS best_wins,
    r.stretch_start_date,
    r.stretch_end_date
FROM ranked r
JOIN team_names t ON t.team_id = r.team_id
WHERE r.rn = 1
ORDER BY r.team_id
