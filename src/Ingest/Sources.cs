namespace NbaLake.Ingest;

/// <summary>The three sources of the contract (lake-contract.md, "Sources"), columns in Kaggle order.</summary>
public static class Sources
{
    public static SourceDefinition Games { get; } = new(
        "games",
        ["GAME_DATE_EST", "GAME_ID", "GAME_STATUS_TEXT", "HOME_TEAM_ID", "VISITOR_TEAM_ID", "SEASON", "TEAM_ID_home", "PTS_home",
         "FG_PCT_home", "FT_PCT_home", "FG3_PCT_home", "AST_home", "REB_home", "TEAM_ID_away", "PTS_away", "FG_PCT_away", "FT_PCT_away",
         "FG3_PCT_away", "AST_away", "REB_away", "HOME_TEAM_WINS"],
        ["GAME_DATE_EST", "GAME_ID", "HOME_TEAM_ID", "VISITOR_TEAM_ID", "SEASON", "HOME_TEAM_WINS"]);

    public static SourceDefinition GameDetails { get; } = new(
        "game_details",
        ["GAME_ID", "TEAM_ID", "TEAM_ABBREVIATION", "TEAM_CITY", "PLAYER_ID", "PLAYER_NAME", "NICKNAME", "START_POSITION", "COMMENT", "MIN",
         "FGM", "FGA", "FG_PCT", "FG3M", "FG3A", "FG3_PCT", "FTM", "FTA", "FT_PCT", "OREB", "DREB", "REB", "AST", "STL", "BLK", "TO", "PF",
         "PTS", "PLUS_MINUS"],
        ["GAME_ID", "TEAM_ID", "TEAM_ABBREVIATION", "PLAYER_ID", "PLAYER_NAME", "PTS"],
        ["PLAYER_NAME", "NICKNAME"]);

    public static SourceDefinition Teams { get; } = new(
        "teams",
        ["LEAGUE_ID", "TEAM_ID", "MIN_YEAR", "MAX_YEAR", "ABBREVIATION", "NICKNAME", "YEARFOUNDED", "CITY", "ARENA", "ARENACAPACITY", "OWNER",
         "GENERALMANAGER", "HEADCOACH", "DLEAGUEAFFILIATION"],
        ["TEAM_ID", "ABBREVIATION"],
        ["OWNER", "GENERALMANAGER", "HEADCOACH"]);

    /// <summary>All sources, in the order a run ingests them.</summary>
    public static IReadOnlyList<SourceDefinition> All { get; } = [Games, GameDetails, Teams];
}
