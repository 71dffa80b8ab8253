namespace NbaLake.Activate;

/// <summary>Replaces a whole text file in one rename: a reader sees the old file or the new one, never half of one.</summary>
public static class AtomicFile
{
    public static async Task ReplaceAsync(string path, string text, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, text, ct);
        File.Move(temp, path, overwrite: true);
    }
}
