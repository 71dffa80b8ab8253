using NbaLake.Ingest;
using NbaLake.Storage;
using NbaLake.Transform.Quality;

namespace NbaLake.Transform;

/// <summary>
/// The accounting of one silver table over some bronze rows: bronze rows = silver rows + duplicates dropped + rejects
/// + rows of superseded file versions (snapshot sources only).
/// </summary>
public sealed record TableAccounting(string Table, string Source, long BronzeRows, long SilverRows, long Duplicates, IReadOnlyDictionary<string, long> RejectsByReason,
    long Superseded = 0)
{
    public long Rejects => RejectsByReason.Values.Sum();

    /// <summary>bronze rows = silver rows + duplicates dropped + rejects + superseded.</summary>
    public bool Balances => BronzeRows == SilverRows + Duplicates + Rejects + Superseded;
}

/// <summary>
/// Silver of one game bucket, built from the bucket's bronze rows alone (every row of a game is in its bucket): games
/// typed, deduplicated and judged by their per-row rules, box scores typed, joined to the games that stay and
/// deduplicated, the remaining quality rules applied, and every row left out accounted for. The same rows give the
/// same result whatever else is in the lake, which is why rebuilding only the buckets a run touched ends where a
/// rebuild of everything ends.
/// </summary>
public sealed class SilverBucket
{
    private static readonly QualityRule<GameRow>[] GameRowRules = [.. Games.Rules.Where(r => r.RowCheck is not null)];
    private static readonly QualityRule<GameRow>[] GameGroupRules = [.. Games.Rules.Where(r => r.RowCheck is null)];

    private SilverBucket(string bucket) => Bucket = bucket;

    public string Bucket { get; }

    /// <summary>Silver games of the bucket, sorted by game_id.</summary>
    public List<GameRow> GameRows { get; private set; } = [];

    /// <summary>Silver box scores of the bucket, sorted by (game_id, player_id).</summary>
    public List<GameDetailRow> DetailRows { get; private set; } = [];

    /// <summary>The bucket's rejects of both sources, in (source, batch, file, line) order.</summary>
    public List<SilverReject> Rejects { get; } = [];

    public TableAccounting GamesAccount { get; private set; } = null!;

    public TableAccounting DetailsAccount { get; private set; } = null!;

    public List<RuleCount> GamesRules { get; private set; } = [];

    public List<RuleCount> DetailsRules { get; private set; } = [];

    /// <summary>
    /// Builds a bucket. <paramref name="readGames"/> and <paramref name="readDetails"/> hand over the bucket's bronze
    /// rows chunk by chunk, in any order (the dedupe compares lineage, it does not rely on reading order).
    /// <paramref name="knownGames"/> are games from elsewhere a box score may join to (validate's preview of new files).
    /// <paramref name="current"/> holds, for each snapshot source, the (batch, file) lineage of the current versions of
    /// its landed files: rows of other versions are retracted, counted with the duplicates as superseded.
    /// </summary>
    public static SilverBucket Build(string bucket, Action<Action<BronzeChunk>> readGames, Action<Action<BronzeChunk>> readDetails,
        SourcesOptions options, QualityGate gate, IReadOnlyDictionary<int, GameRow>? knownGames = null,
        IReadOnlyDictionary<SourceDefinition, HashSet<(string Batch, string File)>>? current = null)
    {
        var result = new SilverBucket(bucket);
        var gameRejects = new List<SilverReject>();
        var (games, gameRows, gameDuplicates, gamesSuperseded) = Typed(Sources.Games, options.Games, readGames, current?.GetValueOrDefault(Sources.Games), gameRejects,
            Games.Parse, g => g.GameId, null);
        // The games' per-row rules come first: a game they quarantine is not in silver games, so its box scores are
        // unknown_game, as the contract says of a detail row whose game is not in silver games.
        games.Sort(static (a, b) => a.GameId.CompareTo(b.GameId));
        var (kept, gameRowRules) = gate.Apply(Sources.Games, GameRowRules, games, new SilverTables(games, []), gameRejects);
        HashSet<int> quarantinedGames = kept.Count == games.Count ? [] : [.. games.Except(kept).Select(g => g.GameId)];
        var gamesById = new Dictionary<int, GameRow>(knownGames ?? new Dictionary<int, GameRow>());
        foreach (var game in kept)
        {
            gamesById[game.GameId] = game;
        }
        foreach (var id in quarantinedGames)
        {
            gamesById.Remove(id); // validate's preview: the new row of a game silver has wins, and it was quarantined
        }
        var detailRejects = new List<SilverReject>();
        var (details, detailRows, detailDuplicates, detailsSuperseded) = Typed(Sources.GameDetails, options.GameDetails, readDetails, current?.GetValueOrDefault(Sources.GameDetails), detailRejects,
            FctGameDetails.Parse, d => (d.GameId, d.PlayerId), (d, p) => FctGameDetails.Join(d, gamesById, quarantinedGames, p));
        details.Sort(static (a, b) => a.GameId != b.GameId ? a.GameId.CompareTo(b.GameId) : a.PlayerId.CompareTo(b.PlayerId));

        // Then the rules of box scores, and last the games' rules over groups: the team points rule compares with the
        // box scores that stay.
        (result.DetailRows, result.DetailsRules) = gate.Apply(Sources.GameDetails, FctGameDetails.Rules, details, new SilverTables(kept, details), detailRejects);
        (result.GameRows, var gameGroupRules) = gate.Apply(Sources.Games, GameGroupRules, kept, new SilverTables(kept, result.DetailRows), gameRejects);
        result.GamesRules = [.. gameRowRules, .. gameGroupRules];

        result.GamesAccount = Account(Games.Table.Name, Sources.Games, gameRows, result.GameRows.Count, gameDuplicates, gamesSuperseded, gameRejects);
        result.DetailsAccount = Account(FctGameDetails.Table.Name, Sources.GameDetails, detailRows, result.DetailRows.Count, detailDuplicates, detailsSuperseded, detailRejects);
        result.Rejects.AddRange(gameRejects.Concat(detailRejects).OrderBy(r => r.Source, StringComparer.Ordinal)
            .ThenBy(r => r.BatchId, StringComparer.Ordinal).ThenBy(r => r.SourceFile, StringComparer.Ordinal).ThenBy(r => r.SourceLine));
        return result;
    }

