-- Gold answers: one row per homework question, read from the other gold tables with the contract's tie-breaks.
-- Grain: one row per question; key question_id.
-- Input: agg_game_details, team_best_stretch, player_scoring_streaks (the gold tables), and the parameters
-- ${stretch_games}, ${streak_threshold}, ${streak_player} (a SQL string literal).
-- The sentences are the job's (src/Publish/Answers.cs), built with || from pieces the three engines write alike
-- (sql/README.md): a number is CAST(n AS VARCHAR(20)); a count with thousands separators comes from counts_text, a
-- date as 'March 5, 2020' from dates_text. A null of text type is a bare NULL: the first branch gives the column its type.
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
one AS (SELECT 1 AS x),
counts_text AS (
    -- Every count a sentence shows with thousands separators, as the job's N0 format writes it ('12,345'): its
    -- digits left-padded with zeros to 21 (seven groups of three; a BIGINT has at most 19 digits), cut in threes
    -- joined by commas, then the leading zeros and commas trimmed ('0' for zero). The counts are never negative.
    SELECT
        n,
        coalesce(nullif(trim(LEADING '0,' FROM
            substr(d, 1, 3) || ',' || substr(d, 4, 3) || ',' || substr(d, 7, 3) || ',' || substr(d, 10, 3) || ','
            || substr(d, 13, 3) || ',' || substr(d, 16, 3) || ',' || substr(d, 19, 3)), ''), '0') AS words
    FROM (
        SELECT n, lpad(CAST(n AS VARCHAR(20)), 21, '0') AS d
        FROM (
            SELECT total_pts AS n FROM q1
            UNION SELECT total_pts FROM q2
            UNION SELECT games_won FROM q3
            UNION SELECT games_played FROM q3
            UNION SELECT longest_streak FROM q5
        ) shown
    ) padded
),
dates_text AS (
    -- Every date a sentence shows, as the job's 'MMMM d, yyyy' writes it ('March 5, 2020').
    SELECT
        d,
        CASE EXTRACT(MONTH FROM d)
            WHEN 1 THEN 'January' WHEN 2 THEN 'February' WHEN 3 THEN 'March' WHEN 4 THEN 'April'
            WHEN 5 THEN 'May' WHEN 6 THEN 'June' WHEN 7 THEN 'July' WHEN 8 THEN 'August'
            WHEN 9 THEN 'September' WHEN 10 THEN 'October' WHEN 11 THEN 'November' ELSE 'December'
        END || ' ' || CAST(EXTRACT(DAY FROM d) AS VARCHAR(20)) || ', ' || lpad(CAST(EXTRACT(YEAR FROM d) AS VARCHAR(20)), 4, '0') AS words
    FROM (
        SELECT stretch_start_date AS d FROM q4
        UNION SELECT stretch_end_date FROM q4
        UNION SELECT streak_start_date FROM q5
        UNION SELECT streak_end_date FROM q5
    ) shown
    WHERE d IS NOT NULL
)
SELECT
    'q1' AS question_id,
    'Who scored the most points playing for one team?' AS question,
    CASE WHEN q1.player_id IS NULL THEN 'No player has a game in the data yet.'
         ELSE coalesce(q1.player_name, 'Player ' || CAST(q1.player_id AS VARCHAR(20)))
              || ' scored the most points playing for one team: ' || total.words
              || ' for ' || coalesce(q1.team_abbreviation, 'Team ' || CAST(q1.team_id AS VARCHAR(20))) || '.' END AS answer,
    q1.player_id, q1.player_name, q1.team_id, q1.team_abbreviation,
    CAST(NULL AS INTEGER) AS season, q1.total_pts AS value,
    CAST(NULL AS DATE) AS start_date, CAST(NULL AS DATE) AS end_date,
    'agg_game_details' AS source_table
