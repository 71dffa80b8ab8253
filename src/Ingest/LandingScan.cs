using System.IO.Enumeration;

namespace NbaLake.Ingest;

/// <summary>A landed file and the source it was matched to.</summary>
public sealed record LandedFile(string Path, SourceDefinition Source);

/// <summary>Matches the files of the landing folder to sources by their globs.</summary>
public static class LandingScan
{
    /// <summary>
    /// The landing folder's files (top level only) that match a source glob, in ordinal name order. A name that matches
    /// several globs goes to the longest one, so <c>games_details.csv</c> is game_details, not games.
    /// </summary>
    public static IReadOnlyList<LandedFile> Scan(string landing, SourcesOptions options)
    {
        if (!Directory.Exists(landing))
        {
            throw new DirectoryNotFoundException($"The landing folder '{landing}' does not exist: create it or set Lake:Landing (or --landing) to the folder upstream drops files in.");
        }
        var files = new List<LandedFile>();
        foreach (var path in Directory.EnumerateFiles(landing).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var source = Sources.All
                .Select(s => (Source: s, Glob: options.For(s).Glob))
                .Where(s => FileSystemName.MatchesSimpleExpression(s.Glob, name, ignoreCase: true))
                .OrderByDescending(s => s.Glob.Length)
                .Select(s => s.Source)
                .FirstOrDefault();
            if (source is not null)
            {
                files.Add(new LandedFile(path, source));
            }
        }
        return files;
    }
}
