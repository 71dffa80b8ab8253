using NbaLake.Ingest;
using NbaLake.Storage;
using NbaLake.Transform.Quality;

namespace NbaLake.Transform;

/// <summary>
/// Silver as a run would build it from new landed files alone, in memory (<c>nbalake validate</c>): the new games and
/// box scores typed with the configured formats and quality policies, box scores joined to the new games and to the
/// games silver already has. Its rejects are those a run would make of these rows; a run also dedupes against
/// everything bronze holds.
/// </summary>
public static class SilverPreview
{
    /// <summary>Builds the preview of <paramref name="files"/> (by source), whose rows carry the batch id <paramref name="batchId"/>.</summary>
    public static SilverBucket Build(TableStore store, IReadOnlyDictionary<SourceDefinition, IReadOnlyList<BronzeFile>> files, SourcesOptions options,
        IReadOnlyDictionary<string, QualityPolicy> policies, string batchId)
    {
        Action<Action<BronzeChunk>> Rows(SourceDefinition source) => onChunk =>
        {
            foreach (var file in files.GetValueOrDefault(source) ?? [])
            {
                onChunk(file.ToChunk(batchId));
            }
        };
        return SilverBucket.Build("preview", Rows(Sources.Games), Rows(Sources.GameDetails), options, new QualityGate(policies), KnownGames(store));
    }

    /// <summary>The games silver has now, by id: what a new box score may join to.</summary>
    private static Dictionary<int, GameRow> KnownGames(TableStore store)
    {
        var known = new Dictionary<int, GameRow>();
        if (store.State(Games.Table) is { } games)
        {
            foreach (var file in games.Files.Values)
            {
                foreach (var game in Columnar.Rows<GameRow>().Read(Path.Combine(store.Layout.VersionFolder(Games.Table, games.Version), file.Path)))
                {
                    known[game.GameId] = game;
                }
            }
        }
        return known;
    }
}
