namespace NbaLake.Storage;

/// <summary>
/// What ends a command for a reason outside the data (the disk, the lake's files), and the fix a person can act on:
/// the sentences the commands print and the runs log, kept beside the store whose failures they describe.
/// </summary>
public static class LakeFailures
{
    /// <summary>The layers a table can be rebuilt from the layer below (<c>nbalake rebuild</c>), in order.</summary>
    public static readonly string[] RebuildableLayers = ["silver", "gold"];

    /// <summary>Whether a command can end on this exception with a message instead of a stack trace: the disk or the lake, not a bug.</summary>
    public static bool IsExpected(Exception e) => e is IOException or UnauthorizedAccessException or LakeFormatException;

    /// <summary>
    /// The damage that explains <paramref name="e"/>, or null: the exception's own, or, for a failure that is not the
    /// disk's (read-only, full, access denied), the current files hashed against the logs. A reader library's "not a
    /// Parquet file" or "corrupt footer" is then reported as the damaged table and version, with the fix.
    /// </summary>
    public static LakeDamagedException? DamageBehind(Exception e, TableStore store)
    {
        if (e.GetBaseException() is LakeDamagedException damaged)
        {
            return damaged;
        }
        if (IsDisk(e.GetBaseException()))
        {
            return null;
        }
        try
        {
            return store.DamagedTables(hashes: true) is { Count: > 0 } found ? new LakeDamagedException(found) : null;
        }
        catch (Exception other) when (IsExpected(other))
        {
            return null;
        }
    }

    private static bool IsDisk(Exception e) => e is UnauthorizedAccessException
        || e.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase);

    /// <summary>What a person can do about an infrastructure failure, in one sentence.</summary>
    public static string Fix(Exception e, LakeLayout layout)
    {
        var cause = e.GetBaseException();
        return cause switch
        {
            LakeHistoryLostException lost => lost.Fix,
            // An older version of a table whose current one is damaged too is repaired by the same fix: one sentence per table.
            LakeDamagedException damaged => string.Join(" ", damaged.Damage
                .Where(d => d.Current || !damaged.Damage.Any(c => c.Current && c.Table == d.Table)).Select(d => FixOf(d, layout)).Distinct()),
            LakeFormatException format => format.Fix,
            _ when cause.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) =>
                $"free space on the disk that holds {layout.Root}, then run again (the next run starts from the last committed versions)",
            _ when cause.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) =>
                $"the disk that holds {layout.Root} is read-only: remount it read-write, or set Lake:Root to a writable folder, then run again",
            UnauthorizedAccessException =>
                $"give the user running nbalake read and write access to {layout.Root} (and read access to {layout.Landing}), then run again",
            _ => $"fix the cause the message names and run again (a run's JSON log in {layout.Logs} has the stack trace)",
        };
    }

    /// <summary>What to do about one damaged table version (docs/operators.md, "The lake is damaged").</summary>
    public static string FixOf(TableDamage damage, LakeLayout layout)
    {
        var table = damage.Table;
        if (!damage.Current)
        {
            return $"{table} v{damage.Version} is an older version: readers do not see it, but it cannot be restored. It leaves the kept versions after Lake:KeepVersions more commits; to drop it now: rm -r '{layout.VersionFolder(table, damage.Version)}'.";
        }
        var restore = $"'nbalake restore {table} --version N' with a version 'nbalake history {table}' shows as restorable";
        return RebuildableLayers.Contains(table.Layer)
            ? $"For {table}: run 'nbalake rebuild {table.Layer}' (rebuilds {table.Layer}{(table.Layer == "silver" ? " and gold" : "")} from the layer below, and repairs the kept versions that share its files), or {restore}."
            : $"For {table}: {restore}; if none is, move the lake aside and run again with every file ever landed (the whole lake is rebuilt from landing).";
    }

    /// <summary>Why <paramref name="layer"/> cannot be rebuilt (<c>nbalake rebuild</c>), and what to do instead.</summary>
    public static string CannotRebuild(string? layer) => layer == "bronze"
        ? "bronze cannot be rebuilt: the layer below it, landing, need not hold every file ever landed, nor in the order they came. Restore an intact version of the damaged bronze table ('nbalake history bronze.<table>' lists them), or move the lake aside and run again with every file ever landed."
        : $"'{layer}' is not a layer that can be rebuilt: give silver (from bronze; gold follows) or gold (from silver).";

    /// <summary>Why a version whose files are not what the log says cannot be restored, and what to do instead.</summary>
    public static string CannotRestore(TableId table, int version, IReadOnlyList<string> damage) =>
        $"{table} v{version} cannot be restored, its files are not what the log says: {string.Join("; ", damage)}. " +
        $"Restore a version 'nbalake history {table}' shows as restorable" +
        (RebuildableLayers.Contains(table.Layer) ? $", or rebuild the layer: 'nbalake rebuild {table.Layer}'." : ".");
}
