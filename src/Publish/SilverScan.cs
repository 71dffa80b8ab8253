using NbaLake.Storage;
using NbaLake.Transform;
using Apache.Arrow;
using ParquetSharp;

namespace NbaLake.Publish;

/// <summary>A silver box-score row as gold reads it: only the columns gold needs.</summary>
public readonly record struct ScanRow(
    int GameId, DateOnly GameDate, int Season, string? SeasonType, long TeamId, string? TeamAbbreviation, long PlayerId, string? PlayerName,
    bool DidPlay, int? Pts, bool WonGame);

/// <summary>
/// Silver box scores in (game_date, game_id, player_id) order without holding the table: its files are grouped into
/// units whose date ranges (from the files' statistics) do not overlap, normally one season each. A unit is read
/// (only the columns gold needs) and sorted on its own; the units in order give the whole table in order. Memory
/// follows the largest season, not the history.
/// </summary>
public static class SilverScan
{
    private static readonly string[] Columns =
        ["game_id", "game_date", "season", "season_type", "team_id", "team_abbreviation", "player_id", "player_name", "did_play", "pts", "won_game"];

    /// <summary>The current silver version's units, in date order.</summary>
    public static IReadOnlyList<SilverUnit> Units(TableStore store)
    {
        if (store.State(FctGameDetails.Table) is not { } state)
        {
            return [];
        }
        var folder = store.Layout.VersionFolder(FctGameDetails.Table, state.Version);
        return [.. Units(folder, state.Files.Values.Where(f => f.Rows > 0)).Select(files => new SilverUnit(folder, files))];
    }

    /// <summary>Hands every row of the current silver version that <paramref name="keep"/> accepts to <paramref name="onRow"/>, in order.</summary>
    public static void Run(TableStore store, Func<ScanRow, bool> keep, Action<ScanRow> onRow)
    {
        var units = Units(store);
        // The next unit is read and sorted on another core while this one is handed over.
        var next = units.Count > 0 ? Task.Run(() => units[0].Read(keep)) : null;
        for (var u = 0; u < units.Count; u++)
        {
            var rows = next!.GetAwaiter().GetResult();
            var following = u + 1;
            next = following < units.Count ? Task.Run(() => units[following].Read(keep)) : null;
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
    private static List<List<CommittedFile>> Units(string folder, IEnumerable<CommittedFile> files)
    {
        var units = new List<(DateOnly Min, DateOnly Max, List<CommittedFile> Files)>();
        foreach (var (file, min, max) in files.Select(f => (File: f, Range: DateRange(Path.Combine(folder, f.Path))))
            .Select(x => (x.File, x.Range.Min, x.Range.Max)).OrderBy(x => x.Min).ThenBy(x => x.File.Path, StringComparer.Ordinal))
        {
            if (units.Count > 0 && min <= units[^1].Max)
            {
                var last = units[^1];
                last.Files.Add(file);
                units[^1] = (last.Min, max > last.Max ? max : last.Max, last.Files);
            }
            else
            {
                units.Add((min, max, [file]));
            }
        }
        return [.. units.Select(u => u.Files)];
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

/// <summary>Silver files whose dates overlap no other unit's: read and sorted together, normally one season.</summary>
public sealed class SilverUnit(string folder, IReadOnlyList<CommittedFile> files)
{
    public IReadOnlyList<CommittedFile> Files { get; } = files;

    /// <summary>What the unit holds, by content: the same files give the same key, whatever version they are in.</summary>
    public string Key { get; } = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join("\n", files.Select(f => f.Path + " " + f.Sha256).Order(StringComparer.Ordinal)))))[..24];

    /// <summary>The unit's rows that <paramref name="keep"/> accepts, sorted by (game_date, game_id, player_id).</summary>
    public List<ScanRow> Read(Func<ScanRow, bool> keep)
    {
        var rows = new List<ScanRow>();
        foreach (var file in Files)
        {
            SilverScan.Read(Path.Combine(folder, file.Path), keep, rows);
        }
        rows.Sort(InOrder);
        return rows;
    }

    /// <summary>The order gold is handed silver in: (game_date, game_id, player_id).</summary>
    public static int InOrder(ScanRow a, ScanRow b)
    {
        var c = a.GameDate.CompareTo(b.GameDate);
        if (c == 0)
        {
            c = a.GameId.CompareTo(b.GameId);
        }
        return c != 0 ? c : a.PlayerId.CompareTo(b.PlayerId);
    }
}

/// <summary>
/// The names gold shows: a player's <c>player_name</c> and a team's <c>team_abbreviation</c> on its latest game (by
/// game_date, then game_id; within one game the row of the highest player_id), kept while silver is read in order.
/// A unit's names merged into the names of the units before it give the names over both.
/// </summary>
public sealed class LatestNames
{
    public Dictionary<long, string?> PlayerNames { get; } = [];

    public Dictionary<long, string?> TeamAbbreviations { get; } = [];

    public void Add(ScanRow row)
    {
        PlayerNames[row.PlayerId] = row.PlayerName;
        TeamAbbreviations[row.TeamId] = row.TeamAbbreviation;
    }

    /// <summary>Takes the names of a later unit.</summary>
    public void Add(LatestNames later)
    {
        foreach (var (player, name) in later.PlayerNames)
        {
            PlayerNames[player] = name;
        }
        foreach (var (team, abbreviation) in later.TeamAbbreviations)
        {
            TeamAbbreviations[team] = abbreviation;
        }
    }

    public void Write(BinaryWriter w)
    {
        foreach (var names in new[] { PlayerNames, TeamAbbreviations })
        {
            w.Write(names.Count);
            foreach (var (id, name) in names)
            {
                w.Write(id);
                w.Write(name is not null);
                w.Write(name ?? "");
            }
        }
    }

    public static LatestNames Read(BinaryReader r)
    {
        var names = new LatestNames();
        foreach (var map in new[] { names.PlayerNames, names.TeamAbbreviations })
        {
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                var id = r.ReadInt64();
                var present = r.ReadBoolean();
                var name = r.ReadString();
                map[id] = present ? name : null;
            }
        }
        return names;
    }
}
