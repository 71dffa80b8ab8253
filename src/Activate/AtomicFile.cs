using System.Text;

namespace NbaLake.Activate;

/// <summary>Replaces a whole text file in one rename: a reader sees the old file or the new one, never half of one.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 beside the file, then renames it over the file.</summary>
    public static void Replace(string path, string text) => Replace(path, writer => writer.Write(text));

    /// <summary>Writes the builder's chunks as UTF-8 beside the file (never one string of it all), then renames it over the file.</summary>
    public static void Replace(string path, StringBuilder text) => Replace(path, writer =>
    {
        foreach (var chunk in text.GetChunks())
        {
            writer.Write(chunk.Span);
        }
    });

    private static void Replace(string path, Action<StreamWriter> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16))
        {
            write(writer);
        }
        File.Move(temp, path, overwrite: true);
    }
}
