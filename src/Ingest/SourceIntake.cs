using System.Globalization;
using System.Text.Json.Nodes;
using NbaLake.Storage;

namespace NbaLake.Ingest;

/// <summary>
/// One source's landed files as ingest takes them in, file by file: skipped when bronze (or an earlier file of this
/// intake) holds its content already, refused or left for the next run with the reason, otherwise read into a
/// <see cref="IRecordTarget"/> and taken. A run reads into bronze, <c>nbalake validate</c> into memory: both decide here,
/// so a file's decision and its message have one place (lake-contract.md, Bronze).
/// </summary>
public sealed class SourceIntake
{
    private readonly SourceDefinition source;
    private readonly SourceOptions options;
    private readonly LandingIndex index;
    private readonly string batchId;
    private readonly Dictionary<string, List<LandedVersion>> landed;
    private readonly Dictionary<string, LandedVersion> taken = new(StringComparer.Ordinal);

    /// <summary>The content each name holds now: a landing with one of these is a copy (or no change), not read again.</summary>
    private readonly Dictionary<string, (string Name, LandedVersion Version)> current = new(StringComparer.Ordinal);

    /// <param name="bronze">The source's bronze table as it is (null before its first version).</param>
    /// <param name="batchId">The run's id: the batch of what it takes in.</param>
    public SourceIntake(SourceDefinition source, SourceOptions options, TableState? bronze, LandingIndex index, string batchId)
    {
        (this.source, this.options, this.index, this.batchId) = (source, options, index, batchId);
        landed = LandedFiles.Of(bronze);
        foreach (var (name, versions) in landed)
        {
            current.TryAdd(versions[^1].Sha256, (name, versions[^1]));
        }
    }

    /// <summary>The versions of landed files this intake took in, by name: read, or (snapshot sources) a copy now current under its own name.</summary>
    public IReadOnlyDictionary<string, LandedVersion> Taken => taken;

    /// <summary>The bronze version's metadata: every version of each name taken, the new one last.</summary>
    public Dictionary<string, JsonNode?> Meta() =>
        taken.Select(t => LandedFiles.Entry(t.Key, [.. landed.GetValueOrDefault(t.Key) ?? [], t.Value])).ToDictionary();

    /// <summary>The bronze version's inputs: <c>landing/&lt;name&gt;</c> and the content taken.</summary>
    public Dictionary<string, string> Inputs() => taken.ToDictionary(t => IngestStage.LandingPrefix + t.Key, t => t.Value.Sha256);

    /// <summary>
    /// Decides about one landed file of the source; a file taken in leaves its records in <paramref name="target"/>.
    /// A file whose name the source has never taken in, and that the landing index does not know, is as a rule new
    /// content: it is hashed on another core while it is read, and the hash then decides whether the read is kept (a
    /// copy of content bronze holds is dropped). Any other file is hashed first, so that content bronze holds is not
    /// read at all (a run whose landing index is lost hashes its files, it does not parse them).
    /// </summary>
    public async Task<FileDecision> DecideAsync(LandedFile file, IRecordTarget target, CancellationToken ct)
    {
        var name = file.Name;
        var before = Stamp(file.Path);
        if (before is not null && !landed.ContainsKey(name) && !taken.ContainsKey(name) && !index.Knows(name, before.Value))
        {
            var hashing = Task.Run(() => IngestStage.Sha256Async(file, ct), ct);
            return Read(file, before.Value, () =>
            {
                var sha = hashing.GetAwaiter().GetResult();
                if (sha is not null)
                {
                    index.Hashed(name, before.Value, sha);
                }
                return sha;
            }, target);
        }
        string? known;
        try
        {
            known = before is null ? null : await index.Sha256Async(file, before.Value, ct);
        }
        catch (Exception e) when (LandedFile.IsDamage(e))
        {
            return Damaged(name, e);
        }
        catch (LandingChangedException e)
        {
            return Refuse(name, e.Message);
        }
        if (before is null || known is null)
        {
            return Defer(name, "it disappeared before it could be read");
        }
        return Held(name, known) ?? Read(file, before.Value, () => known, target);
    }

