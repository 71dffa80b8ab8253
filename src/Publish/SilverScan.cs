using NbaLake.Storage;
using NbaLake.Transform;
using Apache.Arrow;
using ParquetSharp;

namespace NbaLake.Publish;

/// <summary>
/// Silver box scores in (game_date, game_id, player_id) order without holding the table: its files are grouped into
/// seasons (<see cref="SilverSeason"/>) whose date ranges (from the files' statistics) do not overlap. A season is read
/// (only the columns gold needs) and sorted on its own; the seasons in order give the whole table in order. Memory
/// follows the largest season, not the history.
/// </summary>
public static class SilverScan
{
    private static readonly string[] Columns =
        ["game_id", "game_date", "season", "season_type", "team_id", "team_abbreviation", "player_id", "player_name", "did_play", "pts", "won_game"];

    /// <summary>The current silver version's seasons, in date order.</summary>
    public static IReadOnlyList<SilverSeason> Seasons(TableStore store)
    {
        if (store.State(FctGameDetails.Table) is not { } state)
        {
            return [];
        }
        var folder = store.Layout.VersionFolder(FctGameDetails.Table, state.Version);
        return [.. Seasons(folder, state.Files.Values.Where(f => f.Rows > 0)).Select(files => new SilverSeason(folder, files))];
    }

    /// <summary>Hands every row of the current silver version that <paramref name="keep"/> accepts to <paramref name="onRow"/>, in order.</summary>
    public static void Run(TableStore store, Func<ScanRow, bool> keep, Action<ScanRow> onRow)
    {
        var seasons = Seasons(store);
        // The next season is read and sorted on another core while this one is handed over.
        var next = seasons.Count > 0 ? Task.Run(() => seasons[0].Read(keep)) : null;
        for (var s = 0; s < seasons.Count; s++)
        {
            var rows = next!.GetAwaiter().GetResult();
            var following = s + 1;
            next = following < seasons.Count ? Task.Run(() => seasons[following].Read(keep)) : null;
            foreach (var row in rows)
            {
                onRow(row);
            }
        }
    }

    internal static void Read(string path, Func<ScanRow, bool> keep, List<ScanRow> rows) =>
        Columnar.ReadBatches(path, Columns, (count, a) =>
        {
            var (gameId, date, season, seasonType) = ((Int32Array)a[0], (Date32Array)a[1], (Int32Array)a[2], TextColumn.From(a[3]));
            var (teamId, team, playerId, player) = ((Int64Array)a[4], TextColumn.From(a[5]), (Int64Array)a[6], TextColumn.From(a[7]));
            var (didPlay, pts, won) = ((BooleanArray)a[8], (Int32Array)a[9], (BooleanArray)a[10]);
            var gameIds = gameId.Values;
            var dates = date.Values;
            var seasons = season.Values;
            var teamIds = teamId.Values;
            var playerIds = playerId.Values;
            var points = pts.Values;
            var played = didPlay.ValueBuffer.Span;
            var wins = won.ValueBuffer.Span;
            var hasPoints = pts.NullBitmapBuffer.Span;
            for (var i = 0; i < count; i++)
            {
                var row = new ScanRow(gameIds[i], DateOnly.FromDayNumber(Epoch + dates[i]), seasons[i], seasonType[i], teamIds[i], team[i],
                    playerIds[i], player[i], Columnar.IsValid(played, didPlay.Offset + i), Columnar.IsValid(hasPoints, pts.Offset + i) ? points[i] : null,
                    Columnar.IsValid(wins, won.Offset + i));
                if (keep(row))
                {
                    rows.Add(row);
                }
            }
            foreach (var text in new[] { seasonType, team, player })
            {
                text.Dispose();
            }
        });

    /// <summary>Files grouped so that no two groups overlap in game dates, in date order.</summary>
    private static List<List<CommittedFile>> Seasons(string folder, IEnumerable<CommittedFile> files)
    {
        var seasons = new List<(DateOnly Min, DateOnly Max, List<CommittedFile> Files)>();
        foreach (var (file, min, max) in files.Select(f => (File: f, Range: DateRange(Path.Combine(folder, f.Path))))
            .Select(x => (x.File, x.Range.Min, x.Range.Max)).OrderBy(x => x.Min).ThenBy(x => x.File.Path, StringComparer.Ordinal))
        {
            if (seasons.Count > 0 && min <= seasons[^1].Max)
            {
                var last = seasons[^1];
                last.Files.Add(file);
                seasons[^1] = (last.Min, max > last.Max ? max : last.Max, last.Files);
            }
            else
            {
                seasons.Add((min, max, [file]));
            }
        }
        return [.. seasons.Select(u => u.Files)];
    }

    /// <summary>The first and last game date of a file, from its row groups' statistics (the widest range when they are missing).</summary>
    private static (DateOnly Min, DateOnly Max) DateRange(string path)
    {
        using var reader = Columnar.OpenReader(path);
        var schema = reader.FileMetaData.Schema;
        var column = Enumerable.Range(0, schema.NumColumns).First(i => schema.Column(i).Name == "game_date");
        var (min, max) = (DateOnly.MaxValue, DateOnly.MinValue);
        for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using var group = reader.RowGroup(g);
            if (group.MetaData.GetColumnChunkMetaData(column).Statistics is not Statistics<int> { HasMinMax: true } stats)
            {
                return (DateOnly.MinValue, DateOnly.MaxValue);
            }
            var (low, high) = (DateOnly.FromDayNumber(Epoch + stats.Min), DateOnly.FromDayNumber(Epoch + stats.Max));
            (min, max) = (low < min ? low : min, high > max ? high : max);
        }
        return (min, max);
    }

    /// <summary>Parquet dates count days from 1970-01-01.</summary>
    private static readonly int Epoch = new DateOnly(1970, 1, 1).DayNumber;
}
