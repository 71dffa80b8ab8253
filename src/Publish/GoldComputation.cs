using NbaLake.Storage;

namespace NbaLake.Publish;

/// <summary>
/// How publish computes one of its tables, made from the type the table's definition names as its part: the shared
/// loop calls these without knowing the table or its row type.
/// </summary>
internal abstract class GoldComputation
{
    private GoldComputation(TableDefinition definition) => Definition = definition;

    /// <summary>The table's definition.</summary>
    public TableDefinition Definition { get; }

    /// <summary>The part type of a table computed season by season; null for one read from other gold tables.</summary>
    public abstract Type? PartType { get; }

    /// <summary>A part of no season yet.</summary>
    public abstract IGoldPart Empty(PublishOptions options);

    /// <summary>A cached part.</summary>
    public abstract IGoldPart Read(BinaryReader reader, PublishOptions options);

    /// <summary>Merges the next season's part into the seasons' so far.</summary>
    public abstract void Merge(IGoldPart into, IGoldPart later);

    /// <summary>The table's rows, from its merged part or from <paramref name="gold"/>: kept in <paramref name="gold"/> for the tables after it, and returned as its file.</summary>
    public abstract TableFile Rows(IGoldPart? merged, LatestNames names, GoldRows gold);

    /// <summary>The computation of a table whose definition names publish as its build step.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = Aot.OwnTypes)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2076", Justification = Aot.OwnTypes)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = Aot.OwnTypes)]
    public static GoldComputation Of(TableDefinition definition)
    {
        var part = definition.Part ?? throw new InvalidOperationException(
            $"{definition.Table} is built by publish but names no part: define it with {nameof(GoldTable)}.{nameof(GoldTable.FromParts)} or {nameof(GoldTable.FromTables)}.");
        var byParts = part.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IGoldPart<,>));
        var type = (byParts ? typeof(FromParts<,>) : typeof(FromTables<,>)).MakeGenericType(part, definition.RowType!);
        return (GoldComputation)Activator.CreateInstance(type, definition)!;
    }

    private sealed class FromParts<TPart, TRow>(TableDefinition definition) : GoldComputation(definition)
        where TPart : class, IGoldPart<TPart, TRow>
        where TRow : class, new()
    {
        public override Type PartType => typeof(TPart);

        public override IGoldPart Empty(PublishOptions options) => TPart.Empty(options);

        public override IGoldPart Read(BinaryReader reader, PublishOptions options) => TPart.Read(reader, options);

        public override void Merge(IGoldPart into, IGoldPart later) => ((TPart)into).Merge((TPart)later);

        public override TableFile Rows(IGoldPart? merged, LatestNames names, GoldRows gold) =>
            File(((TPart)merged!).Rows(names), Definition.Table, gold);
    }

    private sealed class FromTables<TSummary, TRow>(TableDefinition definition) : GoldComputation(definition)
        where TSummary : IGoldSummary<TRow>
        where TRow : class, new()
    {
        public override Type? PartType => null;

        public override IGoldPart Empty(PublishOptions options) => throw new NotSupportedException();

        public override IGoldPart Read(BinaryReader reader, PublishOptions options) => throw new NotSupportedException();

        public override void Merge(IGoldPart into, IGoldPart later) => throw new NotSupportedException();

        public override TableFile Rows(IGoldPart? merged, LatestNames names, GoldRows gold) => File(TSummary.Rows(gold), Definition.Table, gold);
    }

    private static TableFile File<TRow>(List<TRow> rows, TableId table, GoldRows gold)
        where TRow : class, new()
    {
        gold.Add(table, rows);
        return ParquetRows.File("part-00000.parquet", rows);
    }
}
