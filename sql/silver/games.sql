-- Silver games: one row per game_id, the latest good bronze row of each, unless a quality rule quarantined it
-- (typed_games.sql types and judges them).
-- Grain: one row per game; key game_id.
-- Input: typed_games (typed_games.sql).
SELECT
    game_id,
    game_date,
    season,
    season_type,
    game_status_text,
    home_team_id,
    visitor_team_id,
    pts_home,
    pts_away,
    home_team_wins
FROM typed_games
WHERE latest AND quarantine_rule IS NULL
ORDER BY game_id
