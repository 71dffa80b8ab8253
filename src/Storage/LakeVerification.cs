namespace NbaLake.Storage;

/// <summary>
/// <c>nbalake verify</c>'s look at one table: every file of every kept version (and the current one) hashed against
/// its size and SHA-256 in the commit log, the current version's link checked too.
/// </summary>
/// <param name="Kept">The versions looked at, newest first.</param>
/// <param name="Files">Files of those versions (a file shared by versions counted in each).</param>
/// <param name="Damaged">The versions whose files are not what the log says.</param>
public sealed record LakeVerification(TableId Table, int Current, IReadOnlyList<int> Kept, int Files, IReadOnlyList<TableDamage> Damaged)
{
    /// <summary>Verifies each table of the store in turn (every byte is read; a file shared by versions is hashed once).</summary>
    public static IEnumerable<LakeVerification> Of(TableStore store, CancellationToken ct)
    {
        foreach (var table in store.Tables())
        {
            ct.ThrowIfCancellationRequested();
            var current = store.Current(table)!.Version;
            var kept = store.History(table).Select(c => c.Version).Where(v => store.IsKept(table, v) || v == current).Reverse().ToList();
            var damaged = kept.Select(v => new TableDamage(table, v, v == current, [.. v == current ? store.LinkProblems(table, v) : [], .. store.Damage(table, v)]))
                .Where(d => d.Problems.Count > 0).ToList();
            yield return new LakeVerification(table, current, kept, kept.Sum(v => store.StateAt(table, v)!.Files.Count), damaged);
        }
    }
}
