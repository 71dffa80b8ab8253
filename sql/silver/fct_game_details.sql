-- Silver fct_game_details: one row per (game_id, player_id), the latest good bronze row of each, joined to its game,
-- unless a quality rule quarantined it (typed_game_details.sql types, joins and judges them).
-- did_play = the PTS field is not empty; won_game = home_team_wins for the home team, its negation for the visitor.
-- Grain: one row per player per game; key (game_id, player_id). Written partitioned by season (season=YYYY/).
-- Input: typed_game_details (typed_game_details.sql).
SELECT
    game_id,
    game_date,
    season,
    season_type,
    team_id,
    team_abbreviation,
    team_city,
    opponent_team_id,
    is_home,
    player_id,
    player_name,
    nickname,
    start_position,
    comment,
    did_play,
    minutes,
    fgm, fga, fg_pct,
    fg3m, fg3a, fg3_pct,
    ftm, fta, ft_pct,
    oreb, dreb, reb,
    ast, stl, blk,
    turnovers, pf, pts, plus_minus,
    won_game
FROM typed_game_details
WHERE latest AND quarantine_rule IS NULL
ORDER BY game_id, player_id
