using System.Text.Json;
using NbaLake.Storage;

namespace NbaLake.Ingest;

/// <summary>
/// A cache of the SHA-256 of landed files by name, size and modification time (<c>_meta/landing-index.json</c>), so
/// a run does not read every landed byte again to learn that nothing is new. Only a cache: bronze's commit log says
/// what was ingested; a missing or unreadable index costs one hashing pass.
/// </summary>
public sealed class LandingIndex
{
    private readonly string path;
    private readonly Dictionary<string, Entry> entries;
    private readonly Dictionary<string, Entry> seen = new(StringComparer.Ordinal);

    private LandingIndex(string path, Dictionary<string, Entry> entries) => (this.path, this.entries) = (path, entries);

    /// <param name="Unterminated">Its last line had no line break when a run saw it with this size and time (and left it for later).</param>
    public sealed record Entry(long Size, long ModifiedTicks, string Sha256, bool Unterminated = false);

    /// <summary>Builds the index's JSON contract and the bucket names ahead of their first use (see <see cref="TableStore.Warm"/>).</summary>
    public static void Warm()
    {
        JsonContracts.Warm(Json, typeof(Dictionary<string, Entry>));
        GameBucket.Of("0"); // its 2,500 bucket names
    }

    private static readonly JsonSerializerOptions Json = new() { TypeInfoResolver = IngestJson.Default };

    public static LandingIndex Load(LakeLayout layout)
    {
        var path = Path.Combine(layout.Meta, "landing-index.json");
        try
        {
            return new LandingIndex(path, JsonSerializer.Deserialize(File.ReadAllText(path), Json.Info<Dictionary<string, Entry>>()) ?? []);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return new LandingIndex(path, new Dictionary<string, Entry>(StringComparer.Ordinal));
        }
    }

    /// <summary>The file's SHA-256: from the index when its size and time are those indexed, else read; null when it is gone.</summary>
    public async Task<string?> Sha256Async(LandedFile file, (long Size, DateTime Modified) stamp, CancellationToken ct)
    {
        var name = file.Name;
        if (entries.TryGetValue(name, out var known) && Matches(known, stamp))
        {
            seen[name] = known;
            return known.Sha256;
        }
        var sha = await IngestStage.Sha256Async(file, ct);
        if (sha is not null)
        {
            Hashed(name, stamp, sha);
        }
        return sha;
    }

    /// <summary>Whether the index holds the file's SHA-256 for this size and time.</summary>
    public bool Knows(string name, (long Size, DateTime Modified) stamp) => entries.TryGetValue(name, out var known) && Matches(known, stamp);

    /// <summary>Remembers the SHA-256 of a file read with this size and time (hashed while it was read).</summary>
    public void Hashed(string name, (long Size, DateTime Modified) stamp, string sha) => seen[name] = new Entry(stamp.Size, stamp.Modified.Ticks, sha);

    private static bool Matches(Entry known, (long Size, DateTime Modified) stamp) => known.Size == stamp.Size && known.ModifiedTicks == stamp.Modified.Ticks;

    /// <summary>
    /// Whether an earlier run saw this file, with the same size and time, end without a line break and left it for later:
    /// a file that has not changed since is complete as it is.
    /// </summary>
    public bool WasUnterminated(string name) => seen.GetValueOrDefault(name)?.Unterminated == true;

    /// <summary>Remembers that the file, as seen now, ends without a line break.</summary>
    public void MarkUnterminated(string name)
    {
        if (seen.TryGetValue(name, out var entry))
        {
            seen[name] = entry with { Unterminated = true };
        }
    }

    /// <summary>Writes the files seen by this run (a file that left landing leaves the index); a failure only costs the next run a hashing pass.</summary>
    public void Save()
    {
        if (seen.Count == entries.Count && seen.All(s => entries.TryGetValue(s.Key, out var e) && e == s.Value))
        {
            return;
        }
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(seen, Json.Info<Dictionary<string, Entry>>()));
            File.Move(path + ".tmp", path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The index is a cache.
        }
    }
}
