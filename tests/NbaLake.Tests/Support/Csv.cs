namespace NbaLake.Tests.Support;

/// <summary>Builders for small landing files in the Kaggle layout: a row is its defaults with a few fields changed.</summary>
public static class Csv
{
    public const long Lal = 1610612747, Bos = 1610612738, Gsw = 1610612744;

    public const string GamesHeader = "GAME_DATE_EST,GAME_ID,GAME_STATUS_TEXT,HOME_TEAM_ID,VISITOR_TEAM_ID,SEASON,PTS_home,PTS_away,HOME_TEAM_WINS";

    public const string DetailsHeader = "GAME_ID,TEAM_ID,TEAM_ABBREVIATION,PLAYER_ID,PLAYER_NAME,COMMENT,MIN,PTS";

    /// <summary>A games.csv line: LAL (home) beat BOS 100-90 on the given day.</summary>
    public static string Game(string gameId, string date = "2019-10-22", string home = "1610612747", string visitor = "1610612738",
        string season = "2019", string ptsHome = "100.0", string ptsAway = "90.0", string homeWins = "1") =>
        string.Join(',', date, gameId, "Final", home, visitor, season, ptsHome, ptsAway, homeWins);

    /// <summary>A games_details.csv line: LeBron James (2544) of LAL scored <paramref name="pts"/>.</summary>
    public static string Detail(string gameId, string pts = "20.0", string playerId = "2544", string teamId = "1610612747",
        string name = "LeBron James", string min = "30:00", string comment = "", string abbreviation = "LAL") =>
        string.Join(',', gameId, teamId, abbreviation, playerId, name, comment, min, pts);

    public static string File(string header, params string[] lines) => string.Join('\n', [header, .. lines]) + "\n";
}
