using System.Text.Json;
using System.Text.Json.Serialization;

namespace NbaLake.Activate.Catalog;

/// <summary>Writes <c>lake/catalog.json</c> and <c>lake/CATALOG.md</c>, each replaced in one rename (a reader never sees half a file).</summary>
public static class CatalogWriter
{
    public const string JsonFile = "catalog.json", MarkdownFile = "CATALOG.md";

    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task WriteAsync(LakeCatalog catalog, string lakeRoot, CancellationToken ct = default)
    {
        await ReplaceAsync(Path.Combine(lakeRoot, JsonFile), JsonSerializer.Serialize(catalog, Json), ct);
        await ReplaceAsync(Path.Combine(lakeRoot, MarkdownFile), CatalogMarkdown.Render(catalog), ct);
    }

    /// <summary>Writes a whole text file under a temporary name, then renames it over the old one.</summary>
    public static async Task ReplaceAsync(string path, string text, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, text, ct);
        File.Move(temp, path, overwrite: true);
    }
}
