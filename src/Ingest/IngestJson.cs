using System.Text.Json.Serialization;

namespace NbaLake.Ingest;

/// <summary>The JSON contracts of the landing index and of bronze's landed-file metadata, generated at build time (see <c>StorageJson</c>).</summary>
[JsonSerializable(typeof(Dictionary<string, LandingIndex.Entry>))]
[JsonSerializable(typeof(List<LandedVersion>))]
[JsonSerializable(typeof(IReadOnlyList<LandedVersion>))]
internal sealed partial class IngestJson : JsonSerializerContext;
