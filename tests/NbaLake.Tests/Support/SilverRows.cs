using NbaLake.Transform;

namespace NbaLake.Tests.Support;

/// <summary>Builders for typed silver rows in memory, for the unit tests of the quality rules: a row is its defaults with a few fields changed.</summary>
public static class SilverRows
{
    public const long Lal = 1610612747, Bos = 1610612738, Gsw = 1610612744;

    /// <summary>A silver game: LAL (home) beat BOS 100-90 on 2019-10-22, season 2019, ingested on 2019-11-01.</summary>
    public static GameRow Game(int gameId = 21900001, string date = "2019-10-22", long home = Lal, long visitor = Bos, int season = 2019,
        int? ptsHome = 100, int? ptsAway = 90, string batch = BronzeRows.Batch1) => new()
    {
        GameId = gameId,
        GameDate = DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Season = season,
        SeasonType = SeasonTypes.Of(gameId),
        HomeTeamId = home,
        VisitorTeamId = visitor,
        PtsHome = ptsHome,
        PtsAway = ptsAway,
        HomeTeamWins = true,
        BatchId = batch,
        SourceFile = "games.csv",
        SourceLine = 2,
    };

    /// <summary>A silver box score: player <paramref name="player"/> of LAL scored <paramref name="pts"/> in 30 minutes of game 21900001.</summary>
    public static GameDetailRow Detail(int gameId = 21900001, long player = 2544, long team = Lal, int? pts = 20, double? minutes = 30) => new()
    {
        GameId = gameId,
        PlayerId = player,
        TeamId = team,
        Pts = pts,
        DidPlay = pts is not null,
        Minutes = minutes,
        BatchId = BronzeRows.Batch1,
        SourceFile = "games_details.csv",
        SourceLine = 2,
    };
}
