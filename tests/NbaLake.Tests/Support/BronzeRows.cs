using NbaLake.Ingest;

namespace NbaLake.Tests.Support;

/// <summary>
/// Builders for bronze rows in memory (<see cref="BronzeRow"/>), for the unit tests of silver: a row is its defaults
/// with a few fields changed (<see cref="With"/>), its lineage given.
/// </summary>
public static class BronzeRows
{
    public const string Lal = "1610612747", Bos = "1610612738", Gsw = "1610612744";

    /// <summary>Two batch ids in ingest order (run ids: their first eight characters are the day the rows were ingested).</summary>
    public const string Batch1 = "20191101T000000000Z-000001", Batch2 = "20191102T000000000Z-000002";

    /// <summary>A games row: LAL (home) beat BOS 100-90 on 2019-10-22, from games.csv of batch 1.</summary>
    public static BronzeRow Game(string gameId, long line = 2, string batch = Batch1, string file = "games.csv", string date = "2019-10-22",
        string home = Lal, string visitor = Bos, string ptsHome = "100", string ptsAway = "90", string homeWins = "1", string season = "2019") =>
        Row(Sources.Games, batch, file, line, ("GAME_DATE_EST", date), ("GAME_ID", gameId), ("GAME_STATUS_TEXT", "Final"), ("HOME_TEAM_ID", home),
            ("VISITOR_TEAM_ID", visitor), ("SEASON", season), ("PTS_home", ptsHome), ("PTS_away", ptsAway), ("HOME_TEAM_WINS", homeWins));

    /// <summary>A games_details row: player <paramref name="playerId"/> of LAL scored <paramref name="pts"/> in 30 minutes, from games_details.csv of batch 1.</summary>
    public static BronzeRow Detail(string gameId, string playerId = "2544", long line = 2, string batch = Batch1, string file = "games_details.csv",
        string team = Lal, string? pts = "20", string? min = "30:00", string abbreviation = "LAL", string name = "LeBron James") =>
        Row(Sources.GameDetails, batch, file, line, ("GAME_ID", gameId), ("TEAM_ID", team), ("TEAM_ABBREVIATION", abbreviation),
            ("PLAYER_ID", playerId), ("PLAYER_NAME", name), ("MIN", min), ("PTS", pts));

    /// <summary>A row of <paramref name="source"/> holding the given fields (the others empty).</summary>
    public static BronzeRow Row(SourceDefinition source, string batch, string file, long line, params (string Column, string? Value)[] fields)
    {
        var values = new string?[source.Columns.Count];
        foreach (var (column, value) in fields)
        {
            values[Index(source, column)] = value;
        }
        return new BronzeRow(values, batch, file, line);
    }

    /// <summary>The row with one more field changed.</summary>
    public static BronzeRow With(this BronzeRow row, string column, string? value)
    {
        var source = row.Values.Length == Sources.Games.Columns.Count ? Sources.Games : Sources.GameDetails;
        var values = (string?[])row.Values.Clone();
        values[Index(source, column)] = value;
        return row with { Values = values };
    }

    /// <summary>A bucket's bronze as silver reads it: each list of rows is one chunk (a row group), handed over in the order given.</summary>
    public static Action<Action<BronzeChunk>> Chunks(SourceDefinition source, params IReadOnlyList<BronzeRow>[] chunks) => onChunk =>
    {
        foreach (var rows in chunks)
        {
            using var chunk = BronzeChunk.Of(rows, source.Columns.Count);
            onChunk(chunk);
        }
    };

    private static int Index(SourceDefinition source, string column) =>
        source.IndexOf(column) is >= 0 and var i ? i : throw new ArgumentException($"{source.Name} has no column {column}", nameof(column));
}
