using System.Buffers;
using System.Text;

namespace NbaLake.Storage.Iceberg;

/// <summary>
/// Avro's binary encoding (Avro 1.11 specification, "Binary Encoding") of the few types Iceberg's manifests use: ints and
/// longs as zig-zag variable-length numbers, strings and bytes with their length first, booleans as one byte, a union
/// as the index of its branch and then the value. Records are their fields in schema order, so a writer encodes them
/// by calling these in that order.
/// </summary>
public sealed class AvroEncoder
{
    private readonly ArrayBufferWriter<byte> buffer = new();

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => buffer.WrittenSpan;

    /// <summary>Forgets what was written (the encoder is reused block after block).</summary>
    public void Clear() => buffer.Clear();

    /// <summary>An Avro <c>int</c> or <c>long</c> (the two encode alike).</summary>
    public AvroEncoder Number(long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        var span = buffer.GetSpan(10);
        var n = 0;
        while (zigzag >= 0x80)
        {
            span[n++] = (byte)(zigzag | 0x80);
            zigzag >>= 7;
        }
        span[n++] = (byte)zigzag;
        buffer.Advance(n);
        return this;
    }

    /// <summary>An Avro <c>boolean</c>: one byte.</summary>
    public AvroEncoder Flag(bool value)
    {
        buffer.Write([(byte)(value ? 1 : 0)]);
        return this;
    }

    /// <summary>An Avro <c>string</c>: its UTF-8 length, then its UTF-8 bytes.</summary>
    public AvroEncoder Text(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return Bytes(bytes);
    }

    /// <summary>Avro <c>bytes</c>: the length, then the bytes.</summary>
    public AvroEncoder Bytes(ReadOnlySpan<byte> value)
    {
        Number(value.Length);
        buffer.Write(value);
        return this;
    }

    /// <summary>The branch of a union: its index in the union's list of types (Iceberg's optional fields are <c>["null", T]</c>).</summary>
    public AvroEncoder Branch(int index) => Number(index);

    /// <summary>An optional field (<c>["null", T]</c>) that is null.</summary>
    public AvroEncoder Null() => Branch(0);

    /// <summary>An optional number (<c>["null", "long"]</c>).</summary>
    public AvroEncoder OptionalNumber(long? value) => value is { } v ? Branch(1).Number(v) : Null();
}
