-- Gold player_scoring_streaks: per player with at least one game played, the longest run of consecutive games
-- played with pts > T (T = ${streak_threshold}), in (game_date, game_id) order.
-- Grain: one row per player; key player_id.
-- Games not played (did_play false) neither extend nor break a streak. A tie goes to the earliest streak;
-- longest_streak is 0, with null dates, for a player who never passed the threshold.
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
played AS (
    SELECT
        player_id,
        game_date,
        pts > ${streak_threshold} AS scored,
        row_number() OVER (PARTITION BY player_id ORDER BY game_date, game_id) AS game_no
    FROM fct_game_details
    WHERE did_play
),
islands AS (
    -- Gaps and islands: within a run of scoring games, game_no minus the rank among scoring games is constant.
    SELECT *, game_no - row_number() OVER (PARTITION BY player_id, scored ORDER BY game_no) AS island
    FROM played
),
streaks AS (
    SELECT player_id, count(*) AS streak, min(game_no) AS first_game, min(game_date) AS start_date, max(game_date) AS end_date
    FROM islands
    WHERE scored
    GROUP BY player_id, island
),
best AS (
    SELECT *, row_number() OVER (PARTITION BY player_id ORDER BY streak DESC, first_game) AS rn
    FROM streaks
),
players AS (
    SELECT player_id, count(*) AS games_played
    FROM played
    GROUP BY player_id
)
SELECT
    p.player_id,
    n.player_name,
    CAST(${streak_threshold} AS INTEGER) AS threshold,
    CAST(coalesce(b.streak, 0) AS BIGINT) AS longest_streak,
    b.start_date AS streak_start_date,
    b.end_date AS streak_end_date,
    CAST(p.games_played AS BIGINT) AS games_played
FROM players p
JOIN player_names n ON n.player_id = p.player_id
LEFT JOIN best b ON b.player_id = p.player_id AND b.rn = 1
ORDER BY p.player_id
