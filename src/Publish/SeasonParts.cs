namespace NbaLake.Publish;

/// <summary>
/// What one silver season contributes to gold: its latest names and its part of each gold table computed season by
/// season, in the order of the tables <see cref="SeasonPartCache"/> was made for.
/// </summary>
public sealed class SeasonParts
{
    internal SeasonParts(LatestNames names, IReadOnlyList<IGoldPart?> parts) => (Names, Parts) = (names, parts);

    /// <summary>The names on the season's latest games.</summary>
    public LatestNames Names { get; }

    /// <summary>Each table's part of the season (null for a part that was not asked for).</summary>
    public IReadOnlyList<IGoldPart?> Parts { get; }

    /// <summary>
    /// A season's names and its part of each of <paramref name="tables"/> that publish computes season by season, from
    /// the season's rows in (game_date, game_id, player_id) order.
    /// </summary>
    public static SeasonParts Build(IReadOnlyList<ScanRow> rows, IEnumerable<Storage.TableDefinition> tables, PublishOptions options) =>
        Build(rows, [.. tables.Where(t => t.Build == typeof(PublishStage)).Select(GoldComputation.Of).Where(t => t.PartType is not null)], options);

    internal static SeasonParts Build(IReadOnlyList<ScanRow> rows, IReadOnlyList<GoldComputation> tables, PublishOptions options)
    {
        var names = new LatestNames();
        var parts = tables.Select(t => t.Empty(options)).ToArray();
        foreach (var part in parts.Prepend<IGoldPart>(names))
        {
            foreach (var row in rows)
            {
                part.Add(row);
            }
        }
        return new SeasonParts(names, parts);
    }

    /// <summary>The season's part of the one table computed by <typeparamref name="TPart"/>.</summary>
    public TPart Part<TPart>()
        where TPart : class, IGoldPart =>
        Parts.OfType<TPart>().Single();
}
