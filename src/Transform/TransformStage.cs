using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NbaLake.Ingest;
using NbaLake.Storage;
using NbaLake.Transform.Quality;
using Serilog;

namespace NbaLake.Transform;

/// <summary>
/// Process: bronze → silver, one game bucket at a time. A run rebuilds the buckets whose bronze files changed since
/// silver was last built (all of them when the settings that shape silver changed), each from its own bronze rows,
/// writes their files as it goes, and hands each silver table's next version to the runner, replacing only those
/// buckets' files. What every bucket contributes is kept in the tables' metadata, so the accounting and quality
/// results are those of the whole table, exactly as a rebuild from all of bronze reports them. The build step of
/// silver games, fct_game_details, _rejects and _ops.quality.
/// </summary>
public sealed class TransformStage(SourcesOptions options, IReadOnlyDictionary<string, QualityPolicy> policies, ILogger log) : IBuildStep
{
    private static readonly TableId[] Outputs = [Games.Table, FctGameDetails.Table, SilverReject.Table];
    private static readonly TableId BronzeGames = BronzeTable.Id(Sources.Games), BronzeDetails = BronzeTable.Id(Sources.GameDetails);

    public string Name => "transform";

    /// <summary>
    /// The settings that shape silver, as the source options declare them (a change rebuilds every bucket), and each
    /// quality rule's policy. The rules are all listed with the policy they run with, configured or default, so a lake
    /// built before a rule existed (or before its default changed) is judged by it in full on the next run, not only in
    /// the buckets new files touch.
    /// </summary>
    public IReadOnlyList<SettingValue> Settings { get; } =
    [
        .. DeclaredSettings.Of(options.Games, Sources.Games.SettingsKey),
        .. DeclaredSettings.Of(options.GameDetails, Sources.GameDetails.SettingsKey),
        .. Policies(new QualityGate(policies)),
    ];

    /// <summary>Each quality rule's policy as a setting (<c>Quality:&lt;rule&gt;</c>): it shapes every table the step builds.</summary>
    private static IEnumerable<SettingValue> Policies(QualityGate gate) =>
        Games.Rules.Select(r => (r.Name, Policy: gate.PolicyOf(r))).Concat(FctGameDetails.Rules.Select(r => (r.Name, Policy: gate.PolicyOf(r))))
            .Select(r => new SettingValue("Quality:" + r.Name, r.Policy.ToString(), StepTables, StepTables));

    private static readonly string[] StepTables = ["silver", "_ops.quality"];

