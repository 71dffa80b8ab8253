using System.Text.Json.Nodes;
using Serilog;

namespace NbaLake.Storage;

/// <summary>
/// A build step: reads its upstream tables from the store, writes the next versions of the tables whose definitions
/// name it into pending versions, and hands them back to the <see cref="Runner"/> to commit. One step may build several
/// tables that come out of one computation (silver's games, box scores and rejects).
/// </summary>
public interface IBuildStep
{
    /// <summary>The stage the step is in the run's logs, progress and ops table: ingest, transform, publish.</summary>
    string Name { get; }

    /// <summary>The settings that shape the step's tables: recorded in their inputs, so a change rebuilds them.</summary>
    string Settings { get; }

    /// <summary>Builds; returns the commits to make, in order, and what the step did.</summary>
    Task<StepOutput> BuildAsync(StepContext context, CancellationToken ct);
}

/// <summary>What a step builds with: the store, the inputs its tables will record (upstream versions and settings), the log.</summary>
public sealed record StepContext(TableStore Store, IReadOnlyDictionary<string, string> Inputs, ILogger Log);

/// <summary>One commit a step asks for: a pending version and how it replaces the current one.</summary>
/// <param name="Inputs">What to record as the version's inputs when not the step's (bronze records the landed files it read).</param>
public sealed record PendingCommit(PendingVersion Version, string Operation, Func<CommittedFile, bool> Remove,
    IReadOnlyDictionary<string, JsonNode?>? Meta = null, IReadOnlyDictionary<string, string>? Inputs = null);

/// <summary>A step's commits (in order) and its report.</summary>
public sealed record StepOutput(IReadOnlyList<PendingCommit> Commits, StepReport Report);

/// <summary>The rows one table took in and gave out in a step, for the run summary and <c>_ops/pipeline_runs</c>.</summary>
public sealed record TableCount(string Table, long? RowsIn, long? RowsOut, long? Duplicates = null, long? Rejects = null, long? Superseded = null);

/// <summary>What a step did: counts per table and messages a person must see. Data itself goes through the store.</summary>
public sealed class StepReport(string step)
{
    public string Step { get; } = step;

    /// <summary>Whether the runner skipped the step: its tables were built from the current upstream versions and settings.</summary>
    public bool UpToDate { get; init; }

    public long DurationMs { get; set; }

    public List<TableCount> Tables { get; } = [];

    /// <summary>Landed files taken in, skipped as already ingested, refused whole (one message each), left for the next run.</summary>
    public int FilesIngested { get; set; }

    public int FilesSkipped { get; set; }

    public List<string> Refused { get; } = [];

    public List<string> Deferred { get; } = [];

    public List<string> Warnings { get; } = [];
}
