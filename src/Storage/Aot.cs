namespace NbaLake.Storage;

/// <summary>Why the reflection the trimming and AOT analyzers point at is safe in the job compiled ahead of time.</summary>
public static class Aot
{
    /// <summary>The justification of each place that reads NbaLake's own types by reflection.</summary>
    public const string OwnTypes =
        "Reflection over NbaLake's own types (row types, settings, table definitions, stages): the native publish roots " +
        "NbaLake's assemblies whole (TrimmerRootAssembly in src/NbaLake/NbaLake.csproj), and NativeBuildTests runs it.";
}
