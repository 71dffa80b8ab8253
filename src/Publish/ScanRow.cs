namespace NbaLake.Publish;

/// <summary>A silver box-score row as gold reads it: only the columns gold needs.</summary>
public readonly record struct ScanRow(
    int GameId, DateOnly GameDate, int Season, string? SeasonType, long TeamId, string? TeamAbbreviation, long PlayerId, string? PlayerName,
    bool DidPlay, int? Pts, bool WonGame);
