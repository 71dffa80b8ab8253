using System.Globalization;

namespace NbaLake.Storage.Iceberg;

/// <summary>
/// An Iceberg v2 data manifest (Iceberg spec, "Manifests"): one entry per data file of one NbaLake version. A file
/// that version wrote is ADDED in it (snapshot id and sequence numbers inherited from the manifest list); a file kept
/// from an earlier version is EXISTING, with that version as its snapshot and sequence numbers. The optional column
/// statistics (sizes, counts, bounds) are left out: readers then read every file, which a table of this size affords.
/// </summary>
public static class ManifestFile
{
    /// <summary>An entry's status.</summary>
    public const int Existing = 0, Added = 1;

    /// <summary>One data file as the manifest lists it.</summary>
    /// <param name="Location">The file's full URI.</param>
    /// <param name="AddedIn">The version (snapshot) that wrote its bytes.</param>
    /// <param name="Partition">Its value of the partition column (as <see cref="TableHistory.PartitionValue"/> gives it), or null.</param>
    public sealed record Entry(string Location, long Rows, long Size, int AddedIn, object? Partition);

    /// <summary>The manifest's Avro schema: every field carries its Iceberg field id.</summary>
    public static string AvroSchema(IcebergField? partition) =>
        """{"type":"record","name":"manifest_entry","fields":[""" +
        """{"name":"status","type":"int","field-id":0},""" +
        """{"name":"snapshot_id","type":["null","long"],"default":null,"field-id":1},""" +
        """{"name":"sequence_number","type":["null","long"],"default":null,"field-id":3},""" +
        """{"name":"file_sequence_number","type":["null","long"],"default":null,"field-id":4},""" +
        """{"name":"data_file","type":{"type":"record","name":"r2","fields":[""" +
        """{"name":"content","type":"int","field-id":134},""" +
        """{"name":"file_path","type":"string","field-id":100},""" +
        """{"name":"file_format","type":"string","field-id":101},""" +
        """{"name":"partition","type":{"type":"record","name":"r102","fields":[""" +
        (partition is null ? "" : $$"""{"name":"{{partition.Name}}","type":["null","{{AvroType(partition.Type)}}"],"default":null,"field-id":{{IcebergSchemaJson.PartitionFieldId}}}""") +
        """]},"field-id":102},""" +
        """{"name":"record_count","type":"long","field-id":103},""" +
        """{"name":"file_size_in_bytes","type":"long","field-id":104}""" +
        """]},"field-id":2}]}""";

    /// <summary>The manifest of version <paramref name="version"/>'s files.</summary>
    /// <param name="schemaJson">The table schema of that version (Iceberg JSON), for the manifest's metadata.</param>
    /// <param name="specFieldsJson">The partition spec's fields (Iceberg JSON).</param>
    public static byte[] Bytes(int version, IReadOnlyList<Entry> entries, IcebergField? partition, int schemaId, string schemaJson, string specFieldsJson) =>
        AvroContainer.Bytes(AvroSchema(partition), new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["schema"] = schemaJson,
            ["schema-id"] = schemaId.ToString(CultureInfo.InvariantCulture),
            ["partition-spec"] = specFieldsJson,
            ["partition-spec-id"] = "0",
            ["format-version"] = "2",
            ["content"] = "data",
        }, entries, (avro, e) =>
        {
            if (e.AddedIn == version)
            {
                avro.Number(Added).Null().Null().Null();
            }
            else
            {
                avro.Number(Existing).OptionalNumber(e.AddedIn).OptionalNumber(e.AddedIn).OptionalNumber(e.AddedIn);
            }
            avro.Number(0).Text(e.Location).Text("PARQUET");
            if (partition is not null)
            {
                WriteValue(avro.Branch(1), e.Partition!);
            }
            avro.Number(e.Rows).Number(e.Size);
        });

    /// <summary>An Iceberg primitive's Avro type (Iceberg spec, Appendix A).</summary>
    public static string AvroType(string icebergType) => icebergType switch
    {
        "int" or "date" => "int",
        "long" => "long",
        "boolean" => "boolean",
        _ => "string",
    };

    private static void WriteValue(AvroEncoder avro, object value)
    {
        switch (value)
        {
            case int i:
                avro.Number(i);
                break;
            case long l:
                avro.Number(l);
                break;
            case bool b:
                avro.Flag(b);
                break;
            default:
                avro.Text((string)value);
                break;
        }
    }
}
