namespace NbaLake.Storage.Iceberg;

/// <summary>What Iceberg's snapshot of one NbaLake version says about it, from the commit log alone.</summary>
/// <param name="AddedFiles">Files this version's commit added (a restore's files included).</param>
/// <param name="DeletedFiles">Files of the version before that this one no longer holds, or holds as a new copy.</param>
public sealed record SnapshotFacts(int Version, long TimestampMs, string RunId, string Operation, int SchemaId, int LastColumnId,
    int AddedFiles, long AddedRows, int DeletedFiles, long DeletedRows, int TotalFiles, long TotalRows, long TotalSize);
