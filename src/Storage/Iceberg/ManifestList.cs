using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace NbaLake.Storage.Iceberg;

/// <summary>
/// An Iceberg v2 manifest list (Iceberg spec, "Manifest Lists"): the manifests of one snapshot, here none (a version with
/// no file) or the one manifest of its version, with its counts and the range of its partition values.
/// </summary>
public static class ManifestList
{
    /// <summary>The manifest a list names.</summary>
    /// <param name="MinSequenceNumber">The oldest version among its files' (their data sequence numbers).</param>
    /// <param name="Lower">The smallest partition value (null: unpartitioned).</param>
    public sealed record Item(string Location, long Length, int Version, int AddedFiles, int ExistingFiles, long AddedRows, long ExistingRows,
        int MinSequenceNumber, object? Lower, object? Upper);

    /// <summary>The manifest list's Avro schema: every field carries its Iceberg field id, the partition summaries' array its element id.</summary>
    public const string AvroSchema =
        """{"type":"record","name":"manifest_file","fields":[""" +
        """{"name":"manifest_path","type":"string","field-id":500},""" +
        """{"name":"manifest_length","type":"long","field-id":501},""" +
        """{"name":"partition_spec_id","type":"int","field-id":502},""" +
        """{"name":"content","type":"int","field-id":517},""" +
        """{"name":"sequence_number","type":"long","field-id":515},""" +
        """{"name":"min_sequence_number","type":"long","field-id":516},""" +
        """{"name":"added_snapshot_id","type":"long","field-id":503},""" +
        """{"name":"added_files_count","type":"int","field-id":504},""" +
        """{"name":"existing_files_count","type":"int","field-id":505},""" +
        """{"name":"deleted_files_count","type":"int","field-id":506},""" +
        """{"name":"added_rows_count","type":"long","field-id":512},""" +
        """{"name":"existing_rows_count","type":"long","field-id":513},""" +
        """{"name":"deleted_rows_count","type":"long","field-id":514},""" +
        """{"name":"partitions","type":["null",{"type":"array","items":{"type":"record","name":"r508","fields":[""" +
        """{"name":"contains_null","type":"boolean","field-id":509},""" +
        """{"name":"contains_nan","type":["null","boolean"],"default":null,"field-id":518},""" +
        """{"name":"lower_bound","type":["null","bytes"],"default":null,"field-id":510},""" +
        """{"name":"upper_bound","type":["null","bytes"],"default":null,"field-id":511}""" +
        """]},"element-id":508}],"default":null,"field-id":507}]}""";

    /// <summary>The manifest list of snapshot <paramref name="version"/>.</summary>
    public static byte[] Bytes(int version, int? parent, IReadOnlyList<Item> manifests) =>
        AvroContainer.Bytes(AvroSchema, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["snapshot-id"] = version.ToString(CultureInfo.InvariantCulture),
            ["parent-snapshot-id"] = parent is { } p ? p.ToString(CultureInfo.InvariantCulture) : "null",
            ["sequence-number"] = version.ToString(CultureInfo.InvariantCulture),
            ["format-version"] = "2",
        }, manifests, (avro, m) =>
        {
            avro.Text(m.Location).Number(m.Length).Number(0).Number(0).Number(m.Version).Number(m.MinSequenceNumber).Number(m.Version)
                .Number(m.AddedFiles).Number(m.ExistingFiles).Number(0).Number(m.AddedRows).Number(m.ExistingRows).Number(0);
            if (m.Lower is null)
            {
                avro.Null();
            }
            else
            {
                // One block of one summary, then the end of the array.
                avro.Branch(1).Number(1).Flag(false).Null().Branch(1).Bytes(Bound(m.Lower)).Branch(1).Bytes(Bound(m.Upper!)).Number(0);
            }
        });

    /// <summary>A partition value's single-value serialization (Iceberg spec, Appendix D): little-endian numbers, UTF-8 text.</summary>
    public static byte[] Bound(object value)
    {
        switch (value)
        {
            case int i:
                var four = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(four, i);
                return four;
            case long l:
                var eight = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(eight, l);
                return eight;
            case bool b:
                return [(byte)(b ? 1 : 0)];
            default:
                return Encoding.UTF8.GetBytes((string)value);
        }
    }
}
