namespace NbaLake.Publish;

/// <summary>
/// The names gold shows: a player's <c>player_name</c> and a team's <c>team_abbreviation</c> on its latest game (by
/// game_date, then game_id; within one game the row of the highest player_id), kept while silver is read in order.
/// The part every gold table's rows read: a season's names merged into the names of the seasons before it give the
/// names over both.
/// </summary>
public sealed class LatestNames : IGoldPart
{
    /// <summary>Each player's name on his latest game.</summary>
    public Dictionary<long, string?> PlayerNames { get; } = [];

    /// <summary>Each team's abbreviation on its latest game.</summary>
    public Dictionary<long, string?> TeamAbbreviations { get; } = [];

    /// <inheritdoc/>
    public void Add(ScanRow row)
    {
        PlayerNames[row.PlayerId] = row.PlayerName;
        TeamAbbreviations[row.TeamId] = row.TeamAbbreviation;
    }

    /// <summary>Takes the names of a later season.</summary>
    public void Merge(LatestNames later)
    {
        foreach (var (player, name) in later.PlayerNames)
        {
            PlayerNames[player] = name;
        }
        foreach (var (team, abbreviation) in later.TeamAbbreviations)
        {
            TeamAbbreviations[team] = abbreviation;
        }
    }

    /// <inheritdoc/>
    public void Write(BinaryWriter writer)
    {
        foreach (var names in new[] { PlayerNames, TeamAbbreviations })
        {
            writer.Write(names.Count);
            foreach (var (id, name) in names)
            {
                writer.Write(id);
                writer.Write(name is not null);
                writer.Write(name ?? "");
            }
        }
    }

    /// <summary>Names as <see cref="Write"/> wrote them.</summary>
    public static LatestNames Read(BinaryReader reader)
    {
        var names = new LatestNames();
        foreach (var map in new[] { names.PlayerNames, names.TeamAbbreviations })
        {
            for (var n = reader.ReadInt32(); n > 0; n--)
            {
                var id = reader.ReadInt64();
                var present = reader.ReadBoolean();
                var name = reader.ReadString();
                map[id] = present ? name : null;
            }
        }
        return names;
    }
}
