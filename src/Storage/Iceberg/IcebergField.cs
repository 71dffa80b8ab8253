namespace NbaLake.Storage.Iceberg;

/// <summary>A column of an Iceberg schema: its field id, name, Iceberg type and whether it is required (never null).</summary>
public sealed record IcebergField(int Id, string Name, string Type, bool Required)
{
    /// <summary>
    /// The Iceberg type of a column as the commit log records it ("name: Type", <see cref="Columnar.SchemaText"/>): the
    /// CLR type of its values. Timestamps are UTC instants in every table (Parquet <c>isAdjustedToUTC</c>), so <c>timestamptz</c>.
    /// </summary>
    public static string TypeOf(string clrType) => clrType switch
    {
        "Int32" or "Int16" or "Byte" or "SByte" => "int",
        "Int64" => "long",
        "String" or "ReadOnlyMemory`1" => "string",
        "Boolean" => "boolean",
        "DateOnly" => "date",
        "Double" => "double",
        "Single" => "float",
        "DateTime" or "DateTimeOffset" => "timestamptz",
        _ => throw new NotSupportedException($"A column of type {clrType} has no Iceberg type here: add it to IcebergField.TypeOf."),
    };

    /// <summary>Whether a column of type <paramref name="from"/> may be read as <paramref name="to"/> (Iceberg's promotions we can meet).</summary>
    public static bool Promotes(string from, string to) => from == to || (from, to) is ("int", "long") or ("float", "double");
}
