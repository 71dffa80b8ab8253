namespace NbaLake.Publish;

/// <summary>
/// What one silver season contributes to a gold table, as the shared per-season loop (<see cref="SeasonPartCache"/>)
/// handles it without knowing the table: the season's rows go in one by one, and the part is cached.
/// </summary>
public interface IGoldPart
{
    /// <summary>Takes the season's next row; rows come in (game_date, game_id, player_id) order.</summary>
    void Add(ScanRow row);

    /// <summary>Writes the part to its season's cache entry (the part type's static <c>Read</c> gives it back).</summary>
    void Write(BinaryWriter writer);
}

/// <summary>
/// The part contract of a gold table computed from silver season by season (Serilog's one-method sink, for gold):
/// what a season contributes (<see cref="IGoldPart.Add"/>), how it is cached (<see cref="IGoldPart.Write"/> and
/// <see cref="Read"/>), how two parts merge in date order (<see cref="Merge"/>) and the rows the merged part yields
/// (<see cref="Rows"/>). A table is its definition (<see cref="GoldTable.FromParts{TPart, TRow}"/>), its row type and
/// its part: publish finds the part through the definition, so its loop never names a table. Merged in date order the
/// seasons' parts must give exactly what one pass over all of silver gives: a window or a streak crosses seasons as the
/// games do.
/// </summary>
/// <typeparam name="TSelf">The part type itself.</typeparam>
/// <typeparam name="TRow">The table's row type.</typeparam>
public interface IGoldPart<TSelf, TRow> : IGoldPart
    where TSelf : class, IGoldPart<TSelf, TRow>
    where TRow : class, new()
{
    /// <summary>A part of no season yet: what a season's rows are added to, and what the seasons' parts merge into.</summary>
    /// <param name="options">The publish settings; a setting a part reads must declare it shapes the table's parts (<see cref="Storage.ShapesAttribute.Parts"/>).</param>
    static abstract TSelf Empty(PublishOptions options);

    /// <summary>A part as <see cref="IGoldPart.Write"/> wrote it.</summary>
    static abstract TSelf Read(BinaryReader reader, PublishOptions options);

    /// <summary>Takes the part of the next season, in date order: this part holds every season before <paramref name="later"/>.</summary>
    void Merge(TSelf later);

    /// <summary>The table's rows from the merged part, in key order (the file's bytes depend on it).</summary>
    List<TRow> Rows(LatestNames names);
}
