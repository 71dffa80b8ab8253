using System.Text.Json;

namespace NbaLake.Activate.Catalog;

/// <summary>Writes <c>lake/catalog.json</c> and <c>lake/CATALOG.md</c>, each replaced in one rename (a reader never sees half a file).</summary>
public static class CatalogWriter
{
    public const string JsonFile = "catalog.json", MarkdownFile = "CATALOG.md";

    public static void Write(LakeCatalog catalog, string lakeRoot)
    {
        AtomicFile.Replace(Path.Combine(lakeRoot, JsonFile), JsonSerializer.Serialize(catalog, CatalogJson.Default.LakeCatalog));
        AtomicFile.Replace(Path.Combine(lakeRoot, MarkdownFile), CatalogMarkdown.Render(catalog));
    }
}
