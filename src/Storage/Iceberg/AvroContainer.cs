using System.IO.Compression;
using System.Security.Cryptography;

namespace NbaLake.Storage.Iceberg;

/// <summary>
/// Writes an Avro object container file (Avro 1.11 specification, "Object Container Files"): the magic <c>Obj\x01</c>,
/// the file metadata (the schema, the codec and the caller's keys), a 16-byte sync marker, then blocks of records, each
/// its record count, its byte length, its records compressed with raw deflate, and the sync marker again. Iceberg's
/// manifests and manifest lists are such files. Written by hand rather than with Apache.Avro, which drops schema
/// properties Iceberg's optional statistics maps need; the format is small and the records here are flat.
/// </summary>
public static class AvroContainer
{
    private static readonly byte[] Magic = [(byte)'O', (byte)'b', (byte)'j', 1];

    /// <summary>Records per block: manifests hold a few thousand entries at most, so a block is a few hundred kilobytes.</summary>
    private const int BlockRecords = 1000;

    /// <summary>
    /// The file's bytes: <paramref name="schema"/> (Avro schema JSON) and <paramref name="metadata"/> in the header, then
    /// each record that <paramref name="write"/> encodes. The sync marker is derived from the header, so the same input
    /// gives the same bytes.
    /// </summary>
    public static byte[] Bytes<T>(string schema, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<T> records, Action<AvroEncoder, T> write)
    {
        var header = new AvroEncoder();
        header.Number(metadata.Count + 2);
        header.Text("avro.schema").Text(schema);
        header.Text("avro.codec").Text("deflate");
        foreach (var (key, value) in metadata)
        {
            header.Text(key).Text(value);
        }
        header.Number(0);
        var sync = SHA256.HashData(header.Written)[..16];

        using var file = new MemoryStream();
        file.Write(Magic);
        file.Write(header.Written);
        file.Write(sync);
        var block = new AvroEncoder();
        var counts = new AvroEncoder();
        for (var start = 0; start < records.Count; start += BlockRecords)
        {
            block.Clear();
            var end = Math.Min(records.Count, start + BlockRecords);
            for (var i = start; i < end; i++)
            {
                write(block, records[i]);
            }
            var compressed = Deflate(block.Written);
            counts.Clear();
            counts.Number(end - start).Number(compressed.Length);
            file.Write(counts.Written);
            file.Write(compressed);
            file.Write(sync);
        }
        return file.ToArray();
    }

    private static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data);
        }
        return output.ToArray();
    }
}
