using NbaLake.Storage;
using ParquetSharp;

namespace NbaLake.Tests.Storage;

/// <summary>Text as a dictionary: each distinct value once and an index per row, both ways (bronze's writer, every reader).</summary>
public class TextColumnTests
{
    [Fact]
    public void ToArrow_keeps_each_distinct_value_once_in_first_seen_order_and_nulls_as_nulls_across_chunks()
    {
        string?[] first = ["ATL", null, "BOS", "garbage past the count"];
        string?[] second = [new string("ATL".ToCharArray()), "ATL", "", null];

        var array = TextColumn.ToArrow(6, write =>
        {
            write(first, 3);
            write(second, 3);
        });

        var dictionary = (Apache.Arrow.StringArray)array.Dictionary;
        Assert.Equal(["ATL", "BOS", ""], Enumerable.Range(0, dictionary.Length).Select(i => dictionary.GetString(i)));
        Assert.Equal(6, array.Length);
        Assert.Equal(1, array.NullCount);
        using var back = TextColumn.From(array);
        Assert.Equal(["ATL", null, "BOS", "ATL", "ATL", ""], Enumerable.Range(0, back.Count).Select(i => back[i]));
    }

    [Fact]
    public void ToArrow_of_a_column_without_nulls_has_no_validity_bitmap()
    {
        var array = TextColumn.ToArrow(2, write => write(["a", "b"], 2));

        Assert.Equal(0, array.NullCount);
        Assert.True(array.Indices.Data.Buffers[0].IsEmpty);
    }

    [Fact]
    public void Dictionary_arrays_written_through_the_arrow_writer_read_back_as_the_same_text()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "t.parquet");
        var text = new Apache.Arrow.Types.DictionaryType(Apache.Arrow.Types.Int32Type.Default, Apache.Arrow.Types.StringType.Default, false);
        string?[] rows = ["x", null, "y", "x", "é"];
        using (var writer = Columnar.CreateArrowWriter(path, new Apache.Arrow.Schema([new Apache.Arrow.Field("v", text, nullable: true)], null), []))
        {
            writer.NewRowGroup();
            writer.WriteColumnChunk(TextColumn.ToArrow(rows.Length, write => write(rows, rows.Length)));
            writer.Close();
        }

        using (var reader = Columnar.OpenReader(path))
        {
            Assert.Equal(LogicalType.String(), reader.FileMetaData.Schema.Column(0).LogicalType);
        }
        var read = new List<string?>();
        Columnar.ReadBatches(path, ["v"], (count, arrays) =>
        {
            using var column = TextColumn.From(arrays[0]);
            read.AddRange(Enumerable.Range(0, count).Select(i => column[i]));
        });
        Assert.Equal(rows, read);
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("nbalake-text-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
