namespace NbaLake.Ingest;

/// <summary>The three sources of the contract (lake-contract.md, "Sources").</summary>
public static class Sources
{
    public static SourceDefinition Games { get; } = new(
        "games",
        ["GAME_DATE_EST", "GAME_ID", "HOME_TEAM_ID", "VISITOR_TEAM_ID", "SEASON", "HOME_TEAM_WINS"],
        ["GAME_STATUS_TEXT", "TEAM_ID_home", "PTS_home", "FG_PCT_home", "FT_PCT_home", "FG3_PCT_home", "AST_home", "REB_home",
         "TEAM_ID_away", "PTS_away", "FG_PCT_away", "FT_PCT_away", "FG3_PCT_away", "AST_away", "REB_away"]);

    public static SourceDefinition GameDetails { get; } = new(
        "game_details",
        ["GAME_ID", "TEAM_ID", "TEAM_ABBREVIATION", "PLAYER_ID", "PLAYER_NAME", "PTS"],
        ["TEAM_CITY", "NICKNAME", "START_POSITION", "COMMENT", "MIN", "FGM", "FGA", "FG_PCT", "FG3M", "FG3A", "FG3_PCT",
         "FTM", "FTA", "FT_PCT", "OREB", "DREB", "REB", "AST", "STL", "BLK", "TO", "PF", "PLUS_MINUS"]);

    public static SourceDefinition Teams { get; } = new(
        "teams",
        ["TEAM_ID", "ABBREVIATION"],
        ["LEAGUE_ID", "MIN_YEAR", "MAX_YEAR", "NICKNAME", "YEARFOUNDED", "CITY", "ARENA", "ARENACAPACITY", "OWNER",
         "GENERALMANAGER", "HEADCOACH", "DLEAGUEAFFILIATION"]);

    /// <summary>All sources, in the order a run ingests them.</summary>
    public static IReadOnlyList<SourceDefinition> All { get; } = [Games, GameDetails, Teams];
}
