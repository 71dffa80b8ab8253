namespace NbaLake.Transform;

/// <summary>The contract's duplicate rule, shared by the silver tables.</summary>
internal static class Dedupe
{
    /// <summary>
    /// Keeps one row per key: the last in <paramref name="rows"/>, which arrive in lineage order (batch, file,
    /// line), so the latest batch wins, then the latest line. Returns the kept rows and how many were dropped.
    /// </summary>
    public static (List<T> Kept, long Dropped) LastWins<T, TKey>(IReadOnlyList<T> rows, Func<T, TKey> key)
        where TKey : notnull
    {
        var last = new Dictionary<TKey, int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            last[key(rows[i])] = i;
        }
        var kept = new List<T>(last.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (last[key(rows[i])] == i)
            {
                kept.Add(rows[i]);
            }
        }
        return (kept, rows.Count - kept.Count);
    }
}
