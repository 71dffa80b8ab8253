using System.Globalization;

namespace NbaLake.Ingest;

/// <summary>
/// The partition key of bronze and silver: a game's bucket, from the season digits of its id (<c>21900001</c> →
/// <c>g19</c>). Every row of one game, in games and in box scores, in any batch, lands in the same bucket, so a bucket
/// can be rebuilt from its own bronze files alone: the dedupe by key, the join to the game and the re-admission of
/// rows whose game came late all stay inside it. A bucket is about one season (preseason, regular season and
/// playoffs), so a new day of games touches one bucket.
/// </summary>
public static class GameBucket
{
    /// <summary>Rows whose game id is empty or not an integer: rejects all of them (bad_key), kept in one bucket.</summary>
    public const string Unkeyed = "gxx";

    /// <summary>The one partition of a source without games (teams).</summary>
    public const string All = "all";

    private static readonly string[] Names = [.. Enumerable.Range(0, 100).Select(i => "g" + i.ToString("D2", CultureInfo.InvariantCulture))];

    /// <summary>
    /// The bucket of a game id as landed. The id is read exactly as silver reads the key (trimmed, an optional
    /// sign, an int32), so the rows of every game silver can have share a bucket whatever their spelling.
    /// </summary>
    public static string Of(string? gameId) =>
        int.TryParse(gameId.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? Names[(int)(Math.Abs((long)id) / 100_000 % 100)]
            : Unkeyed;
}
