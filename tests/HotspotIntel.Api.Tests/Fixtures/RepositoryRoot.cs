namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>The checkout the tests run from: the folder above the test binaries that holds HotspotIntel.sln.</summary>
public static class RepositoryRoot
{
    public static readonly string Path = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "HotspotIntel.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No HotspotIntel.sln above {AppContext.BaseDirectory}.");
    }
}
