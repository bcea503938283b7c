using System.Security.Cryptography;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Data;

/// <summary>
/// A landed migration never changes: DbUp journals scripts by name, so a database that applied an earlier text of a
/// file silently differs from one built from the new text. <c>migrations/checksums.sha256</c> holds the SHA-256 of
/// every landed file (the <c>sha256sum</c> format); a change to the schema is a new file with a new line.
/// </summary>
public sealed class MigrationManifestTests
{
    private static readonly string Migrations = Path.Combine(RepositoryRoot.Path, "migrations");

    [Fact]
    public void Every_landed_migration_is_unchanged_and_still_there()
    {
        var wrong = Manifest()
            .Where(entry => !File.Exists(Path.Combine(Migrations, entry.File)) || Sha256(entry.File) != entry.Sha256)
            .Select(entry => File.Exists(Path.Combine(Migrations, entry.File))
                ? $"{entry.File} was edited after it landed; put the change in a new migration and restore this file."
                : $"{entry.File} was removed after it landed; restore it.")
            .ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_migration_is_in_the_manifest()
    {
        var listed = Manifest().Select(entry => entry.File).ToHashSet(StringComparer.Ordinal);

        var missing = Directory.GetFiles(Migrations, "*.sql").Select(Path.GetFileName).Where(file => !listed.Contains(file!)).Order().ToList();

        // The line to add: `sha256sum NNNN_name.sql >> checksums.sha256` in migrations/.
        Assert.Empty(missing);
    }

    private static List<(string Sha256, string File)> Manifest() =>
        [.. File.ReadAllLines(Path.Combine(Migrations, "checksums.sha256"))
            .Where(line => line.Length > 0)
            .Select(line => line.Split("  ", 2))
            .Select(parts => (parts[0], parts[1]))];

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Migrations, file))));
}
