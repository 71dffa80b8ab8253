using System.Text;
using NbaLake.Ingest;

namespace NbaLake.Tests.Ingest;

/// <summary>The guard between landed bytes and the CSV parser: whole records only, long ones read past, line numbers kept.</summary>
public class RecordGuardStreamTests
{
    [Theory]
    [InlineData("a,b\n1,2\n3,4\n")]
    [InlineData("a,b\r\n1,\"x\r\ny\"\r\n3,4\r\n")]
    [InlineData("a,b\n1,\"he said \"\"hi\"\"\n, twice\"\n3,4\n")]
    [InlineData("a,b\n1,ab\"c\n3,4\n")]
    public void Records_under_the_limit_pass_through_unchanged(string csv)
    {
        var (output, guard) = ReadAll(csv, limit: 64);

        Assert.Equal(csv, output);
        Assert.Empty(guard.LongRecords);
        Assert.False(guard.EndsWithoutLineBreak);
    }

    [Fact]
    public void A_record_over_the_limit_becomes_an_empty_line_and_is_reported_with_its_line_length_and_head()
    {
        var longField = new string('x', 300);
        var csv = $"a,b\n1,2\n3,{longField}\n5,6\n";

        var (output, guard) = ReadAll(csv, limit: 100);

        Assert.Equal("a,b\n1,2\n\n5,6\n", output);
        var record = Assert.Single(guard.LongRecords);
        Assert.Equal(3, record.Line);
        Assert.Equal(302, record.Length);
        Assert.Equal("3," + longField, Encoding.ASCII.GetString(record.Head));
        Assert.Equal(4, guard.LineOf(4));
    }

    [Fact]
    public void Lines_after_a_long_record_that_spans_lines_map_back_to_the_files_lines()
    {
        // Line 3 opens a quoted field that spans lines 3 to 6; the parser sees one empty line for it.
        var csv = "a,b\n1,2\n3,\"" + new string('y', 50) + "\n" + new string('y', 50) + "\n\n" + new string('y', 50) + "\"\n7,8\n9,10\n";

        var (output, guard) = ReadAll(csv, limit: 60);

        Assert.Equal("a,b\n1,2\n\n7,8\n9,10\n", output);
        Assert.Equal(3, Assert.Single(guard.LongRecords).Line);
        Assert.Equal(7, guard.LineOf(4)); // the parser's line 4 is "7,8", line 7 of the file
        Assert.Equal(8, guard.LineOf(5));
        Assert.Equal(2, guard.LineOf(2));
    }

    [Fact]
    public void A_header_over_the_limit_refuses_the_file_before_anything_is_read()
    {
        var csv = new string('H', 500) + "\n1\n";

        Assert.Throws<HeaderTooLongException>(() => ReadAll(csv, limit: 100));
    }

    [Theory]
    [InlineData("a,b\n1,2\n3,4", true)]
    [InlineData("a,b\n1,2\n3,\"4", true)]
    [InlineData("a,b\n1,2\n3,\"4\n", false)]
    [InlineData("a,b\n1,2\n3,4\n", false)]
    [InlineData("a,b\n1,2\n3,4\r\n", false)]
    [InlineData("", false)]
    public void A_last_line_without_a_line_break_is_told(string csv, bool unterminated)
    {
        var (output, guard) = ReadAll(csv, limit: 64);

        Assert.Equal(csv, output);
        Assert.Equal(unterminated, guard.EndsWithoutLineBreak);
    }

