namespace NbaLake.Transform;

/// <summary>The season types of the contract, read from the first digit of the 8-digit game id.</summary>
public static class SeasonTypes
{
    /// <summary>Every season type, by its digit (1 to 5).</summary>
    public static IReadOnlyList<string> All { get; } = ["Pre Season", "Regular Season", "All Star", "Playoffs", "Play-In"];

    /// <summary>The season type of a game id, or null when its first digit (zero-padded to 8) is not 1 to 5.</summary>
    public static string? Of(int gameId)
    {
        if (gameId is < 0 or > 99_999_999)
        {
            return null;
        }
        var digit = gameId / 10_000_000;
        return digit is >= 1 and <= 5 ? All[digit - 1] : null;
    }
}
