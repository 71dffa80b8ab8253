using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NbaLake.Storage;

/// <summary>
/// The next version of a table while it is being written: a folder under <c>_meta/tables</c> that no reader sees
/// until <see cref="Commit"/> logs it and switches the table's link. Files are written into it (streamed, in
/// parallel, by whoever produces them) and registered with <see cref="Added"/>; disposing it uncommitted removes it.
/// </summary>
public sealed partial class PendingVersion : IDisposable
{
    private readonly TableStore store;
    private readonly Lock gate = new();
    private readonly Dictionary<string, CommittedFile> written = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? schema;
    private bool done;

    internal PendingVersion(TableStore store, TableId table, TableState? current, string folder)
    {
        this.store = store;
        Table = table;
        Current = current;
        Folder = folder;
    }

    public TableId Table { get; }

    /// <summary>The version this one follows (null before the table's first commit).</summary>
    public TableState? Current { get; }

    public int Version => (Current?.Version ?? 0) + 1;

    /// <summary>The version folder files are written into.</summary>
    public string Folder { get; }

    /// <summary>
    /// The full path of a new file of this version (its folder is created): below <see cref="DataFolder"/> in the version
    /// folder, so data and the Iceberg <c>metadata/</c> folder beside it never mix.
    /// </summary>
    public string PathFor(string relativePath)
    {
        var path = Path.Combine(Folder, DataFolder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>
    /// The folder of a version's data files: <c>data/</c>, where file-system Iceberg tables keep theirs (DuckDB's
    /// <c>allow_moved_paths</c> finds a moved table's files by it). Lakes written before keep their files at the top of
    /// the version folder until a commit replaces them.
    /// </summary>
    public const string DataFolder = "data";

    /// <summary>
    /// Registers a file written at <see cref="PathFor"/>: flushes it to disk, records its size and SHA-256 and renames
    /// it to its content-addressed name (<see cref="StoredName"/>). A path below the table folder therefore never
    /// names two different contents, so a reader that lists files in one version and opens them after the switch
    /// reads the same bytes or finds no file, never another version's data (docs/commit-protocol.md).
    /// </summary>
    public void Added(string relativePath, long rows, IReadOnlyList<string> fileSchema, string? partition = null)
    {
        if (!relativePath.EndsWith(ParquetExtension, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{Table}: {relativePath} is not a Parquet file name.", nameof(relativePath));
        }
        var path = PathFor(relativePath);
        string sha;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            stream.Flush(flushToDisk: true);
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        var stored = DataFolder + "/" + StoredName(relativePath, sha);
        File.Move(path, Path.Combine(Folder, stored), overwrite: true);
        var file = new CommittedFile(stored, new FileInfo(Path.Combine(Folder, stored)).Length, sha, rows, Version, partition);
        lock (gate)
        {
            if (!written.TryAdd(relativePath, file))
            {
                throw new InvalidOperationException($"{Table}: {relativePath} was written twice in one version.");
            }
            schema ??= fileSchema;
        }
    }

    /// <summary>The name a file is stored under: its name with the first 16 hex digits of its SHA-256 before the extension.</summary>
    public static string StoredName(string relativePath, string sha256) =>
        $"{relativePath[..^ParquetExtension.Length]}-{sha256[..HashDigits]}{ParquetExtension}";

    /// <summary>
    /// The name a file was written under (the <c>relativePath</c> given to <see cref="Added"/>): the slot a new file
    /// replaces. A leading <c>data/</c> is not part of it, so a new file replaces the file of the same slot that a lake
    /// written before <c>data/</c> keeps at the top of its version folder.
    /// </summary>
    public static string Slot(string storedPath)
    {
        var path = storedPath.StartsWith(DataFolder + "/", StringComparison.Ordinal) ? storedPath[(DataFolder.Length + 1)..] : storedPath;
        return StoredSuffix().IsMatch(path) ? StoredSuffix().Replace(path, ParquetExtension) : path;
    }

    private const string ParquetExtension = ".parquet";
    private const int HashDigits = 16;

    [GeneratedRegex(@"-[0-9a-f]{16}\.parquet$")]
    private static partial Regex StoredSuffix();

    /// <summary>Writes a <see cref="TableFile"/> into this version and registers it.</summary>
    public async Task WriteAsync(TableFile file, CancellationToken ct)
    {
        await file.WriteAsync(PathFor(file.RelativePath), ct);
        Added(file.RelativePath, file.Rows, file.Schema, file.Partition);
    }

    /// <summary>
    /// Commits the version: the current files that <paramref name="remove"/> selects (or that a new file replaces)
    /// leave, the written files join. Returns null, and commits nothing, when no file, input or metadata changed.
    /// </summary>
    public CommitEntry? Commit(string operation, Func<CommittedFile, bool> remove, IReadOnlyDictionary<string, string> inputs,
        IReadOnlyDictionary<string, JsonNode?>? meta = null) =>
        store.Commit(this, operation, remove, written, schema, inputs, meta ?? new Dictionary<string, JsonNode?>());

    /// <summary>Whether any file was written into this version.</summary>
    public bool HasFiles
    {
        get
        {
            lock (gate)
            {
                return written.Count > 0;
            }
        }
    }

    /// <summary>Called by the store once the version is committed (or found unchanged and removed): nothing left to clean up.</summary>
    internal void Done() => done = true;

    public void Dispose()
    {
        if (!done && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
        done = true;
    }
}
