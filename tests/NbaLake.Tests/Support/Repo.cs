namespace NbaLake.Tests.Support;

/// <summary>Paths of the repository and of the shared real data beside it.</summary>
public static class Repo
{
    /// <summary>The repository root: the folder above the test binaries that holds NbaLake.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The real data sets (<c>../shared/data/real</c> from the repo root), used from there, never copied.</summary>
    public static string RealData(string name)
    {
        var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "real", name));
        Assert.True(Directory.Exists(path), $"The real data set '{path}' is missing: the tests expect ../shared beside the repository.");
        return path;
    }

    /// <summary>A fixture folder copied next to the test binaries.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NbaLake.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("NbaLake.sln not found above " + AppContext.BaseDirectory);
    }
}