    /// <summary>The skip of a file whose content bronze (or this intake) holds now; null when the content is new.</summary>
    private FileDecision? Held(string name, string sha)
    {
        if (!current.TryGetValue(sha, out var same))
        {
            return null;
        }
        if (options.Mode == SourceMode.Snapshot && (taken.GetValueOrDefault(name) ?? landed.GetValueOrDefault(name)?[^1])?.Sha256 != sha)
        {
            // In a snapshot source the copy is a current file of its own: it keeps the rows it shares with the
            // original when the original's next version drops them.
            taken[name] = same.Version with { StoredAs = same.Version.StoredAs ?? same.Name };
            return new FileDecision(FileAction.Skip, name, source.Name, $"a copy of {same.Name}, whose rows in bronze it now holds too") { Sha256 = sha };
        }
        return new FileDecision(FileAction.Skip, name, source.Name, "this content is already in bronze") { Sha256 = sha };
    }

    /// <summary>
    /// Reads new content into the target and takes it, unless the read says to refuse it or leave it for later, or its
    /// hash (<paramref name="hash"/>, known already or awaited once the read is done) finds content bronze holds.
    /// </summary>
    private FileDecision Read(LandedFile file, (long Size, DateTime Modified) before, Func<string?> hash, IRecordTarget target)
    {
        var name = file.Name;
        CsvReadResult result;
        string? sha;
        try
        {
            result = target.Read(file, options, before.Size, taken.Count + 1);
            sha = hash();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            target.Drop();
            return Defer(name, "it disappeared while being read");
        }
        catch (Exception e) when (LandedFile.IsDamage(e))
        {
            // A damaged archive: found while hashing, as a rule; this is for damage the hash pass could not see.
            target.Drop();
            return Damaged(name, e);
        }
        catch (LandingChangedException e)
        {
            // Swapped after it was hashed: nothing of what the name points at now is read.
            target.Drop();
            return Refuse(name, e.Message);
        }
        if (sha is null)
        {
            target.Drop();
            return Defer(name, "it disappeared while being read");
        }
        if (Held(name, sha) is { } copy)
        {
            target.Drop();
            return copy;
        }
        if (NotTaken(file, before, result) is { } decision)
        {
            target.Drop();
            return decision;
        }
        List<string> warnings = [];
        if (result.Unterminated)
        {
            warnings.Add($"{name}: its last line has no line break, but the file has not changed since the last run: taken as complete");
        }
        if (result.UnknownColumns.Count > 0)
        {
            warnings.Add($"{name}: left out column(s) the contract does not know for {source.Name}: {string.Join(", ", result.UnknownColumns)}");
        }
        taken[name] = new LandedVersion(sha, batchId, result.Records, target.Keep());
        current[sha] = (name, taken[name]);
        return new FileDecision(FileAction.Ingest, name, source.Name, string.Create(CultureInfo.InvariantCulture, $"{result.Records:N0} record{(result.Records == 1 ? "" : "s")}"))
        {
            Sha256 = sha, Records = result.Records, Warnings = warnings, Rejects = result.Rejects,
        };
    }

    /// <summary>Why a file read is not taken: changed while read, cut off at its end, or refused by the reader; null when it is taken.</summary>
    private FileDecision? NotTaken(LandedFile file, (long Size, DateTime Modified) before, CsvReadResult result)
    {
        var name = file.Name;
        if (Stamp(file.Path) != before)
        {
            // Size or time changed while we read it: an upload still in progress. Nothing of it is kept.
            return Defer(name, "it changed while being read (still being written?)");
        }
        if (result.Unterminated && !index.WasUnterminated(name))
        {
            // A cut last line would become a reject (or a cut value) that stays after the whole file is in.
            index.MarkUnterminated(name);
            return Defer(name, "its last line has no line break (still being written?); it is taken whole once it ends with one, or as it is if the next run finds it unchanged");
        }
        return result.Refusal is null ? null : Refuse(name, result.Refusal);
    }

    private FileDecision Refuse(string name, string refusal) => new(FileAction.Refuse, name, source.Name, refusal);

    private FileDecision Damaged(string name, Exception e) => Refuse(name, $"{name}: refused, the archive is damaged ({e.Message}): land it again, whole");

    private FileDecision Defer(string name, string why) => new(FileAction.Defer, name, source.Name, $"{name}: left for the next run, {why}");

    /// <summary>Size and last write time, or null when the file is gone.</summary>
    private static (long, DateTime)? Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : null;
    }
}
