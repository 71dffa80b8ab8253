using System.Text.Json.Serialization;
using NbaLake.Publish;

namespace NbaLake;

/// <summary>The JSON the command line prints (the answers), its contract generated at build time (see <c>StorageJson</c>).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<AnswerRow>))]
internal sealed partial class CliJson : JsonSerializerContext;
