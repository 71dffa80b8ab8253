using NbaLake.Publish;

namespace NbaLake.Tests.Publish.NewTable;

/// <summary>
/// A season's part of <c>player_game_span</c>: each player's games played, points, first and last game date in the
/// season. Merged in date order, the first date is the earliest season's and the last date the latest's.
/// </summary>
public sealed class PlayerGameSpanPart : IGoldPart<PlayerGameSpanPart, PlayerGameSpanRow>
{
    private readonly Dictionary<long, Span> players = [];

    /// <inheritdoc/>
    public static PlayerGameSpanPart Empty(PublishOptions options) => new();

    /// <inheritdoc/>
    public void Add(ScanRow row)
    {
        if (!row.DidPlay)
        {
            return;
        }
        var span = players.TryGetValue(row.PlayerId, out var s) ? s : players[row.PlayerId] = new Span { First = row.GameDate };
        span.Games++;
        span.Points += row.Pts ?? 0;
        span.Last = row.GameDate;
    }

    /// <inheritdoc/>
    public void Merge(PlayerGameSpanPart later)
    {
        foreach (var (player, span) in later.players)
        {
            var merged = players.TryGetValue(player, out var s) ? s : players[player] = new Span { First = span.First };
            merged.Games += span.Games;
            merged.Points += span.Points;
            merged.Last = span.Last;
        }
    }

    /// <inheritdoc/>
    public List<PlayerGameSpanRow> Rows(LatestNames names) =>
    [
        .. players.OrderBy(p => p.Key).Select(p => new PlayerGameSpanRow
        {
            PlayerId = p.Key,
            PlayerName = names.PlayerNames[p.Key],
            GamesPlayed = p.Value.Games,
            Points = p.Value.Points,
            FirstGameDate = p.Value.First,
            LastGameDate = p.Value.Last,
        }),
    ];

    /// <inheritdoc/>
    public void Write(BinaryWriter writer)
    {
        writer.Write(players.Count);
        foreach (var (player, span) in players)
        {
            writer.Write(player);
            writer.Write(span.Games);
            writer.Write(span.Points);
            writer.Write(span.First.DayNumber);
            writer.Write(span.Last.DayNumber);
        }
    }

    /// <inheritdoc/>
    public static PlayerGameSpanPart Read(BinaryReader reader, PublishOptions options)
    {
        var part = new PlayerGameSpanPart();
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            part.players[reader.ReadInt64()] = new Span
            {
                Games = reader.ReadInt64(), Points = reader.ReadInt64(),
                First = DateOnly.FromDayNumber(reader.ReadInt32()), Last = DateOnly.FromDayNumber(reader.ReadInt32()),
            };
        }
        return part;
    }

    private sealed class Span
    {
        public long Games;
        public long Points;
        public DateOnly First;
        public DateOnly Last;
    }
}
