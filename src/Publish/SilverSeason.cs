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
        var rows = new List<ScanRow>();
        foreach (var file in Files)
        {
            SilverScan.Read(Path.Combine(folder, file.Path), keep, rows);
        }
        rows.Sort(InOrder);
        return rows;
    }

    /// <summary>The order gold is handed silver in: (game_date, game_id, player_id).</summary>
    public static int InOrder(ScanRow a, ScanRow b)
    {
        var c = a.GameDate.CompareTo(b.GameDate);
        if (c == 0)
        {
            c = a.GameId.CompareTo(b.GameId);
        }
        return c != 0 ? c : a.PlayerId.CompareTo(b.PlayerId);
    }
}
