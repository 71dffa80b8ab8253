using System.Diagnostics;
using Serilog;
using Serilog.Context;

namespace NbaLake.Storage;

/// <summary>
/// Runs the build steps of the lake's table definitions in upstream order: for each step, the inputs each of its tables
/// would record (the current versions of the step's upstream tables, and the settings that shape that table); the step
/// is skipped when every table it builds already records exactly those; otherwise it builds and the runner commits
/// what it wrote, in the order given (a table whose files and inputs did not change keeps its version).
/// The wiring is the definitions' upstream table ids: nothing else says which step runs before which.
/// </summary>
public sealed class Runner(TableStore store, Func<Type, IBuildStep> create, ILogger log)
{
    /// <summary>The steps of <paramref name="tables"/>, each once, every step after the steps of its upstream tables.</summary>
    public static IReadOnlyList<(Type Step, IReadOnlyList<TableDefinition> Tables)> Steps(IReadOnlyList<TableDefinition> tables)
    {
        var steps = tables.Where(t => t.Build is not null).GroupBy(t => t.Build!).ToDictionary(g => g.Key, g => (IReadOnlyList<TableDefinition>)[.. g]);
        var builtBy = tables.Where(t => t.Build is not null).ToDictionary(t => t.Table, t => t.Build!);
        var ordered = new List<(Type, IReadOnlyList<TableDefinition>)>();
        var done = new HashSet<Type>();
        void Visit(Type step, HashSet<Type> path)
        {
            if (done.Contains(step))
            {
                return;
            }
            if (!path.Add(step))
            {
                throw new InvalidOperationException($"The table definitions' upstreams form a cycle through {step.Name}.");
            }
            foreach (var upstream in steps[step].SelectMany(t => t.Upstream).Where(builtBy.ContainsKey).Select(u => builtBy[u]).Where(s => s != step))
            {
                Visit(upstream, path);
            }
            done.Add(step);
            ordered.Add((step, steps[step]));
        }
        foreach (var step in steps.Keys)
        {
            Visit(step, []);
        }
        return ordered;
    }

    /// <summary>Runs the steps that build a table <paramref name="include"/> selects; returns their reports in run order.</summary>
    public async Task<IReadOnlyList<StepReport>> RunAsync(IReadOnlyList<TableDefinition> tables, Func<TableDefinition, bool> include, CancellationToken ct)
    {
        var reports = new List<StepReport>();
        foreach (var (type, built) in Steps(tables).Where(s => s.Tables.Any(include)))
        {
            var step = create(type);
            using var stage = LogContext.PushProperty("Stage", step.Name);
            var started = Stopwatch.GetTimestamp();
            var inputs = Inputs(step, built);
            StepReport report;
            if (built.Any(t => t.Upstream.Count > 0) && built.All(t => store.IsUpToDate(t.Table, inputs[t.Table])))
            {
                log.Information("{Tables} are up to date with {Inputs}: nothing to do", built.Select(t => t.Table.ToString()),
                    inputs.ToDictionary(i => i.Key.ToString(), i => i.Value));
                report = new StepReport(step.Name) { UpToDate = true };
            }
            else
            {
                report = await BuildAndCommitAsync(step, built, inputs, ct);
            }
            report.DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            reports.Add(report);
            ReleaseMemory();
        }
        return reports;
    }

    /// <summary>Above this much managed heap after a step (128 MB), the next step starts from a compacted heap given back to the system.</summary>
    private const long ReleaseAboveBytes = 128L << 20;

    /// <summary>
    /// Steps are phases with different working sets (CSV buffers, a bucket's rows, a season's gold state): after a
    /// large one, a compacting collection returns its memory, so the run's peak is the largest step's, not their sum.
    /// </summary>
    private static void ReleaseMemory()
    {
        if (GC.GetGCMemoryInfo().HeapSizeBytes > ReleaseAboveBytes)
        {
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    private async Task<StepReport> BuildAndCommitAsync(IBuildStep step, IReadOnlyList<TableDefinition> built,
        Dictionary<TableId, IReadOnlyDictionary<string, string>> inputs, CancellationToken ct)
    {
        StepOutput output;
        try
        {
            output = await step.BuildAsync(new StepContext(store, built, inputs, log), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new StepFailedException(step.Name, e);
        }
        var commits = output.Commits.ToList();
        try
        {
            while (commits.Count > 0)
            {
                using var commit = commits[0].Version;
                commits[0].Version.Commit(commits[0].Operation, commits[0].Remove, commits[0].Inputs ?? InputsOf(commits[0].Version.Table), commits[0].Meta);
                commits.RemoveAt(0);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            commits.ForEach(c => c.Version.Dispose());
            throw new StepFailedException(step.Name, e);
        }
        return output.Report;

        IReadOnlyDictionary<string, string> InputsOf(TableId table) => inputs.TryGetValue(table, out var recorded) ? recorded
            : throw new InvalidOperationException($"Step {step.Name} wrote {table}, which no definition says it builds.");
    }

    /// <summary>
    /// The inputs each of a step's tables records: the versions of the step's upstream tables built elsewhere, and the
    /// fingerprint of the settings that shape that table (<see cref="DeclaredSettings.Fingerprint"/>), if any do.
    /// </summary>
    private Dictionary<TableId, IReadOnlyDictionary<string, string>> Inputs(IBuildStep step, IReadOnlyList<TableDefinition> built)
    {
        var own = built.Select(t => t.Table).ToHashSet();
        var upstream = built.SelectMany(t => t.Upstream).Where(u => !own.Contains(u)).Distinct()
            .OrderBy(u => u.ToString(), StringComparer.Ordinal).Select(store.VersionOf).ToList();
        var settings = step.Settings;
        return built.ToDictionary(t => t.Table, IReadOnlyDictionary<string, string> (t) =>
        {
            var inputs = upstream.ToDictionary();
            var fingerprint = DeclaredSettings.Fingerprint(settings, t, built);
            if (fingerprint.Length > 0)
            {
                inputs["settings"] = fingerprint;
            }
            return inputs;
        });
    }
}

/// <summary>A build step failed: which one, and why (the inner exception). Every table keeps its last committed version.</summary>
public sealed class StepFailedException(string step, Exception inner) : Exception($"Stage {step} failed: {inner.Message}", inner)
{
    public string Step { get; } = step;
}
