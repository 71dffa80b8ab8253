using System.Text.Json.Serialization;

namespace NbaLake.Transform;

/// <summary>The JSON contract of a bucket's stats in silver's metadata, generated at build time (see <c>StorageJson</c>).</summary>
[JsonSerializable(typeof(BucketStats))]
internal sealed partial class TransformJson : JsonSerializerContext;
