using System.Globalization;

namespace NbaLake.Ingest;

/// <summary>
/// The partition key of bronze and silver: a game's bucket, from its id (type digit, two season digits, five-digit
/// game number): the season digits and the block of <see cref="BlockGames"/> game numbers, <c>21900001</c> →
/// <c>g1900</c>. Every row of one game, in games and in box scores, in any batch, lands in the same bucket, so a bucket
/// can be rebuilt from its own bronze files alone: the dedupe by key, the join to the game and the re-admission of
/// rows whose game came late all stay inside it. A season of the real NBA (about 1,300 games) is one bucket; a league
/// ten times as wide is four, so the memory a bucket needs stays bounded and a new day of games (consecutive numbers)
/// touches one bucket. The function is fixed for the life of a lake: bronze files are partitioned by it.
/// </summary>
public static class GameBucket
{
    /// <summary>Rows whose game id is empty or not an integer: rejects all of them (bad_key), kept in one bucket.</summary>
    public const string Unkeyed = "gxx";

    /// <summary>The one partition of a source without games (teams).</summary>
    public const string All = "all";

    /// <summary>Game numbers per bucket within a season.</summary>
    public const int BlockGames = 4096;

    private static readonly string[] Names = [.. Enumerable.Range(0, 100 * 25)
        .Select(i => "g" + (i / 25).ToString("D2", CultureInfo.InvariantCulture) + (i % 25).ToString("D2", CultureInfo.InvariantCulture))];

    /// <summary>
    /// The bucket of a game id as landed. The id is read exactly as silver reads the key (trimmed, an optional
    /// sign, an int32), so the rows of every game silver can have share a bucket whatever their spelling.
    /// </summary>
    public static string Of(string? gameId) =>
        TryId(gameId, out var id) ? Names[(int)(Math.Abs((long)id) / 100_000 % 100 * 25 + Math.Abs((long)id) % 100_000 / BlockGames)] : Unkeyed;

    /// <summary>A landed game id as silver reads the key: trimmed, an optional sign, an int32.</summary>
    public static bool TryId(string? gameId, out int id) =>
        int.TryParse(gameId.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id);
}