    /// <summary>
    /// Types every bronze row (rejects decided row by row first), then keeps one row per key: the latest in lineage
    /// order. Returns the kept rows, the bronze rows read, the duplicates dropped and the rows of superseded versions
    /// of snapshot files (which are not typed at all). A large chunk is typed in one slice per core, each with a parser
    /// of its own; the dedupe compares lineage, so the slices' order does not change what is kept.
    /// </summary>
    private static (List<T> Kept, long BronzeRows, long Duplicates, long Superseded) Typed<T, TKey>(SourceDefinition source, SourceOptions options,
        Action<Action<BronzeChunk>> read, HashSet<(string Batch, string File)>? current, List<SilverReject> rejects, Func<RowParser, T> parse, Func<T, TKey> key,
        Func<T, RowParser, SilverReject?>? join)
        where T : SilverRow
        where TKey : notnull
    {
        var latest = new Dictionary<TKey, T>();
        long bronzeRows = 0, typed = 0, superseded = 0;
        read(chunk =>
        {
            bronzeRows += chunk.Count;
            var slices = chunk.Count >= Columnar.SplitRows ? Environment.ProcessorCount : 1;
            var parts = new (List<T> Rows, List<SilverReject> Rejects, long Superseded)[slices];
            Parallel.For(0, slices, s => parts[s] = Slice(chunk, chunk.Count * s / slices, chunk.Count * (s + 1) / slices));
            foreach (var (rows, rejected, skipped) in parts)
            {
                superseded += skipped;
                rejects.AddRange(rejected);
                typed += rows.Count;
                foreach (var row in rows)
                {
                    ref var kept = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(latest, key(row), out var seen);
                    if (!seen || row.IsLaterThan(kept!))
                    {
                        kept = row;
                    }
                }
            }
        });
        return ([.. latest.Values], bronzeRows, typed - latest.Count, superseded);

        (List<T> Rows, List<SilverReject> Rejects, long Superseded) Slice(BronzeChunk chunk, int from, int to)
        {
            var parser = new RowParser(source, options);
            var (rows, rejected, skipped) = (new List<T>(to - from), new List<SilverReject>(), 0L);
            for (var i = from; i < to; i++)
            {
                parser.MoveTo(chunk, i);
                if (current is not null && !current.Contains((parser.BatchId, parser.SourceFile)))
                {
                    skipped++;
                    continue;
                }
                var row = parse(parser);
                var reject = parser.Reject ?? join?.Invoke(row, parser);
                if (reject is not null)
                {
                    rejected.Add(reject);
                    continue;
                }
                (row.BatchId, row.SourceFile, row.SourceLine) = (parser.BatchId, parser.SourceFile, parser.SourceLine);
                CheckRow(row, source, parser);
                rows.Add(row);
            }
            return (rows, rejected, skipped);
        }
    }

    private static void CheckRow<T>(T row, SourceDefinition source, RowParser parser)
        where T : SilverRow
    {
        switch (row)
        {
            case GameRow game:
                QualityGate.CheckRow(Games.Rules, source, game, parser);
                break;
            case GameDetailRow detail:
                QualityGate.CheckRow(FctGameDetails.Rules, source, detail, parser);
                break;
        }
    }

    private static TableAccounting Account(string table, SourceDefinition source, long bronzeRows, long silverRows, long duplicates, long superseded,
        List<SilverReject> rejects) =>
        new(table, source.Name, bronzeRows, silverRows, duplicates,
            rejects.GroupBy(r => r.Reason).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count()), superseded);
}
