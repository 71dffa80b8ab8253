using System.Reflection;
using System.Text.Json.Serialization;
using NbaLake.Ingest;
using NbaLake.Storage;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using Parquet.Serialization.Attributes;

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
        var tables = new List<CatalogTable>();
        foreach (var definition in definitions)
        {
            tables.Add(await TableAsync(definition, [.. definition.Rules ?? []], store, ct));
        }
        return new LakeCatalog(now, store.Layout.Root, tables);
    }

    private static async Task<CatalogTable> TableAsync(TableDefinition d, List<RuleNote> rules, TableStore store, CancellationToken ct)
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
            new CatalogFreshness(current?.CommittedAt, current is null ? null : await DataThroughAsync(folder, ct)),
            columns);
    }

    /// <summary>
    /// Columns in the order of the committed schema (or of the row type before the first commit), each described
    /// by its property's summary or the definition's note.
    /// </summary>
    private static List<CatalogColumn> Columns(TableDefinition d, CommitEntry? current, List<RuleNote> rules)
    {
        var documented = new Dictionary<string, (string? Description, bool Personal)>(StringComparer.Ordinal);
        foreach (var p in d.RowType?.GetProperties() ?? [])
        {
            if (p.GetCustomAttribute<ParquetIgnoreAttribute>() is null && p.GetCustomAttribute<JsonPropertyNameAttribute>() is { } name)
            {
                documented[name.Name] = (XmlDocs.Summary(p), p.GetCustomAttribute<PersonalDataAttribute>() is not null);
            }
        }
        foreach (var note in d.Columns ?? [])
        {
            documented[note.Name] = (note.Description, note.PersonalData);
        }
        var schema = current?.Schema.Select(Parse).ToList()
            ?? d.RowType?.GetParquetSchema(forWriting: true).GetDataFields().Select(f => (f.Name, Type: TypeName(f.ClrType.Name), f.IsNullable)).ToList()
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

    /// <summary>The type an analyst knows, from the CLR type Parquet.Net reads the column as.</summary>
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
    private static async Task<DateOnly?> DataThroughAsync(string folder, CancellationToken ct)
    {
        DateOnly? newest = null;
        foreach (var path in TableStore.ListParquetFiles(folder))
        {
            await using var reader = await ParquetReader.CreateAsync(path, ParquetRows.Options, ct);
            var dates = reader.Schema.GetDataFields().Where(f => f.ClrType == typeof(DateOnly)).ToList();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                foreach (var field in dates)
                {
                    // Parquet stores a date as days since 1970-01-01, and the statistics give that number back.
                    var max = group.GetStatistics(field)?.MaxValue switch
                    {
                        DateOnly d => d,
                        int days => Epoch.AddDays(days),
                        _ => (DateOnly?)null,
                    };
                    if (max > newest || newest is null)
                    {
                        newest = max;
                    }
                }
            }
        }
        return newest;
    }
}