FROM one
LEFT JOIN q1 ON true
LEFT JOIN counts_text total ON total.n = q1.total_pts
UNION ALL
SELECT
    'q2',
    'Who scored the most points in one season?',
    CASE WHEN q2.player_id IS NULL THEN 'No player has a game in the data yet.'
         ELSE coalesce(q2.player_name, 'Player ' || CAST(q2.player_id AS VARCHAR(20)))
              || ' scored the most points in one season: ' || total.words
              || ' in ' || CAST(q2.season AS VARCHAR(20)) || '-' || lpad(CAST((q2.season + 1) % 100 AS VARCHAR(20)), 2, '0') || '.' END,
    q2.player_id, q2.player_name, CAST(NULL AS BIGINT), NULL,
    q2.season, q2.total_pts, CAST(NULL AS DATE), CAST(NULL AS DATE),
    'agg_game_details'
FROM one
LEFT JOIN q2 ON true
LEFT JOIN counts_text total ON total.n = q2.total_pts
UNION ALL
SELECT
    'q3',
    'Which team has won the most games?',
    CASE WHEN q3.team_id IS NULL THEN 'No team has a game in the data yet.'
         ELSE coalesce(q3.team_abbreviation, 'Team ' || CAST(q3.team_id AS VARCHAR(20)))
              || ' won the most games: ' || won.words || ' of the ' || played.words || ' it played.' END,
    CAST(NULL AS BIGINT), NULL, q3.team_id, q3.team_abbreviation,
    CAST(NULL AS INTEGER), q3.games_won, CAST(NULL AS DATE), CAST(NULL AS DATE),
    'agg_game_details'
FROM one
LEFT JOIN q3 ON true
LEFT JOIN counts_text won ON won.n = q3.games_won
LEFT JOIN counts_text played ON played.n = q3.games_played
UNION ALL
SELECT
    'q4',
    'What is the most games a team has won in a ' || CAST(${stretch_games} AS VARCHAR(20)) || '-game stretch?',
    CASE WHEN q4.team_id IS NULL THEN 'No team has played ' || CAST(${stretch_games} AS VARCHAR(20)) || ' games yet.'
         ELSE coalesce(q4.team_abbreviation, 'Team ' || CAST(q4.team_id AS VARCHAR(20)))
              || ' won ' || CAST(q4.best_wins AS VARCHAR(20)) || ' of ' || CAST(${stretch_games} AS VARCHAR(20))
              || ' consecutive games, from ' || start_day.words || ' to ' || end_day.words || '.' END,
    CAST(NULL AS BIGINT), NULL, q4.team_id, q4.team_abbreviation,
    CAST(NULL AS INTEGER), q4.best_wins, q4.stretch_start_date, q4.stretch_end_date,
    'team_best_stretch'
FROM one
LEFT JOIN q4 ON true
LEFT JOIN dates_text start_day ON start_day.d = q4.stretch_start_date
LEFT JOIN dates_text end_day ON end_day.d = q4.stretch_end_date
UNION ALL
SELECT
    'q5',
    'How many games in a row did ' || ${streak_player} || ' score over ' || CAST(${streak_threshold} AS VARCHAR(20)) || ' points?',
    CASE WHEN q5.player_id IS NULL THEN 'No player named ' || ${streak_player} || ' has played a game in the data.'
         WHEN q5.longest_streak = 0 THEN ${streak_player} || ' never scored over ' || CAST(${streak_threshold} AS VARCHAR(20)) || ' points in a game.'
         ELSE ${streak_player} || ' scored over ' || CAST(${streak_threshold} AS VARCHAR(20)) || ' points in ' || streak.words
              || ' games in a row, from ' || start_day.words || ' to ' || end_day.words || '.' END,
    q5.player_id, q5.player_name, CAST(NULL AS BIGINT), NULL,
    CAST(NULL AS INTEGER), q5.longest_streak, q5.streak_start_date, q5.streak_end_date,
    'player_scoring_streaks'
FROM one
LEFT JOIN q5 ON true
LEFT JOIN counts_text streak ON streak.n = q5.longest_streak
LEFT JOIN dates_text start_day ON start_day.d = q5.streak_start_date
LEFT JOIN dates_text end_day ON end_day.d = q5.streak_end_date
