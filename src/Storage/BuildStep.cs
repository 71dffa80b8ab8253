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

    /// <summary>
    /// The settings the step reads, each with the tables it shapes (declared on the options property,
    /// <see cref="ShapesAttribute"/>; read with <see cref="DeclaredSettings.Of"/>): each table records those that shape
    /// it in its inputs, so a change rebuilds those tables and leaves the others' versions alone.
    /// </summary>
    IReadOnlyList<SettingValue> Settings { get; }

    /// <summary>Builds; returns the commits to make, in order, and what the step did.</summary>
    Task<StepOutput> BuildAsync(StepContext context, CancellationToken ct);
}

/// <summary>What a step builds with: the store, the definitions of the tables it builds, the inputs each will record (upstream versions and the settings that shape it), the log.</summary>
public sealed record StepContext(
    TableStore Store, IReadOnlyList<TableDefinition> Tables, IReadOnlyDictionary<TableId, IReadOnlyDictionary<string, string>> Inputs, ILogger Log);

/// <summary>One commit a step asks for: a pending version and how it replaces the current one.</summary>
/// <param name="Inputs">What to record as the version's inputs when not the table's from the runner (bronze records the landed files it read).</param>
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
