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
        Sort(rows);
        return rows;
    }

    /// <summary>
    /// Sorts rows in place into the order gold is handed silver in: (game_date, game_id, player_id). A row is a wide
    /// struct, so small keys are sorted with the rows' indices, and then each row is moved once, cycle by cycle, within
    /// the list (sorting the rows themselves was a third of publish's time; a sorted copy doubled a season's memory).
    /// </summary>
    public static void Sort(List<ScanRow> rows)
    {
        var (keys, order) = (new OrderKey[rows.Count], new int[rows.Count]);
        for (var i = 0; i < keys.Length; i++)
        {
            (keys[i], order[i]) = (new OrderKey(rows[i]), i);
        }
        Array.Sort(keys, order);
        // Position i takes the row at order[i]; a position done is marked -1.
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        for (var start = 0; start < order.Length; start++)
        {
            if (order[start] < 0 || order[start] == start)
            {
                continue;
            }
            var first = span[start];
            var at = start;
            while (order[at] != start)
            {
                var from = order[at];
                span[at] = span[from];
                order[at] = -1;
                at = from;
            }
            span[at] = first;
            order[at] = -1;
        }
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
