using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace NbaLake.Storage;

/// <summary>
/// Reading and writing JSON through contracts generated at build time (each project's <c>JsonSerializerContext</c>),
/// never by reflection: the job compiled ahead of time has no reflection-built contracts (docs/decisions.md).
/// </summary>
public static class JsonContracts
{
    /// <summary>The contract of <typeparamref name="T"/> in <paramref name="options"/> (whose resolver is a generated context).</summary>
    public static JsonTypeInfo<T> Info<T>(this JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    /// <summary>
    /// Reads an empty object as each type and writes it back, so that the contract is built and the reading and writing
    /// code run once before their first real use (see <see cref="TableStore.Warm"/>).
    /// </summary>
    public static void Warm(JsonSerializerOptions options, params Type[] types)
    {
        foreach (var type in types)
        {
            var info = options.GetTypeInfo(type);
            JsonSerializer.Serialize(JsonSerializer.Deserialize("{}", info), info);
        }
    }
}
