using System.Text.Json;
using System.Text.Json.Serialization;

namespace NbaLake.Activate.Catalog;

/// <summary>
/// The JSON contract of <c>catalog.json</c> (the whole catalog, or one table of it), generated at build time (see
/// <c>StorageJson</c>): indented, snake_case names, enums by name.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LakeCatalog))]
[JsonSerializable(typeof(CatalogTable))]
public sealed partial class CatalogJson : JsonSerializerContext;
