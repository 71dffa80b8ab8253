using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NbaLake.Storage;

namespace NbaLake.Tests.Support;

/// <summary>
/// An independent Iceberg reader for the tests: icebird (npm, pinned in <c>tests/iceberg-read/package-lock.json</c>) run
/// by <c>tests/iceberg-read/read.mjs</c> under Node.js, reading <c>file://</c> URLs through a fetch shim that records every
/// path it opened; and avsc, which decodes the metadata's Avro files and checks that their schemas carry field ids.
/// </summary>
public static class Icebird
{
    private static readonly string Folder = Path.Combine(Repo.Root, "tests", "iceberg-read");

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>What icebird read of a table: the snapshot, the current schema's columns, the rows (values as text) and every path it opened.</summary>
    public sealed record Read(long Snapshot, IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows, IReadOnlyList<string> Opened);

    /// <summary>One Avro file as avsc decoded it: its records, what is wrong with it, the keys of its header, the locations it names.</summary>
    public sealed record AvroFile(string File, int Records, IReadOnlyList<string> Problems, IReadOnlyList<string>? Keys, IReadOnlyList<string>? Locations);

    /// <summary>A table folder as the URL icebird is given.</summary>
    public static string Url(string folder) => LakeLayout.FileUri(Path.GetFullPath(folder));

    /// <summary>Reads a table's current snapshot (or the one <paramref name="metadataFile"/>, e.g. <c>v3.metadata.json</c>, makes current).</summary>
    public static async Task<Read> RowsAsync(string tableFolder, string? metadataFile = null) => (await RowsAsync([(tableFolder, metadataFile)]))[0];

    /// <summary>
    /// Reads each table's current snapshot, in one run of Node.js (a start of Node.js and icebird costs more than a read
    /// of a small table): <see cref="RowsAsync(string, string?)"/> for each, in order.
    /// </summary>
    public static Task<IReadOnlyList<Read>> RowsAsync(IEnumerable<string> tableFolders) => RowsAsync([.. tableFolders.Select(f => (f, (string?)null))]);

    /// <summary>
    /// Reads each (table, metadata file or null) in one run of Node.js, one read after the other, each with the paths it
    /// alone opened; the first read icebird refuses is thrown as an <see cref="IcebirdException"/>.
    /// </summary>
    public static async Task<IReadOnlyList<Read>> RowsAsync(IReadOnlyList<(string TableFolder, string? MetadataFile)> reads)
    {
        var (code, stdout, stderr) = await NodeAsync(["rows", .. reads.SelectMany(r => r.MetadataFile is null ? [Url(r.TableFolder)] : new[] { Url(r.TableFolder), r.MetadataFile })]);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(code is 0 or 1 && lines.Length == reads.Count, $"node read.mjs rows failed (exit {code}, {lines.Length} of {reads.Count} reads): {stderr}");
        var results = new List<Read>();
        foreach (var (line, read) in lines.Zip(reads))
        {
            if (JsonDocument.Parse(line).RootElement.TryGetProperty("error", out var error))
            {
                throw new IcebirdException(reads.Count == 1 ? error.GetString()! : $"{read.TableFolder}: {error.GetString()}");
            }
            results.Add(JsonSerializer.Deserialize<Read>(line, Json)!);
        }
        Assert.True(code == 0, $"node read.mjs rows exited with {code} but reported no error: {stderr}");
        return results;
    }

    /// <summary>Every Avro file given, decoded by avsc and checked for field ids.</summary>
    public static async Task<IReadOnlyList<AvroFile>> AvroAsync(IEnumerable<string> files)
    {
        var (code, stdout, stderr) = await NodeAsync(["avro", .. files]);
        Assert.True(code == 0, $"node read.mjs avro failed: {stderr}");
        return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<AvroFile>(l, Json)!)];
    }

    /// <summary>
    /// Starts icebird reading <paramref name="tableFolders"/> over and over, one JSON line a read (table, snapshot and
    /// rows, or error), until its standard input is closed.
    /// </summary>
    public static Process Watch(IEnumerable<string> tableFolders)
    {
        var start = Start(["watch", .. tableFolders.Select(Url)]);
        start.RedirectStandardInput = true;
        return Process.Start(start)!;
    }

    /// <summary>
    /// A table's rows as a plain Parquet reader sees them (DuckDB over <c>**/*.parquet</c> below <paramref name="folder"/>),
    /// the columns in <paramref name="columns"/>' order and each value as read.mjs writes it, so the two compare as text.
    /// </summary>
    public static List<string?[]> PlainRows(string folder, IReadOnlyList<string> columns)
    {
        using var duck = new Duck();
        var select = string.Join(", ", columns.Select(c => "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        return [.. duck.Values($"SELECT {select} FROM read_parquet({Duck.Literal(Path.Combine(folder, "**", "*.parquet"))}, hive_partitioning = false, union_by_name = true)")
            .Select(row => row.Select(Text).ToArray())];
    }

    /// <summary>
    /// Asserts that icebird's rows are the plain reader's rows (as multisets: neither reads in a promised order), naming a
    /// few rows that differ.
    /// </summary>
    public static void SameRows(string what, IReadOnlyList<string?[]> expected, IReadOnlyList<string?[]> actual)
    {
        static List<string> Lines(IEnumerable<string?[]> rows) => [.. rows.Select(r => string.Join(" | ", r.Select(v => v ?? "null"))).Order(StringComparer.Ordinal)];
        var (e, a) = (Lines(expected), Lines(actual));
        if (!e.SequenceEqual(a))
        {
            var missing = e.Except(a).Take(3);
            var extra = a.Except(e).Take(3);
            Assert.Fail($"{what}: the plain read has {e.Count} rows, icebird read {a.Count}. Only in the plain read: [{string.Join("; ", missing)}]; only in icebird's: [{string.Join("; ", extra)}]");
        }
    }

    /// <summary>A value as read.mjs writes it: JavaScript's number text, dates and timestamps as ISO 8601 UTC with milliseconds.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00.000Z",
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTime t => (t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static ProcessStartInfo Start(IEnumerable<string> args)
    {
        Assert.True(File.Exists(Path.Combine(Folder, "node_modules", "icebird", "package.json")),
            "icebird is not installed: run 'npm ci' in tests/iceberg-read (scripts/test does it when it is missing).");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        foreach (var arg in (string[])[Path.Combine(Folder, "read.mjs"), .. args])
        {
            start.ArgumentList.Add(arg);
        }
        return start;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> NodeAsync(IEnumerable<string> args)
    {
        using var process = Process.Start(Start(args))!;
        var ct = TestContext.Current.CancellationToken;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct).WaitAsync(Timeouts.Child, ct);
            return (process.ExitCode, await output, await errors);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}

/// <summary>icebird could not read a table (its error message).</summary>
public sealed class IcebirdException(string message) : Exception(message);
