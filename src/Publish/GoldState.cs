using System.Diagnostics;
using NbaLake.Storage;
using Serilog;

namespace NbaLake.Publish;

/// <summary>
/// What one silver unit (normally a season) contributes to gold, for given publish settings: the grouping sets' sums,
/// the latest names, each team's games in order, each player's streak summary. Gold is these states combined in date
/// order, exactly what a pass over all of silver gives; a unit's state is kept in a cache, so a run recomputes only
/// the units whose files changed.
/// </summary>
public sealed class GoldState
{
    private GoldState(LatestNames names, AggGameDetails.UnitPart agg, TeamBestStretch.UnitPart stretch, PlayerScoringStreaks.UnitPart streaks) =>
        (Names, Agg, Stretch, Streaks) = (names, agg, stretch, streaks);

    public LatestNames Names { get; }

    public AggGameDetails.UnitPart Agg { get; }

    public TeamBestStretch.UnitPart Stretch { get; }

    public PlayerScoringStreaks.UnitPart Streaks { get; }

    /// <summary>A unit's state from its rows in (game_date, game_id, player_id) order.</summary>
    public static GoldState Build(IEnumerable<ScanRow> rows, PublishOptions options)
    {
        var state = new GoldState(new LatestNames(), new AggGameDetails.UnitPart(), new TeamBestStretch.UnitPart(),
            new PlayerScoringStreaks.UnitPart(options.StreakThreshold, options.StreakPlayer));
        foreach (var row in rows)
        {
            state.Names.Add(row);
            state.Agg.Add(row);
            state.Stretch.Add(row);
            state.Streaks.Add(row);
        }
        return state;
    }

    public void Write(BinaryWriter w)
    {
        Names.Write(w);
        Agg.Write(w);
        Stretch.Write(w);
        Streaks.Write(w);
    }

    public static GoldState Read(BinaryReader r, PublishOptions options) =>
        new(LatestNames.Read(r), AggGameDetails.UnitPart.Read(r), TeamBestStretch.UnitPart.Read(r),
            PlayerScoringStreaks.UnitPart.Read(r, options.StreakThreshold, options.StreakPlayer));

    /// <summary>
    /// Hands the state of every unit of the current silver version to <paramref name="onUnit"/>, in date order, one at
    /// a time (memory holds one unit's state, not the history's). A state comes from the cache
    /// (<c>_meta/cache/gold/&lt;unit&gt;-&lt;settings&gt;.bin</c>) when the unit's files and the settings that shape it are
    /// those it was built for; the others are first built from their rows (on every core) and cached. Entries no unit
    /// uses any more are removed. The cache is derived data: a missing or unreadable entry is rebuilt, never trusted
    /// over silver.
    /// </summary>
    public static void ForEach(TableStore store, PublishOptions options, ILogger log, Action<GoldState> onUnit)
    {
        var started = Stopwatch.GetTimestamp();
        var folder = Path.Combine(store.Layout.Meta, "cache", "gold");
        Directory.CreateDirectory(folder);
        // Only what shapes a unit's part: the stretch length is applied when the parts are combined.
        var shape = FormattableString.Invariant($"{Format}{string.Join('|', options.SeasonTypes)};{options.StreakThreshold};{options.StreakPlayer}");
        var settings = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(shape)))[..16];
        var units = SilverScan.Units(store);
        var paths = units.Select(u => Path.Combine(folder, $"{u.Key}-{settings}.bin")).ToList();
        var types = options.SeasonTypes.Count == 0 ? null : options.SeasonTypes.ToHashSet(StringComparer.Ordinal);
        // A rebuild of gold (nbalake rebuild) trusts nothing but silver: every unit's part is built anew.
        var rebuild = store.IsRebuilding(AggGameDetails.Table);
        var missing = Enumerable.Range(0, units.Count).Where(u => rebuild || !File.Exists(paths[u])).ToList();
        Parallel.ForEach(missing, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, u =>
            Write(paths[u], Build(units[u].Read(r => types is null || (r.SeasonType is not null && types.Contains(r.SeasonType))), options)));
        var used = paths.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(folder).Where(f => !used.Contains(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }
        for (var u = 0; u < units.Count; u++)
        {
            onUnit(TryRead(paths[u], options)
                ?? Build(units[u].Read(r => types is null || (r.SeasonType is not null && types.Contains(r.SeasonType))), options));
        }
        log.Information("Gold from {Units} silver units: {Built} built from silver, {Cached} from the cache, in {ElapsedMs} ms",
            units.Count, missing.Count, units.Count - missing.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The cache's layout version: a change makes every entry a miss.</summary>
    private const string Format = "gold-state-1;";

    private static GoldState? TryRead(string path, PublishOptions options)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            return Read(reader, options);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static void Write(string path, GoldState state)
    {
        var temp = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temp)))
        {
            state.Write(writer);
        }
        File.Move(temp, path, overwrite: true);
    }
}
