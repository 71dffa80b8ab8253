namespace NbaLake.Storage;

/// <summary>
/// A count in a Serilog message template with its noun in the right number ("1 file", "3 files"): a template has no
/// plural, so the text around the hole is chosen by the count, and the count stays a named property of the event.
/// </summary>
public static class Counted
{
    /// <summary>The template text of <paramref name="count"/> <paramref name="noun"/>(s), the count in the hole <paramref name="hole"/> ("Rows:N0" for thousands separators).</summary>
    public static string Hole(string hole, long count, string noun) => $"{{{hole}}} {noun}{(count == 1 ? "" : "s")}";
}
