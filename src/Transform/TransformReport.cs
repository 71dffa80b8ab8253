namespace NbaLake.Transform;

/// <summary>The accounting of one silver table in a transform run.</summary>
public sealed record TableAccounting(string Table, string Source, long BronzeRows, long SilverRows, long Duplicates, IReadOnlyDictionary<string, int> RejectsByReason)
{
    public long Rejects => RejectsByReason.Values.Sum();

    /// <summary>bronze rows = silver rows + duplicates dropped + rejects.</summary>
    public bool Balances => BronzeRows == SilverRows + Duplicates + Rejects;
}

/// <summary>The rows of a silver fct_game_details version, kept in memory for the stage after (no re-read).</summary>
public sealed record SilverSnapshot(int Version, IReadOnlyList<GameDetailRow> Rows);

/// <summary>What a transform run did, per silver table; no tables when silver was already up to date with bronze.</summary>
public sealed record TransformReport(IReadOnlyList<TableAccounting> Tables, IReadOnlyList<Quality.QualityResultRow> Quality, SilverSnapshot? Silver);
