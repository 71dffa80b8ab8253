using System.Reflection;
using System.Text.Json.Serialization;
using NbaLake.Ingest;
using NbaLake.Storage;

namespace NbaLake.Activate.Catalog;

/// <summary>
/// Builds the catalog from the tables' definitions (grain, key, upstream, documented row types) and the store's
/// commit logs (versions, rows, inputs, schema). Reads only logs and Parquet footers: cheap on every run.
/// </summary>
public static class CatalogBuilder
{
    private static readonly DateOnly Epoch = new(1970, 1, 1);

    public static async Task<LakeCatalog> BuildAsync(IReadOnlyList<TableDefinition> definitions, TableStore store, DateTimeOffset now, CancellationToken ct = default)
    {
        var before = Previous(store.Layout);
        var tables = new List<CatalogTable>();
        foreach (var definition in definitions)
        {
            tables.Add(await TableAsync(definition, [.. definition.Rules ?? []], store, before, ct));
        }
        return new LakeCatalog(now, store.Layout.Root, tables);
    }

    /// <summary>
    /// The catalog the last run wrote (catalog.json), by table: what a table version that has not changed since is
    /// known to hold, so a run reads the footers of the tables it committed only. Null when there is none or it does not read.
    /// </summary>
    private static Dictionary<string, CatalogTable>? Previous(LakeLayout layout)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(layout.Root, CatalogWriter.JsonFile)), CatalogJson.Default.LakeCatalog)?
                .Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or NotSupportedException)
        {
            return null; // a cache of what the footers say: read them instead
        }
    }

    private static async Task<CatalogTable> TableAsync(TableDefinition d, List<RuleNote> rules, TableStore store, Dictionary<string, CatalogTable>? before,
        CancellationToken ct)
    {
        var current = store.Current(d.Table);
        var columns = Columns(d, current, rules);
        var folder = store.Layout.TableFolder(d.Table);
        return new CatalogTable(
            d.Table.ToString(), d.Table.Layer, d.Table.Name, $"{d.Table.Layer}/{d.Table.Name}/",
            XmlDocs.Summary(d.DefinedBy) ?? "", d.Grain, d.Key, d.PartitionBy, d.UpstreamNames,
            current?.Inputs.Where(i => !i.Key.StartsWith(IngestStage.LandingPrefix, StringComparison.Ordinal))
                .ToDictionary(i => i.Key, i => i.Value) ?? [],
            SourceFiles(d.Table, store),
            current?.Rows ?? 0,
            current?.Version,
            current is null ? null : new CatalogCommit(current.Version, current.RunId, current.CommittedAt, current.Operation, current.FileCount),
            new CatalogFreshness(current?.CommittedAt, current is null ? null
                : before?.GetValueOrDefault(d.Table.ToString()) is { LastCommit: { } known } same && known.Version == current.Version && known.CommittedAt == current.CommittedAt
                    ? same.Freshness.DataThrough
                    : await DataThroughAsync(folder, ct)),
            columns);
    }

    /// <summary>
    /// Columns in the order of the committed schema (or of the row type before the first commit), each described
    /// by its property's summary or the definition's note.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = Aot.OwnTypes)]
    private static List<CatalogColumn> Columns(TableDefinition d, CommitEntry? current, List<RuleNote> rules)
    {
        var documented = new Dictionary<string, (string? Description, bool Personal)>(StringComparer.Ordinal);
        foreach (var p in d.RowType?.GetProperties() ?? [])
        {
            if (p.GetCustomAttribute<JsonPropertyNameAttribute>() is { } name)
            {
                documented[name.Name] = (XmlDocs.Summary(p), p.GetCustomAttribute<PersonalDataAttribute>() is not null);
            }
        }
        foreach (var note in d.Columns ?? [])
        {
            documented[note.Name] = (note.Description, note.PersonalData);
        }
        var schema = current?.Schema.Select(Parse).ToList()
            ?? (d.RowType is null ? null : Columnar.SchemaOf(d.RowType).Select(Parse).ToList())
            ?? [.. documented.Keys.Select(k => (Name: k, Type: "", IsNullable: true))];
        return [.. schema.Select(c => new CatalogColumn(
            c.Name, c.Type, c.IsNullable,
            documented.TryGetValue(c.Name, out var doc) ? doc.Description : null,
            doc.Personal,
            d.Key.Contains(c.Name),
            [.. rules.Where(r => r.Columns.Contains(c.Name)).Select(r => r.Name)]))];
    }

    /// <summary>"pts: Int32?" as the commit log writes it → (pts, int32, nullable).</summary>
    private static (string Name, string Type, bool IsNullable) Parse(string schemaLine)
    {
        var colon = schemaLine.IndexOf(": ", StringComparison.Ordinal);
        var clr = schemaLine[(colon + 2)..];
        return (schemaLine[..colon], TypeName(clr.TrimEnd('?')), clr.EndsWith('?'));
    }

    /// <summary>The type an analyst knows, from the CLR type the commit log names (older logs name strings ReadOnlyMemory`1).</summary>
    private static string TypeName(string clr) => clr switch
    {
        "String" or "ReadOnlyMemory`1" => "string",
        "Int32" => "int32",
        "Int64" => "int64",
        "Double" => "double",
        "Boolean" => "bool",
        "DateOnly" => "date",
        "DateTime" or "DateTimeOffset" => "timestamp",
        _ => clr.ToLowerInvariant(),
    };

    /// <summary>Bronze: the landed files the current version holds (every version of each name), from the table's metadata.</summary>
    private static List<CatalogSourceFile> SourceFiles(TableId table, TableStore store) =>
        table.Layer != "bronze"
            ? []
            : [.. LandedFiles.Of(store.State(table)).OrderBy(f => f.Key, StringComparer.Ordinal)
                .SelectMany(f => f.Value.Select(v => new CatalogSourceFile(f.Key, v.Sha256, v.Batch, v.Rows)))];

    /// <summary>The newest value of any date column, from the row groups' statistics (no data page is read).</summary>
    private static Task<DateOnly?> DataThroughAsync(string folder, CancellationToken ct)
    {
        DateOnly? newest = null;
        foreach (var path in TableStore.ListParquetFiles(folder))
        {
            ct.ThrowIfCancellationRequested();
            using var reader = Columnar.OpenReader(path);
            var schema = reader.FileMetaData.Schema;
            var dates = Enumerable.Range(0, schema.NumColumns).Where(c => schema.Column(c).LogicalType is ParquetSharp.DateLogicalType).ToList();
            for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
            {
                using var group = reader.RowGroup(g);
                foreach (var column in dates)
                {
                    // Parquet stores a date as days since 1970-01-01, and the statistics give that number back.
                    if (group.MetaData.GetColumnChunkMetaData(column).Statistics is ParquetSharp.Statistics<int> { HasMinMax: true } stats
                        && Epoch.AddDays(stats.Max) is var max && (newest is null || max > newest))
                    {
                        newest = max;
                    }
                }
            }
        }
        return Task.FromResult(newest);
    }
}
