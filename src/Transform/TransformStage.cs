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
        var (touched, all) = TouchedBuckets(store, context.Inputs);
        var current = new[] { Sources.Games, Sources.GameDetails }.Where(s => options.For(s).Mode == SourceMode.Snapshot)
            .ToDictionary(s => s, s => LandedFiles.Current(store.State(BronzeTable.Id(s))));
        log.Information("Rebuilding {Touched} of {Buckets} game buckets from bronze: {List}", touched.Count, all, string.Join(", ", touched));

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
                    stats[bucket] = BuildBucket(store, bucket, gate, current, games, details, rejects);
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
                Commit(games, touched, gamesMeta, Columnar.Rows<GameRow>()),
                Commit(details, touched, detailsMeta, Columnar.Rows<GameDetailRow>()),
                Commit(rejects, touched, null, Columnar.Rows<SilverReject>()),
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
    /// of them for a table built with other settings, or never, or being rebuilt), and the total number of buckets.
    /// </summary>
    private (List<string> Touched, int All) TouchedBuckets(TableStore store, IReadOnlyDictionary<TableId, IReadOnlyDictionary<string, string>> inputs)
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
                touched = all;
                break;
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
        return ([.. touched.Order(StringComparer.Ordinal)], all.Count);
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

    /// <summary>Builds one bucket and writes its files into the pending versions; null when the bucket has no rows left.</summary>
    private (BucketStats, BucketStats)? BuildBucket(TableStore store, string bucket, QualityGate gate,
        Dictionary<SourceDefinition, HashSet<(string Batch, string File)>> current, PendingVersion games, PendingVersion details, PendingVersion rejects)
    {
        var built = SilverBucket.Build(bucket, Reader(store, BronzeGames, Sources.Games, bucket), Reader(store, BronzeDetails, Sources.GameDetails, bucket),
            options, gate, current: current);
        if (built.GamesAccount.BronzeRows == 0 && built.DetailsAccount.BronzeRows == 0)
        {
            return null;
        }
        if (built.GameRows.Count > 0)
        {
            Write(games, Columnar.Rows<GameRow>().File($"part-{bucket}.parquet", built.GameRows, bucket));
        }
        foreach (var season in built.DetailRows.GroupBy(d => d.Season))
        {
            Write(details, Columnar.Rows<GameDetailRow>().File(
                string.Create(CultureInfo.InvariantCulture, $"season={season.Key}/part-{bucket}.parquet"), [.. season], bucket));
        }
        if (built.Rejects.Count > 0)
        {
            Write(rejects, Columnar.Rows<SilverReject>().File($"part-{bucket}.parquet", built.Rejects, bucket));
        }
        return (BucketStats.Of(built.GamesAccount, built.GamesRules), BucketStats.Of(built.DetailsAccount, built.DetailsRules));
    }

    private static void Write(PendingVersion pending, TableFile file) => pending.WriteAsync(file, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Hands a bucket's bronze rows of one source over, row group by row group, from the current bronze version.</summary>
    private static Action<Action<BronzeChunk>> Reader(TableStore store, TableId table, SourceDefinition source, string bucket) => onChunk =>
    {
        if (store.State(table) is { } state)
        {
            BronzeTable.Read(store.Layout.VersionFolder(table, state.Version), state.FilesOf(bucket), source, onChunk);
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
    /// A silver table's commit: the rebuilt buckets' files replace theirs, the other buckets keep their files. A table
    /// left with no file at all gets one empty file at its root, so readers still find its schema.
    /// </summary>
    private static PendingCommit Commit<T>(PendingVersion pending, List<string> touched, Dictionary<string, JsonNode?>? meta, ColumnarRows<T> rows)
        where T : class, new()
    {
        var rebuilt = touched.ToHashSet(StringComparer.Ordinal);
        bool Remove(CommittedFile f) => f.Partition is null || rebuilt.Contains(f.Partition);
        var kept = pending.Current?.Files.Values.Count(f => !Remove(f)) ?? 0;
        if (kept == 0 && !pending.HasFiles)
        {
            Write(pending, rows.File("part-empty.parquet", []));
        }
        var named = touched.Count <= 4 ? string.Join(",", touched) : $"{string.Join(",", touched.Take(3))} and {touched.Count - 3} more";
        return new PendingCommit(pending, $"{TableStore.Replace} buckets {named}", Remove, meta);
    }
}
