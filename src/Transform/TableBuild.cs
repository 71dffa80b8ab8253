namespace NbaLake.Transform;

/// <summary>What building one silver table gave: its rows, the rejected rows and how many duplicates were dropped.</summary>
public sealed record TableBuild<T>(string Source, long BronzeRows, List<T> Rows, List<SilverReject> Rejects, long Duplicates);
