-- Gold agg_game_details: the homework's GROUPING SETS in one table.
-- Grain: one row per group of one grouping set; key (agg_level, player_id, team_id, season).
--   player_team   = (player_id, team_id)   season null
--   player_season = (player_id, season)    team_id, team_abbreviation null
--   team          = (team_id)              player_id, player_name, season null
-- Player levels: games_played = games with did_play, games_won = those the team won.
-- Team level: the team's distinct games and distinct games won. total_pts = sum(pts), 0 where none.
-- Names: a player's player_name and a team's team_abbreviation on its latest game (game_date, game_id).
-- Input: fct_game_details = silver fct_game_details narrowed to the counted season types.
WITH player_names AS (
    SELECT player_id, player_name
    FROM (
        SELECT player_id, player_name,
               row_number() OVER (PARTITION BY player_id ORDER BY game_date DESC, game_id DESC) AS rn
        FROM fct_game_details
    ) latest
    WHERE rn = 1
),
team_names AS (
    SELECT team_id, team_abbreviation
    FROM (
        SELECT team_id, team_abbreviation,
               row_number() OVER (PARTITION BY team_id ORDER BY game_date DESC, game_id DESC, player_id DESC) AS rn
        FROM fct_game_details
    ) latest
    WHERE rn = 1
),
grouped AS (
    SELECT
        CASE
            WHEN grouping(player_id) = 1 THEN 'team'
            WHEN grouping(team_id) = 0 THEN 'player_team'
            ELSE 'player_season'
        END AS agg_level,
        player_id,
        team_id,
        season,
        CASE
            WHEN grouping(player_id) = 1 THEN count(DISTINCT game_id)
            ELSE count(CASE WHEN did_play THEN 1 END)
        END AS games_played,
        CASE
            WHEN grouping(player_id) = 1 THEN count(DISTINCT CASE WHEN won_game THEN game_id END)
            ELSE count(CASE WHEN did_play AND won_game THEN 1 END)
        END AS games_won,
        coalesce(sum(pts), 0) AS total_pts
    FROM fct_game_details
    GROUP BY GROUPING SETS ((player_id, team_id), (player_id, season), (team_id))
)
SELECT
    g.agg_level,
    g.player_id,
    p.player_name,
    g.team_id,
    t.team_abbreviation,
    CAST(g.season AS INTEGER) AS season,
    CAST(g.games_played AS BIGINT) AS games_played,
    CAST(g.games_won AS BIGINT) AS games_won,
    CAST(g.total_pts AS BIGINT) AS total_pts
FROM grouped g
LEFT JOIN player_names p ON p.player_id = g.player_id
LEFT JOIN team_names t ON t.team_id = g.team_id
ORDER BY
    CASE g.agg_level WHEN 'player_team' THEN 1 WHEN 'player_season' THEN 2 ELSE 3 END,
    g.player_id, g.team_id, g.season
