using System.Text.Json.Serialization;

namespace NbaLake.Publish;

/// <summary>The JSON contract of the report's view, generated at build time (see <c>StorageJson</c>).</summary>
[JsonSerializable(typeof(ReportView))]
internal sealed partial class PublishJson : JsonSerializerContext;
