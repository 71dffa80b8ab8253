using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NbaLake.Storage.Iceberg;

/// <summary>
/// An Iceberg v2 table metadata file, <c>v&lt;N&gt;.metadata.json</c> (Iceberg spec, "Table Metadata"): the table at
/// NbaLake version N. Its snapshots are the kept versions up to N (snapshot id = sequence number = version), N current
/// (also as <c>refs.main</c>); its schemas are theirs, with field ids from the whole log; data files carry no field ids,
/// so <c>schema.name-mapping.default</c> maps column names to them.
/// </summary>
public static class TableMetadata
{
    /// <summary>One kept version as a snapshot: its facts and the location of its manifest list.</summary>
    public sealed record Snapshot(SnapshotFacts Facts, string ManifestList);

    /// <summary>The metadata file's bytes (indented JSON).</summary>
    /// <param name="snapshots">The kept versions up to the current one, oldest first; the last is current.</param>
    /// <param name="metadataLocation">The location of a kept version's metadata file (for <c>metadata-log</c>).</param>
    public static byte[] Bytes(TableId table, TableHistory history, IReadOnlyList<Snapshot> snapshots, string location,
        Func<int, string> metadataLocation, Guid tableUuid)
    {
        var current = snapshots[^1].Facts;
        var partition = history.PartitionColumn;
        var schemaIds = snapshots.Select(s => s.Facts.SchemaId).Distinct().Order().ToList();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("format-version", 2);
            json.WriteString("table-uuid", tableUuid.ToString());
            json.WriteString("location", location);
            json.WriteNumber("last-sequence-number", current.Version);
            json.WriteNumber("last-updated-ms", current.TimestampMs);
            json.WriteNumber("last-column-id", current.LastColumnId);
            json.WriteStartArray("schemas");
            foreach (var id in schemaIds)
            {
                IcebergSchemaJson.WriteSchema(json, id, history.Schemas[id]);
            }
            json.WriteEndArray();
            json.WriteNumber("current-schema-id", current.SchemaId);
            json.WriteStartArray("partition-specs");
            json.WriteStartObject();
            json.WriteNumber("spec-id", 0);
            json.WritePropertyName("fields");
            IcebergSchemaJson.WriteSpecFields(json, partition);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteNumber("default-spec-id", 0);
            json.WriteNumber("last-partition-id", partition is null ? IcebergSchemaJson.PartitionFieldId - 1 : IcebergSchemaJson.PartitionFieldId);
            json.WriteStartObject("properties");
            json.WriteString("schema.name-mapping.default", IcebergSchemaJson.NameMapping(schemaIds.Select(id => history.Schemas[id])
                .Append(history.Schemas[current.SchemaId])));
            json.WriteString("nbalake.table", table.ToString());
            json.WriteEndObject();
            json.WriteNumber("current-snapshot-id", current.Version);
            json.WriteStartObject("refs");
            json.WriteStartObject("main");
            json.WriteNumber("snapshot-id", current.Version);
            json.WriteString("type", "branch");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("snapshots");
            foreach (var snapshot in snapshots)
            {
                WriteSnapshot(json, snapshot);
            }
            json.WriteEndArray();
            json.WriteStartArray("snapshot-log");
            foreach (var snapshot in snapshots)
            {
                json.WriteStartObject();
                json.WriteNumber("timestamp-ms", snapshot.Facts.TimestampMs);
                json.WriteNumber("snapshot-id", snapshot.Facts.Version);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("metadata-log");
            foreach (var snapshot in snapshots.SkipLast(1))
            {
                json.WriteStartObject();
                json.WriteNumber("timestamp-ms", snapshot.Facts.TimestampMs);
                json.WriteString("metadata-file", metadataLocation(snapshot.Facts.Version));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("sort-orders");
            json.WriteStartObject();
            json.WriteNumber("order-id", 0);
            json.WriteStartArray("fields");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteNumber("default-sort-order-id", 0);
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>
    /// A snapshot: the NbaLake version, run and operation in its summary beside Iceberg's counts. An Iceberg
    /// <c>append</c> when the version only added files, else an <c>overwrite</c>.
    /// </summary>
    private static void WriteSnapshot(Utf8JsonWriter json, Snapshot snapshot)
    {
        var f = snapshot.Facts;
        json.WriteStartObject();
        json.WriteNumber("snapshot-id", f.Version);
        if (f.Version > 1)
        {
            json.WriteNumber("parent-snapshot-id", f.Version - 1);
        }
        json.WriteNumber("sequence-number", f.Version);
        json.WriteNumber("timestamp-ms", f.TimestampMs);
        json.WriteString("manifest-list", snapshot.ManifestList);
        json.WriteStartObject("summary");
        json.WriteString("operation", f.DeletedFiles == 0 ? "append" : "overwrite");
        json.WriteString("nbalake.version", Text(f.Version));
        json.WriteString("nbalake.run-id", f.RunId);
        json.WriteString("nbalake.operation", f.Operation);
        json.WriteString("added-data-files", Text(f.AddedFiles));
        json.WriteString("added-records", Text(f.AddedRows));
        json.WriteString("deleted-data-files", Text(f.DeletedFiles));
        json.WriteString("deleted-records", Text(f.DeletedRows));
        json.WriteString("total-data-files", Text(f.TotalFiles));
        json.WriteString("total-records", Text(f.TotalRows));
        json.WriteString("total-files-size", Text(f.TotalSize));
        json.WriteString("total-delete-files", "0");
        json.WriteString("total-position-deletes", "0");
        json.WriteString("total-equality-deletes", "0");
        json.WriteEndObject();
        json.WriteNumber("schema-id", f.SchemaId);
        json.WriteEndObject();
    }

    /// <summary>
    /// The table's UUID, derived from its name and its first commit (the same whenever the metadata is written again, and
    /// another for a table of the same name started anew).
    /// </summary>
    public static Guid TableUuid(TableId table, SnapshotFacts first)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{table}\n{first.RunId}\n{first.TimestampMs.ToString(CultureInfo.InvariantCulture)}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: a UUID made by the application's own rule (RFC 9562)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
