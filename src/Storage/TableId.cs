namespace NbaLake.Storage;

/// <summary>A table's address in the lake: its layer (bronze, silver, gold) and name.</summary>
public sealed record TableId(string Layer, string Name)
{
    public static TableId Bronze(string name) => new("bronze", name);

    public static TableId Silver(string name) => new("silver", name);

    public static TableId Gold(string name) => new("gold", name);

    public override string ToString() => $"{Layer}.{Name}";
}