    [Fact]
    public void A_long_last_record_without_a_line_break_is_reported_and_the_end_is_told()
    {
        var csv = "a,b\n1,2\n3," + new string('z', 1000);

        var (output, guard) = ReadAll(csv, limit: 100);

        Assert.Equal("a,b\n1,2\n", output);
        Assert.Equal(1002, Assert.Single(guard.LongRecords).Length);
        Assert.True(guard.EndsWithoutLineBreak);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_passed_through_unchecked()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a,b\n" + new string('q', 500) + "\n")).ToArray();

        using var guard = new RecordGuardStream(new MemoryStream(bytes), 100, ',');
        using var copy = new MemoryStream();
        guard.CopyTo(copy);

        Assert.Equal(bytes, copy.ToArray());
        Assert.Empty(guard.LongRecords);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_input_read_in_odd_slices_equals_a_byte_by_byte_reference(int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("h1,h2,h3\n");
        for (var i = 0; i < 1500; i++)
        {
            var length = random.Next(10) == 0 ? random.Next(100, 150_000) : random.Next(0, 40);
            for (var j = 0; j < length; j++)
            {
                csv.Append(random.Next(30) switch
                {
                    0 => '"',
                    1 => ',',
                    2 => '\n',
                    3 => '\r',
                    _ => (char)('a' + random.Next(26)),
                });
            }
            csv.Append(random.Next(3) == 0 ? "\r\n" : "\n");
        }
        var input = Encoding.ASCII.GetBytes(csv.ToString());
        const int Limit = 50_000;

        var (expected, expectedLong) = Reference(input, Limit);
        using var guard = new RecordGuardStream(new SlicedStream(input, random), Limit, ',');
        using var copy = new MemoryStream();
        var slice = new byte[7919];
        int n;
        while ((n = guard.Read(slice, 0, random.Next(1, slice.Length))) > 0)
        {
            copy.Write(slice, 0, n);
        }

        Assert.Equal(Encoding.ASCII.GetString(expected), Encoding.ASCII.GetString(copy.ToArray()));
        Assert.Equal(expectedLong, guard.LongRecords.Select(r => (r.Line, r.Length)).ToList());
        Assert.All(guard.LongRecords, r => Assert.Equal(Math.Min(r.Length, RecordGuardStream.HeadBytes), r.Head.Length));
    }

    /// <summary>The guard's contract, one byte at a time: records split at line breaks outside quotes; long ones leave only their line break.</summary>
    private static (byte[] Output, List<(long Line, long Length)> Long) Reference(byte[] input, int limit)
    {
        var output = new List<byte>();
        var longRecords = new List<(long, long)>();
        var record = new List<byte>();
        bool quoted = false, closed = false;
        byte previous = (byte)'\n';
        long line = 1, recordLine = 1;
        foreach (var b in input)
        {
            var isBreak = false;
            if (quoted)
            {
                if (b == '"')
                {
                    (quoted, closed) = (false, true);
                }
            }
            else if (b == '"')
            {
                quoted = closed || previous == ',' || previous == '\n' || previous == '\r';
                closed = false;
            }
            else
            {
                closed = false;
                isBreak = b is (byte)'\n' or (byte)'\r';
            }
            if (b == '\r' || (b == '\n' && previous != '\r'))
            {
                line++;
            }
            previous = b;
            if (!isBreak)
            {
                record.Add(b);
                continue;
            }
            if (record.Count > limit)
            {
                longRecords.Add((recordLine, record.Count));
            }
            else
            {
                output.AddRange(record);
            }
            output.Add(b);
            record.Clear();
            recordLine = line;
        }
        if (record.Count > limit)
        {
            longRecords.Add((recordLine, record.Count));
        }
        else
        {
            output.AddRange(record);
        }
        return ([.. output], longRecords);
    }

    private static (string Output, RecordGuardStream Guard) ReadAll(string csv, int limit)
    {
        var guard = new RecordGuardStream(new MemoryStream(Encoding.UTF8.GetBytes(csv)), limit, ',');
        using var copy = new MemoryStream();
        guard.CopyTo(copy);
        return (Encoding.UTF8.GetString(copy.ToArray()), guard);
    }

    /// <summary>A stream that hands out its bytes in random slices, as a decompressor or a pipe does.</summary>
    private sealed class SlicedStream(byte[] bytes, Random random) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, random.Next(1, 100_000)));
    }
}
