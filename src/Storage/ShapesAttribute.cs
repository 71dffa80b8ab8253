namespace NbaLake.Storage;

/// <summary>
/// Declares, on a setting (an options property), the tables it shapes: the runner records the setting in the inputs
/// of those tables only, so a change rebuilds them and leaves every other table's version alone. A name is a table
/// (<c>gold.team_best_stretch</c>) or a whole layer (<c>gold</c>); a table its step builds from a shaped table is shaped
/// too (answers reads the other gold tables). A setting without it shapes no table: it changes how landed files are
/// found or read from now on, never what a built table holds. <see cref="DeclaredSettings"/> reads it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ShapesAttribute(params string[] tables) : Attribute
{
    /// <summary>The tables (or layers) whose rows the setting changes.</summary>
    public IReadOnlyList<string> Tables { get; } = tables;

    /// <summary>
    /// The tables (or layers) whose cached parts the setting changes (gold's per-season parts): a change makes their
    /// cache entries misses. Unset, the same as <see cref="Tables"/>; empty for a setting applied only when the parts are
    /// merged (the stretch length), which leaves the cache alone.
    /// </summary>
#pragma warning disable CA1819 // an attribute's named argument must be an array
    public string[]? Parts { get; set; }
#pragma warning restore CA1819
}
