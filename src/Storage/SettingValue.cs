namespace NbaLake.Storage;

/// <summary>
/// One setting as a build step reads it: its key (<c>Publish:StretchGames</c>), its value as invariant text, and the
/// tables whose rows (<paramref name="Shapes"/>) and cached parts (<paramref name="Parts"/>) it changes, as its
/// <see cref="ShapesAttribute"/> declares them. Names are tables (<c>gold.answers</c>) or layers (<c>gold</c>).
/// </summary>
public sealed record SettingValue(string Key, string Value, IReadOnlyList<string> Shapes, IReadOnlyList<string> Parts)
{
    /// <summary>Whether the setting changes the rows of <paramref name="table"/>.</summary>
    public bool ShapesRowsOf(TableId table) => Names(Shapes, table);

    /// <summary>Whether the setting changes the cached parts of <paramref name="table"/>.</summary>
    public bool ShapesPartsOf(TableId table) => Names(Parts, table);

    /// <summary>The setting as a fingerprint holds it: <c>key=value</c>.</summary>
    public override string ToString() => $"{Key}={Value}";

    private static bool Names(IReadOnlyList<string> names, TableId table) =>
        names.Any(n => string.Equals(n, table.Layer, StringComparison.Ordinal) || string.Equals(n, table.ToString(), StringComparison.Ordinal));
}
