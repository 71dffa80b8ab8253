-- Gold answers: one row per homework question, read from the other gold tables with the contract's tie-breaks.
-- Grain: one row per question; key question_id.
-- Input: agg_game_details, team_best_stretch, player_scoring_streaks (the gold tables), and the parameters
-- ${stretch_games}, ${streak_threshold}, ${streak_player} (a SQL string literal).
-- The sentences use DuckDB's format() ('{:,}' groups thousands) and strftime(); other engines need their own.
WITH q1 AS (
    SELECT * FROM agg_game_details WHERE agg_level = 'player_team'
    ORDER BY total_pts DESC, player_id, team_id LIMIT 1
),
q2 AS (
    SELECT * FROM agg_game_details WHERE agg_level = 'player_season'
    ORDER BY total_pts DESC, player_id, season LIMIT 1
),
q3 AS (
    SELECT * FROM agg_game_details WHERE agg_level = 'team'
    ORDER BY games_won DESC, team_id LIMIT 1
),
q4 AS (
    SELECT * FROM team_best_stretch ORDER BY best_wins DESC, team_id LIMIT 1
),
q5 AS (
    SELECT * FROM player_scoring_streaks WHERE player_name = ${streak_player}
    ORDER BY games_played DESC, player_id LIMIT 1
),
one AS (SELECT 1 AS x)
SELECT
    'q1' AS question_id,
    'Who scored the most points playing for one team?' AS question,
    CASE WHEN q1.player_id IS NULL THEN 'No player has a game in the data yet.'
         ELSE format('{} scored the most points playing for one team: {:,} for {}.',
                     coalesce(q1.player_name, 'Player ' || q1.player_id), q1.total_pts,
                     coalesce(q1.team_abbreviation, 'Team ' || q1.team_id)) END AS answer,
    q1.player_id, q1.player_name, q1.team_id, q1.team_abbreviation,
    CAST(NULL AS INTEGER) AS season, q1.total_pts AS value,
    CAST(NULL AS DATE) AS start_date, CAST(NULL AS DATE) AS end_date,
    'agg_game_details' AS source_table
FROM one LEFT JOIN q1 ON true
UNION ALL
SELECT
    'q2',
    'Who scored the most points in one season?',
    CASE WHEN q2.player_id IS NULL THEN 'No player has a game in the data yet.'
         ELSE format('{} scored the most points in one season: {:,} in {}-{}.',
                     coalesce(q2.player_name, 'Player ' || q2.player_id), q2.total_pts,
                     q2.season, lpad(CAST((q2.season + 1) % 100 AS VARCHAR), 2, '0')) END,
    q2.player_id, q2.player_name, CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR),
    q2.season, q2.total_pts, CAST(NULL AS DATE), CAST(NULL AS DATE),
    'agg_game_details'
FROM one LEFT JOIN q2 ON true
UNION ALL
SELECT
    'q3',
    'Which team has won the most games?',
    CASE WHEN q3.team_id IS NULL THEN 'No team has a game in the data yet.'
         ELSE format('{} won the most games: {:,} of the {:,} it played.',
                     coalesce(q3.team_abbreviation, 'Team ' || q3.team_id), q3.games_won, q3.games_played) END,
    CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR), q3.team_id, q3.team_abbreviation,
    CAST(NULL AS INTEGER), q3.games_won, CAST(NULL AS DATE), CAST(NULL AS DATE),
    'agg_game_details'
FROM one LEFT JOIN q3 ON true
UNION ALL
SELECT
    'q4',
    format('What is the most games a team has won in a {}-game stretch?', ${stretch_games}),
    CASE WHEN q4.team_id IS NULL THEN format('No team has played {} games yet.', ${stretch_games})
         ELSE format('{} won {} of {} consecutive games, from {} to {}.',
                     coalesce(q4.team_abbreviation, 'Team ' || q4.team_id), q4.best_wins, ${stretch_games},
                     strftime(q4.stretch_start_date, '%B %-d, %Y'), strftime(q4.stretch_end_date, '%B %-d, %Y')) END,
    CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR), q4.team_id, q4.team_abbreviation,
    CAST(NULL AS INTEGER), q4.best_wins, q4.stretch_start_date, q4.stretch_end_date,
    'team_best_stretch'
FROM one LEFT JOIN q4 ON true
UNION ALL
SELECT
    'q5',
    format('How many games in a row did {} score over {} points?', ${streak_player}, ${streak_threshold}),
    CASE WHEN q5.player_id IS NULL THEN format('No player named {} has played a game in the data.', ${streak_player})
         WHEN q5.longest_streak = 0 THEN format('{} never scored over {} points in a game.', ${streak_player}, ${streak_threshold})
         ELSE format('{} scored over {} points in {:,} games in a row, from {} to {}.',
                     ${streak_player}, ${streak_threshold}, q5.longest_streak,
                     strftime(q5.streak_start_date, '%B %-d, %Y'), strftime(q5.streak_end_date, '%B %-d, %Y')) END,
    q5.player_id, q5.player_name, CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR),
    CAST(NULL AS INTEGER), q5.longest_streak, q5.streak_start_date, q5.streak_end_date,
    'player_scoring_streaks'
FROM one LEFT JOIN q5 ON true
