using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using NbaLake.Storage;
using Serilog;

namespace NbaLake.Publish;

/// <summary>
/// Gold's per-season loop and its cache: every season of the current silver version gives its part of each gold table
/// computed season by season (<see cref="IGoldPart{TSelf, TRow}"/>), handed over in date order, one season at a time
/// (memory holds a few seasons' parts, never the history's). A season's parts are kept in
/// <c>_meta/cache/gold/&lt;season&gt;-&lt;key&gt;.bin</c>: the season is its files by content, the key is derived from the
/// part types (their names and the build of their code) and the settings declared to shape their parts, so a run
/// builds only the seasons whose files changed, and a change of code or of such a setting makes every entry a miss.
/// The cache is derived data: a missing or unreadable entry is built again from silver, never trusted over it; a
/// rebuild of gold (<c>nbalake rebuild gold</c>) trusts no entry.
/// </summary>
internal sealed class SeasonPartCache
{
    private readonly TableStore store;
    private readonly IReadOnlyList<GoldComputation> tables;
    private readonly PublishOptions options;
    private readonly IReadOnlyList<SilverSeason> seasons;
    private readonly List<string> paths;
    private readonly HashSet<string>? seasonTypes;

    /// <param name="tables">The tables computed season by season, in the order their parts are kept.</param>
    /// <param name="settings">The publish settings with what they shape: those that shape the tables' parts are in the key.</param>
    public SeasonPartCache(TableStore store, IReadOnlyList<GoldComputation> tables, PublishOptions options, IReadOnlyList<SettingValue> settings)
    {
        (this.store, this.tables, this.options) = (store, tables, options);
        seasons = SilverScan.Seasons(store);
        Folder = Path.Combine(store.Layout.Meta, "cache", "gold");
        var key = Key(tables, settings);
        paths = [.. seasons.Select(s => Path.Combine(Folder, $"{s.Key}-{key}.bin"))];
        seasonTypes = options.SeasonTypes.Count == 0 ? null : options.SeasonTypes.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The cache's folder.</summary>
    public string Folder { get; }

    /// <summary>
    /// Builds the parts of every season that has no entry (on every core) and caches them; removes the entries no
    /// season uses any more.
    /// </summary>
    public void Refresh(ILogger log)
    {
        var started = Stopwatch.GetTimestamp();
        Directory.CreateDirectory(Folder);
        // A rebuild of gold trusts nothing but silver: every season's parts are built anew.
        var rebuild = tables.Any(t => store.IsRebuilding(t.Definition.Table));
        var missing = Enumerable.Range(0, seasons.Count).Where(s => rebuild || !File.Exists(paths[s])).ToList();
        Parallel.ForEach(missing, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s => Write(paths[s], Build(seasons[s])));
        var used = paths.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(Folder).Where(f => !used.Contains(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }
        log.Information("Gold from {Seasons} silver seasons: {Built} built from silver, {Cached} from the cache, in {ElapsedMs} ms",
            seasons.Count, missing.Count, seasons.Count - missing.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// Hands every season's parts to <paramref name="onSeason"/> in date order, one season at a time; only the parts of
    /// the tables <paramref name="read"/> accepts are read (all by default), the others are null. The next seasons are
    /// read on the other cores while one is handed over (one ahead per core, at most <see cref="ReadAhead"/>: memory holds
    /// that many seasons, not the history).
    /// </summary>
    public void ForEach(Action<SeasonParts> onSeason, Func<TableDefinition, bool>? read = null)
    {
        var wanted = tables.Select(t => read?.Invoke(t.Definition) ?? true).ToArray();
        var ahead = new Queue<Task<SeasonParts>>();
        var next = 0;
        for (var s = 0; s < seasons.Count; s++)
        {
            while (next < seasons.Count && ahead.Count < Math.Min(Environment.ProcessorCount, ReadAhead))
            {
                var season = next++;
                ahead.Enqueue(Task.Run(() => TryRead(paths[season], wanted) ?? Build(seasons[season])));
            }
            onSeason(ahead.Dequeue().GetAwaiter().GetResult());
        }
    }

    /// <summary>Seasons read ahead at most, whatever the cores: memory holds that many seasons' parts.</summary>
    private const int ReadAhead = 3;

    /// <summary>A season's names and parts, from its rows counted in gold (<c>Publish:SeasonTypes</c>).</summary>
    private SeasonParts Build(SilverSeason season) =>
        SeasonParts.Build(season.Read(r => seasonTypes is null || (r.SeasonType is not null && seasonTypes.Contains(r.SeasonType))), tables, options);

    /// <summary>The names, then each part, each section after its length, so that a reader can skip the parts it does not need.</summary>
    private static void Write(string path, SeasonParts season)
    {
        var temp = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temp)))
        {
            foreach (var part in season.Parts.Prepend(season.Names))
            {
                using var section = new MemoryStream();
                using (var sectionWriter = new BinaryWriter(section, Encoding.UTF8, leaveOpen: true))
                {
                    part!.Write(sectionWriter);
                }
                writer.Write(section.Length);
                section.WriteTo(writer.BaseStream);
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    private SeasonParts? TryRead(string path, bool[] wanted)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream);
            var names = Section(reader, LatestNames.Read);
            var parts = new IGoldPart?[tables.Count];
            for (var t = 0; t < tables.Count; t++)
            {
                if (wanted[t])
                {
                    parts[t] = Section(reader, r => tables[t].Read(r, options));
                }
                else
                {
                    stream.Seek(reader.ReadInt64(), SeekOrigin.Current);
                }
            }
            return stream.Position == stream.Length ? new SeasonParts(names, parts) : null;
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>One section, which must be read to its last byte.</summary>
    private static T Section<T>(BinaryReader reader, Func<BinaryReader, T> read)
    {
        var length = reader.ReadInt64();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException("a section runs past the end of the entry");
        }
        using var section = new BinaryReader(new MemoryStream(reader.ReadBytes((int)length)));
        var value = read(section);
        return section.BaseStream.Position == length ? value : throw new InvalidDataException("a part did not read its section to the end");
    }

    /// <summary>
    /// The entries' key: the part types (each table's, in order) with the build of their code, and the settings that
    /// shape their parts. Nothing in it is kept by hand: a new table, a changed part or such a setting is a new key.
    /// </summary>
    private static string Key(IReadOnlyList<GoldComputation> tables, IReadOnlyList<SettingValue> settings)
    {
        var format = string.Join("\n", tables.Select(t => t.PartType!).Prepend(typeof(SeasonPartCache))
            .Select(type => $"{type.FullName} {type.Assembly.ManifestModule.ModuleVersionId}"));
        var shaping = DeclaredSettings.PartsFingerprint(settings, tables.Select(t => t.Definition.Table));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(format + "\n" + shaping)))[..16];
    }
}
