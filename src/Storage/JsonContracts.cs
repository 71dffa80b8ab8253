using System.Text.Json;

namespace NbaLake.Storage;

/// <summary>Builds System.Text.Json's contracts and code paths of some types ahead of their first use (see <see cref="TableStore.Warm"/>).</summary>
public static class JsonContracts
{
    /// <summary>
    /// Freezes <paramref name="options"/> with its resolver (what its first use does), then reads an empty
    /// object as each type and writes it back: the contract is built and the reading and writing code compiled.
    /// </summary>
    public static void Warm(JsonSerializerOptions options, params Type[] types)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        foreach (var type in types)
        {
            JsonSerializer.Serialize(JsonSerializer.Deserialize("{}", type, options), type, options);
        }
    }
}
