using System.Text.Json.Serialization;

namespace NbaLake.Storage;

/// <summary>
/// The JSON contracts of the commit log and the lake manifest, generated at build time: the published job compiles
/// them ahead of time with the rest of the code, where contracts built by reflection are compiled at every start.
/// </summary>
[JsonSerializable(typeof(CommitEntry))]
[JsonSerializable(typeof(TableCheckpoint))]
[JsonSerializable(typeof(LakeManifest.Content))]
internal sealed partial class StorageJson : JsonSerializerContext;