    public async Task<StepOutput> BuildAsync(StepContext context, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var store = context.Store;
        var (touched, all, everything) = TouchedBuckets(store, context.Inputs);
        var current = new[] { Sources.Games, Sources.GameDetails }.Where(s => options.For(s).Mode == SourceMode.Snapshot)
            .ToDictionary(s => s, s => LandedFiles.Current(store.State(BronzeTable.Id(s))));
        var appending = everything || current.Count > 0 ? new(StringComparer.Ordinal) : Appending(store, touched);
        log.Information("Rebuilding {Touched} of {Buckets} game buckets from bronze: {List}" + (appending.Count > 0 ? "; only the new games of {Appended}, added to the rest" : ""),
            touched.Count, all, string.Join(", ", touched), string.Join(", ", appending.Keys.Order(StringComparer.Ordinal)));

        var games = store.Begin(Games.Table);
        var details = store.Begin(FctGameDetails.Table);
        var rejects = store.Begin(SilverReject.Table);
        var quality = store.Begin(QualityResultRow.Table);
        try
        {
            var stats = new ConcurrentDictionary<string, (BucketStats Games, BucketStats Details)?>(StringComparer.Ordinal);
            var gate = new QualityGate(policies);
            await Parallel.ForEachAsync(touched, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount },
                (bucket, _) =>
                {
                    stats[bucket] = BuildBucket(store, bucket, gate, current, appending.TryGetValue(bucket, out var files) ? files : null, games, details, rejects);
                    return ValueTask.CompletedTask;
                });
            log.Information("Typed, joined and deduplicated " + Counted.Hole("Buckets", touched.Count, "bucket") + " in {ElapsedMs} ms", touched.Count,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            var gamesMeta = Meta(touched, stats, s => s.Games);
            var detailsMeta = Meta(touched, stats, s => s.Details);
            var gamesTotals = Totals(store, Games.Table, gamesMeta);
            var detailsTotals = Totals(store, FctGameDetails.Table, detailsMeta);
            var results = gate.Results(store.RunId, detailsTotals.Rules, FctGameDetails.Table, FctGameDetails.Rules)
                .Concat(gate.Results(store.RunId, gamesTotals.Rules, Games.Table, Games.Rules)).ToList();
            QualityGate.ThrowIfFailed(results);
            await quality.WriteAsync(ParquetRows.File($"part-{store.RunId}.parquet", results), ct);

            var report = new StepReport(Name);
            foreach (var table in new[] { gamesTotals.Account, detailsTotals.Account })
            {
                var snapshot = options.For(table.Source == Sources.Games.Name ? Sources.Games : Sources.GameDetails).Mode == SourceMode.Snapshot;
                report.Tables.Add(new TableCount($"silver.{table.Table}", table.BronzeRows, table.SilverRows, table.Duplicates, table.Rejects,
                    snapshot ? table.Superseded : null));
                log.Information("Silver {Table}: " + Counted.Hole("BronzeRows:N0", table.BronzeRows, "bronze row") + " → " + Counted.Hole("SilverRows:N0", table.SilverRows, "row")
                    + ", " + Counted.Hole("Duplicates:N0", table.Duplicates, "duplicate") + " dropped, " + Counted.Hole("Rejects:N0", table.Rejects, "reject")
                    + (table.Rejects > 0 ? " {RejectsByReason}" : "") + (snapshot ? ", {Superseded:N0} rows of superseded file versions set aside" : ""),
                    [table.Table, table.BronzeRows, table.SilverRows, table.Duplicates, table.Rejects, .. table.Rejects > 0 ? [table.RejectsByReason] : Array.Empty<object>(), table.Superseded]);
            }
            foreach (var result in results.Where(r => r.Outcome != "passed"))
            {
                log.Warning("Quality rule {Rule} on {TableName} {Outcome}: {Failing:N0} of " + Counted.Hole("Checked:N0", result.RowsChecked, "row") + ", e.g. {Example}",
                    result.Rule, result.TableName, result.Outcome, result.RowsFailing, result.RowsChecked, result.Example);
            }
            log.Information("Transform done in {ElapsedMs} ms", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new StepOutput(
            [
                Commit(games, touched, appending, gamesMeta, Columnar.Rows<GameRow>()),
                Commit(details, touched, appending, detailsMeta, Columnar.Rows<GameDetailRow>()),
                Commit(rejects, touched, appending, null, Columnar.Rows<SilverReject>()),
                new PendingCommit(quality, TableStore.Append, _ => false),
            ], report);
        }
        catch
        {
            foreach (var pending in new[] { games, details, rejects, quality })
            {
                pending.Dispose();
            }
            throw;
        }
    }

    /// <summary>
    /// The buckets to rebuild: those holding a bronze file added or removed since each silver table was built (all
    /// of them for a table built with other settings, or never, or being rebuilt: <c>Everything</c>), and the total
    /// number of buckets.
    /// </summary>
    private (List<string> Touched, int All, bool Everything) TouchedBuckets(TableStore store, IReadOnlyDictionary<TableId, IReadOnlyDictionary<string, string>> inputs)
    {
        var bronze = new[] { Sources.Games, Sources.GameDetails }.Select(s => (Table: BronzeTable.Id(s), State: store.State(BronzeTable.Id(s)),
            Snapshot: options.For(s).Mode == SourceMode.Snapshot)).ToList();
        var all = bronze.SelectMany(b => b.State?.Files.Values ?? []).Select(f => f.Partition).OfType<string>()
            .Concat(Outputs.SelectMany(t => store.State(t)?.Files.Values ?? []).Select(f => f.Partition).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in Outputs)
        {
            var recorded = store.Current(table)?.Inputs;
            if (recorded is null || store.IsRebuilding(table) || recorded.GetValueOrDefault("settings") != inputs[table].GetValueOrDefault("settings"))
            {
                return ([.. all.Order(StringComparer.Ordinal)], all.Count, true);
            }
            foreach (var (bronzeTable, state, snapshot) in bronze)
            {
                var version = int.Parse(recorded.GetValueOrDefault(bronzeTable.ToString(), "0"), CultureInfo.InvariantCulture);
                if (version != (state?.Version ?? 0))
                {
                    var before = version == 0 ? null : store.StateAt(bronzeTable, version);
                    touched.UnionWith(Changed(before, state));
                    if (snapshot)
                    {
                        touched.UnionWith(Retracting(before, state));
                    }
                }
            }
        }
        return ([.. touched.Order(StringComparer.Ordinal)], all.Count, false);
    }

    /// <summary>Files a bucket may have in any silver table before a run rebuilds it whole again (see <see cref="Appending"/>).</summary>
    internal const int MaxFilesPerBucket = 8;

    /// <summary>
    /// The touched buckets whose new bronze files only add games after every game the bucket already has (a new day of
    /// a season: game numbers grow): their silver is their current silver plus a build of the new files alone, written
    /// as files of their own beside the bucket's. Every rule, the dedupe and the join work within a game, so that equals
    /// a rebuild of the whole bucket, row for row, accounting and quality examples included (the earlier rows come
    /// first in both). Not for a bucket whose bronze lost a file, whose new rows touch or precede a game it has (a
    /// correction, a late game, box scores rejected as unknown_game whose game now arrives), that is new, that holds
    /// keyless rows, or that has <see cref="MaxFilesPerBucket"/> files in a silver table already (games, box scores or
    /// rejects: a day of games alone adds no box scores; the rebuild compacts them).
    /// Both sources in append mode only (the caller's condition).
    /// </summary>
    private static Dictionary<string, (List<CommittedFile> Games, List<CommittedFile> Details)> Appending(TableStore store, List<string> touched)
    {
        var found = new Dictionary<string, (List<CommittedFile> Games, List<CommittedFile> Details)>(StringComparer.Ordinal);
        var recorded = Outputs.Select(t => store.Current(t)?.Inputs).ToList();
        var (nowGames, nowDetails) = (store.State(BronzeGames), store.State(BronzeDetails));
        if (nowGames is null || nowDetails is null || recorded.Any(r => r is null)
            || recorded.Any(r => !SameBronze(r!, recorded[0]!)) || Version(recorded[0]!, BronzeGames) == 0 || Version(recorded[0]!, BronzeDetails) == 0)
        {
            return found;
        }
        var (wasGames, wasDetails) = (store.StateAt(BronzeGames, Version(recorded[0]!, BronzeGames)), store.StateAt(BronzeDetails, Version(recorded[0]!, BronzeDetails)));
        foreach (var bucket in touched.Where(b => b != GameBucket.Unkeyed))
        {
            List<CommittedFile> oldGames = [.. wasGames?.FilesOf(bucket) ?? []], oldDetails = [.. wasDetails?.FilesOf(bucket) ?? []];
            List<CommittedFile> newGames = [.. nowGames.FilesOf(bucket).Where(f => !oldGames.Contains(f))];
            List<CommittedFile> newDetails = [.. nowDetails.FilesOf(bucket).Where(f => !oldDetails.Contains(f))];
            if (oldGames.Count + oldDetails.Count == 0 || newGames.Count + newDetails.Count == 0
                || oldGames.Any(f => nowGames.Files.GetValueOrDefault(f.Path) != f) || oldDetails.Any(f => nowDetails.Files.GetValueOrDefault(f.Path) != f)
                || Outputs.Any(t => (store.State(t)?.FilesOf(bucket).Count() ?? 0) >= MaxFilesPerBucket)
                || new[] { Games.Table, FctGameDetails.Table }.Any(t => store.State(t)?.Meta.ContainsKey(BucketStats.Prefix + bucket) != true))
            {
                continue;
            }
            List<int> before = [.. GameIds(store, BronzeGames, Sources.Games, nowGames, oldGames), .. GameIds(store, BronzeDetails, Sources.GameDetails, nowDetails, oldDetails)];
            List<int> after = [.. GameIds(store, BronzeGames, Sources.Games, nowGames, newGames), .. GameIds(store, BronzeDetails, Sources.GameDetails, nowDetails, newDetails)];
            if (before.Count > 0 && after.Count > 0 && after.Min() > before.Max())
            {
                found[bucket] = (newGames, newDetails);
            }
        }
        return found;

        static bool SameBronze(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
            a.GetValueOrDefault(BronzeGames.ToString()) == b.GetValueOrDefault(BronzeGames.ToString())
            && a.GetValueOrDefault(BronzeDetails.ToString()) == b.GetValueOrDefault(BronzeDetails.ToString());

        static int Version(IReadOnlyDictionary<string, string> inputs, TableId table) =>
            int.Parse(inputs.GetValueOrDefault(table.ToString(), "0"), CultureInfo.InvariantCulture);
    }

    /// <summary>The game ids in some bronze files of a table (read from the game id column alone), as silver reads them.</summary>
    private static IEnumerable<int> GameIds(TableStore store, TableId table, SourceDefinition source, TableState state, List<CommittedFile> files)
    {
        var folder = store.Layout.VersionFolder(table, state.Version);
        var column = SourceDefinition.BronzeName(source.Columns[source.GameIdColumn]);
        return files.SelectMany(f => Columnar.CountValues(Path.Combine(folder, f.Path), column).Keys)
            .Select(id => GameBucket.TryId(id, out var parsed) ? parsed : throw new InvalidDataException($"{table}: game id '{id}' in a bucket of keyed games"));
    }

    /// <summary>The partitions of the files that differ between two states of a table.</summary>
    private static IEnumerable<string> Changed(TableState? before, TableState? after)
    {
        var a = before?.Files ?? new Dictionary<string, CommittedFile>();
        var b = after?.Files ?? new Dictionary<string, CommittedFile>();
        return a.Values.Where(f => b.GetValueOrDefault(f.Path)?.Sha256 != f.Sha256)
            .Concat(b.Values.Where(f => a.GetValueOrDefault(f.Path)?.Sha256 != f.Sha256))
            .Select(f => f.Partition).OfType<string>();
    }

    /// <summary>
    /// In a snapshot source, the buckets of the file versions that stopped or started being current: where a new
    /// version retracts rows of the one before it (its own bronze files cover only where its rows are).
    /// </summary>
    private static IEnumerable<string> Retracting(TableState? before, TableState? after)
    {
        var was = LandedFiles.Of(before);
        foreach (var (name, versions) in LandedFiles.Of(after))
        {
            var old = was.GetValueOrDefault(name);
            if (old?.Count != versions.Count)
            {
                foreach (var bucket in versions[^1].Buckets.Keys.Concat(old?[^1].Buckets.Keys ?? []))
                {
                    yield return bucket;
                }
            }
        }
    }

    /// <summary>
    /// Builds one bucket and writes its files into the pending versions; null when the bucket has no rows left. With
    /// <paramref name="appended"/> (see <see cref="Appending"/>), builds those new bronze files alone into files beside
    /// the bucket's (named by the run), and adds their stats to the bucket's.
    /// </summary>
    private (BucketStats, BucketStats)? BuildBucket(TableStore store, string bucket, QualityGate gate,
        Dictionary<SourceDefinition, HashSet<(string Batch, string File)>> current, (List<CommittedFile> Games, List<CommittedFile> Details)? appended,
        PendingVersion games, PendingVersion details, PendingVersion rejects)
    {
        var built = SilverBucket.Build(bucket, Reader(store, BronzeGames, Sources.Games, bucket, appended?.Games),
            Reader(store, BronzeDetails, Sources.GameDetails, bucket, appended?.Details), options, gate, current: current);
        if (built.GamesAccount.BronzeRows == 0 && built.DetailsAccount.BronzeRows == 0)
        {
            return null;
        }
        var name = appended is null ? $"part-{bucket}.parquet" : $"part-{bucket}-{store.RunId}.parquet";
        if (built.GameRows.Count > 0)
        {
            Write(games, Columnar.Rows<GameRow>().File(name, built.GameRows, bucket));
        }
        foreach (var season in built.DetailRows.GroupBy(d => d.Season))
        {
            Write(details, Columnar.Rows<GameDetailRow>().File(string.Create(CultureInfo.InvariantCulture, $"season={season.Key}/{name}"), [.. season], bucket));
        }
        if (built.Rejects.Count > 0)
        {
            Write(rejects, Columnar.Rows<SilverReject>().File(name, built.Rejects, bucket));
        }
        var (gamesStats, detailsStats) = (BucketStats.Of(built.GamesAccount, built.GamesRules), BucketStats.Of(built.DetailsAccount, built.DetailsRules));
        return appended is null ? (gamesStats, detailsStats) : (Stats(store, Games.Table, bucket).Plus(gamesStats), Stats(store, FctGameDetails.Table, bucket).Plus(detailsStats));
    }

    /// <summary>A bucket's stats as the table's current version keeps them.</summary>
    private static BucketStats Stats(TableStore store, TableId table, string bucket) =>
        store.State(table)?.Meta.GetValueOrDefault(BucketStats.Prefix + bucket) is { } node ? BucketStats.FromJson(node)
            : throw new InvalidOperationException($"{table} keeps no stats of bucket {bucket}");

    private static void Write(PendingVersion pending, TableFile file) => pending.WriteAsync(file, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Hands a bucket's bronze rows of one source over, row group by row group, from the current bronze version: all of
    /// them, or those of <paramref name="only"/> these files.
    /// </summary>
    private static Action<Action<BronzeChunk>> Reader(TableStore store, TableId table, SourceDefinition source, string bucket, List<CommittedFile>? only) => onChunk =>
    {
        if (store.State(table) is { } state)
        {
            BronzeTable.Read(store.Layout.VersionFolder(table, state.Version), only ?? state.FilesOf(bucket), source, onChunk);
        }
    };

    /// <summary>The table's bucket metadata after this run: the rebuilt buckets' new stats, the others' as they were.</summary>
    private static Dictionary<string, JsonNode?> Meta(List<string> touched, ConcurrentDictionary<string, (BucketStats Games, BucketStats Details)?> stats,
        Func<(BucketStats Games, BucketStats Details), BucketStats> pick) =>
        touched.ToDictionary(b => BucketStats.Prefix + b, b => stats[b] is { } s ? pick(s).ToJson() : null, StringComparer.Ordinal);

    /// <summary>The whole table's accounting and rule counts: every bucket's stats, new or kept, added up.</summary>
    private static (TableAccounting Account, List<RuleCount> Rules) Totals(TableStore store, TableId table, Dictionary<string, JsonNode?> changed)
    {
        var buckets = (store.State(table)?.Meta ?? new Dictionary<string, JsonNode>())
            .Where(m => m.Key.StartsWith(BucketStats.Prefix, StringComparison.Ordinal) && !changed.ContainsKey(m.Key))
            .Select(m => (m.Key, Value: (JsonNode?)m.Value))
            .Concat(changed.Select(c => (c.Key, c.Value)))
            .Where(m => m.Value is not null)
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => BucketStats.FromJson(m.Value!)).ToList();
        var source = table == Games.Table ? Sources.Games : Sources.GameDetails;
        var account = new TableAccounting(table.Name, source.Name, buckets.Sum(b => b.BronzeRows), buckets.Sum(b => b.Rows), buckets.Sum(b => b.Duplicates),
            buckets.SelectMany(b => b.Rejects).GroupBy(r => r.Key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Value)),
            buckets.Sum(b => b.Superseded));
        var rules = buckets.SelectMany(b => b.Rules).GroupBy(r => r.Rule)
            .Select(g => new RuleCount(g.Key, g.Sum(r => r.Checked), g.Sum(r => r.Failing), g.Select(r => r.Example).FirstOrDefault(e => e is not null)))
            .ToList();
        return (account, rules);
    }

    /// <summary>
    /// A silver table's commit: the rebuilt buckets' files replace theirs, the appended buckets' files join theirs, the
    /// other buckets keep their files. A table left with no file at all gets one empty file at its root, so readers still
    /// find its schema.
    /// </summary>
    private static PendingCommit Commit<T>(PendingVersion pending, List<string> touched, Dictionary<string, (List<CommittedFile> Games, List<CommittedFile> Details)> appended,
        Dictionary<string, JsonNode?>? meta, ColumnarRows<T> rows)
        where T : class, new()
    {
        var rebuilt = touched.Where(b => !appended.ContainsKey(b)).ToHashSet(StringComparer.Ordinal);
        bool Remove(CommittedFile f) => f.Partition is null || rebuilt.Contains(f.Partition);
        var kept = pending.Current?.Files.Values.Count(f => !Remove(f)) ?? 0;
        if (kept == 0 && !pending.HasFiles)
        {
            Write(pending, rows.File("part-empty.parquet", []));
        }
        var added = touched.Where(appended.ContainsKey).ToList();
        var operation = string.Join("; ", new[] { (TableStore.Replace, touched.Where(rebuilt.Contains).ToList()), (TableStore.Append + " to", added) }
            .Where(o => o.Item2.Count > 0).Select(o => $"{o.Item1} buckets {Named(o.Item2)}"));
        return new PendingCommit(pending, operation.Length > 0 ? operation : $"{TableStore.Replace} buckets", Remove, meta);

        static string Named(List<string> buckets) =>
            buckets.Count <= 4 ? string.Join(",", buckets) : $"{string.Join(",", buckets.Take(3))} and {buckets.Count - 3} more";
    }
}
