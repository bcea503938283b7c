using HotspotIntel.Analysis;
using HotspotIntel.Api.Tests.Fixtures;
using Npgsql;

namespace HotspotIntel.Api.Tests.HotspotRuns;

/// <summary>
/// The in-memory DBSCAN against the PostGIS it claims to match: the same random points through
/// <c>ST_ClusterDBSCAN</c>, windowed in input order, give the same clusters and the same noise. Cluster numbers
/// differ by design (PostGIS numbers by its union-find roots), so the memberships are compared.
/// </summary>
public sealed class DbscanAgreementTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData(11, 400, 10.0, 4)]
    [InlineData(12, 600, 12.0, 6)]
    [InlineData(13, 300, 25.0, 3)]
    [InlineData(14, 3000, 10.0, 5)]
    public async Task Random_points_get_the_same_clusters_and_noise_as_ST_ClusterDBSCAN(int seed, int count, double eps, int minPoints)
    {
        var random = new Random(seed);
        // Clumps round a few centres and a scatter between them, so there are cores, borders and noise (and, with 3,000
        // points, clumps with several points in most of the cells DBSCAN groups them by).
        var centres = Enumerable.Range(0, 5).Select(_ => (X: random.NextDouble() * 300, Y: random.NextDouble() * 300)).ToList();
        var points = Enumerable.Range(0, count).Select(i =>
        {
            if (i % 3 == 0)
            {
                return new PlanarPoint(random.NextDouble() * 300, random.NextDouble() * 300);
            }

            var (x, y) = centres[random.Next(centres.Count)];
            return new PlanarPoint(x + (random.NextDouble() - 0.5) * 60, y + (random.NextDouble() - 0.5) * 60);
        }).ToList();

        var ours = Dbscan.Cluster(points, eps, minPoints);
        var postgis = await ClusterInPostgisAsync(points, eps, minPoints);

        Assert.Equal(Memberships(postgis), Memberships(ours));
        Assert.Contains(ours, cluster => cluster is null);
        Assert.True(ours.Where(cluster => cluster is not null).Distinct().Count() > 1);
    }

    /// <summary>Each point's cluster as the index of the first point in it (or -1 for noise): equal when the partitions are.</summary>
    private static int[] Memberships(IReadOnlyList<int?> clusters)
    {
        var first = new Dictionary<int, int>();
        return [.. clusters.Select((cluster, i) => cluster is { } c ? first.TryAdd(c, i) ? i : first[c] : -1)];
    }

    private async Task<IReadOnlyList<int?>> ClusterInPostgisAsync(IReadOnlyList<PlanarPoint> points, double eps, int minPoints)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT ST_ClusterDBSCAN(ST_MakePoint(x, y), $3, $4) OVER (ORDER BY ordinal)
            FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p (x, y, ordinal)
            ORDER BY ordinal
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = points.Select(p => p.X).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = points.Select(p => p.Y).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = eps });
        command.Parameters.Add(new NpgsqlParameter { Value = minPoints });
        var clusters = new List<int?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            clusters.Add(reader.IsDBNull(0) ? null : reader.GetInt32(0));
        }

        return clusters;
    }
}
