using NbaLake.Storage;

namespace NbaLake.Publish;

/// <summary>
/// The silver files of one season, as gold reads them: files whose game dates overlap no other season's, read and
/// sorted together. Normally one season; files whose dates overlap across a season boundary make one group.
/// </summary>
public sealed class SilverSeason(string folder, IReadOnlyList<CommittedFile> files)
{
    /// <summary>The season's files in the current silver version.</summary>
    public IReadOnlyList<CommittedFile> Files { get; } = files;

    /// <summary>What the season holds, by content: the same files give the same key, whatever version they are in.</summary>
    public string Key { get; } = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join("\n", files.Select(f => f.Path + " " + f.Sha256).Order(StringComparer.Ordinal)))))[..24];

    /// <summary>The season's rows that <paramref name="keep"/> accepts, sorted by (game_date, game_id, player_id).</summary>
    public List<ScanRow> Read(Func<ScanRow, bool> keep)
    {
        var rows = new List<ScanRow>(checked((int)Files.Sum(f => f.Rows)));
        foreach (var file in Files)
        {
            SilverScan.Read(Path.Combine(folder, file.Path), keep, rows);
        }
        return InOrder(rows);
    }

    /// <summary>
    /// The rows in the order gold is handed silver in: (game_date, game_id, player_id). A row is a wide struct, so this
    /// sorts small keys and then moves each row once (sorting the rows themselves was a third of publish's time).
    /// </summary>
    public static List<ScanRow> InOrder(IReadOnlyList<ScanRow> rows)
    {
        var (keys, order) = (new OrderKey[rows.Count], new int[rows.Count]);
        for (var i = 0; i < keys.Length; i++)
        {
            (keys[i], order[i]) = (new OrderKey(rows[i]), i);
        }
        Array.Sort(keys, order);
        var sorted = new List<ScanRow>(rows.Count);
        foreach (var i in order)
        {
            sorted.Add(rows[i]);
        }
        return sorted;
    }

    /// <summary>(game_date, game_id) in one number (the id's sign bit flipped, so unsigned order is the ids' order), then player_id.</summary>
    private readonly struct OrderKey(ScanRow row) : IComparable<OrderKey>
    {
        private readonly long dateAndGame = ((long)row.GameDate.DayNumber << 32) | (uint)(row.GameId ^ int.MinValue);
        private readonly long player = row.PlayerId;

        public int CompareTo(OrderKey other)
        {
            var c = dateAndGame.CompareTo(other.dateAndGame);
            return c != 0 ? c : player.CompareTo(other.player);
        }
    }
}
