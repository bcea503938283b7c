namespace HotspotIntel.Analysis.Tests;

public sealed class DbscanTests
{
    [Fact]
    public void Two_dense_groups_become_two_clusters_and_a_stray_point_is_noise()
    {
        PlanarPoint[] points =
        [
            new(0, 0), new(1, 0), new(0, 1), new(1, 1),
            new(50, 50),
            new(10, 10), new(11, 10), new(10, 11),
        ];

        var clusters = Dbscan.Cluster(points, epsMeters: 1.5, minPoints: 3);

        Assert.Equal([0, 0, 0, 0, null, 1, 1, 1], clusters);
    }

    [Fact]
    public void Min_points_counts_the_point_itself()
    {
        PlanarPoint[] pair = [new(0, 0), new(1, 0)];

        Assert.Equal([0, 0], Dbscan.Cluster(pair, epsMeters: 1, minPoints: 2));
        Assert.Equal([null, null], Dbscan.Cluster(pair, epsMeters: 1, minPoints: 3));
    }

    [Fact]
    public void A_point_exactly_eps_away_is_within_reach()
    {
        // As ST_ClusterDBSCAN(geom, 1, 2): POINT(0 0) and POINT(1 0) share cluster 0 in PostGIS 3.3.2.
        Assert.Equal([0, 0], Dbscan.Cluster([new(0, 0), new(1, 0)], epsMeters: 1, minPoints: 2));
        Assert.Equal([null, null], Dbscan.Cluster([new(0, 0), new(1.000001, 0)], epsMeters: 1, minPoints: 2));
    }

    [Fact]
    public void A_border_point_joins_a_cluster_without_extending_it()
    {
        // (3,0) has only (2,0) within reach: a border point of the cluster, not a core, so (4.5,0) beyond it stays noise.
        PlanarPoint[] points = [new(0, 0), new(1, 0), new(2, 0), new(3, 0), new(4.5, 0)];

        var clusters = Dbscan.Cluster(points, epsMeters: 1, minPoints: 3);

        Assert.Equal([0, 0, 0, 0, null], clusters);
    }

    // A border point at x = −1 within eps of core (−2, 0) of cluster A and core (0, 0) of cluster B.
    // PostGIS 3.3.2, ST_ClusterDBSCAN(geom, 1, 4) OVER (ORDER BY input order), was run on both orders below.
    private static readonly PlanarPoint Border = new(-1, 0);
    private static readonly PlanarPoint[] ClusterA = [new(-3, 0), new(-2.7, 0), new(-2.4, 0)];
    private static readonly PlanarPoint CoreA = new(-2, 0);
    private static readonly PlanarPoint[] ClusterB = [new(0, 0), new(0.4, 0), new(0.7, 0), new(1, 0)];

    [Fact]
    public void A_border_point_reachable_from_two_clusters_joins_the_one_whose_core_comes_first_in_input_order()
    {
        // Order: border, A without (−2,0), B, (−2,0) last: B's core (0,0) precedes A's core (−2,0); PostGIS put the border in B.
        var points = ClusterA.Prepend(Border).Concat(ClusterB).Append(CoreA).ToList();

        var clusters = Dbscan.Cluster(points, epsMeters: 1, minPoints: 4);

        Assert.Equal(clusters[points.IndexOf(new PlanarPoint(0, 0))], clusters[0]);
        Assert.NotEqual(clusters[points.IndexOf(CoreA)], clusters[0]);
    }

    [Fact]
    public void The_same_border_point_joins_the_other_cluster_when_that_cluster_s_core_comes_first()
    {
        // Order: border, A including (−2,0), then B; PostGIS put the border in A.
        var points = ClusterA.Append(CoreA).Prepend(Border).Concat(ClusterB).ToList();

        var clusters = Dbscan.Cluster(points, epsMeters: 1, minPoints: 4);

        Assert.Equal(clusters[points.IndexOf(CoreA)], clusters[0]);
        Assert.NotEqual(clusters[points.IndexOf(new PlanarPoint(0, 0))], clusters[0]);
    }

    [Fact]
    public void Clusters_are_numbered_by_their_first_core_point_in_input_order()
    {
        PlanarPoint[] points = [new(100, 100), new(0, 0), new(100.5, 100), new(0.5, 0)];

        Assert.Equal([0, 1, 0, 1], Dbscan.Cluster(points, epsMeters: 1, minPoints: 2));
    }

    [Fact]
    public void Points_less_than_two_eps_apart_but_more_than_eps_are_not_neighbours()
    {
        // (0.89, 0.89) is 1.26 from the other two: three points, but none has two others within reach.
        PlanarPoint[] points = [new(0, 0), new(0.02, 0), new(0.89, 0.89)];

        Assert.Equal([null, null, null], Dbscan.Cluster(points, epsMeters: 1, minPoints: 3));
        Assert.Equal([0, 0, null], Dbscan.Cluster(points, epsMeters: 1, minPoints: 2));
    }

    [Theory]
    [InlineData(1, 6_000, 600.0, 80.0, 10.0, 5)]   // dense clumps: several points in most of their cells
    [InlineData(2, 1_500, 300.0, 60.0, 5.0, 4)]    // sparser: cores, borders and noise
    [InlineData(3, 4_000, 200.0, 40.0, 4.0, 12)]   // many points needed: clumps that join only in places
    public void Random_points_get_the_clusters_of_DBSCAN_point_by_point(int seed, int count, double side, double clumpWidth, double eps, int minPoints)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, 6).Select(_ => new PlanarPoint(random.NextDouble() * side, random.NextDouble() * side)).ToList();
        // A scatter, and clumps round the centres, one clump point in two on a lattice of eps / 2 so that many lie
        // exactly eps apart and on the edges of the grid's cells.
        var points = Enumerable.Range(0, count).Select(i =>
        {
            if (i % 3 == 0)
            {
                return new PlanarPoint(random.NextDouble() * side, random.NextDouble() * side);
            }

            var centre = centres[random.Next(centres.Count)];
            var (x, y) = (centre.X + ((random.NextDouble() - 0.5) * clumpWidth), centre.Y + ((random.NextDouble() - 0.5) * clumpWidth));
            return i % 3 == 1 ? new PlanarPoint(x, y) : new PlanarPoint(Math.Round(x / (eps / 2)) * eps / 2, Math.Round(y / (eps / 2)) * eps / 2);
        }).ToList();

        var expected = PointByPoint(points, eps, minPoints);

        Assert.Equal(expected, Dbscan.Cluster(points, eps, minPoints));
        Assert.Contains(null, expected);
        Assert.True(expected.Distinct().Count() > 3);
    }

    /// <summary>DBSCAN as written down: every pair measured, clusters grown from each unvisited core point in input order.</summary>
    private static int?[] PointByPoint(IReadOnlyList<PlanarPoint> points, double eps, int minPoints)
    {
        var neighbours = points.Select((p, i) => Enumerable.Range(0, points.Count).Where(j => j != i && p.DistanceTo(points[j]) <= eps).ToList()).ToList();
        var isCore = neighbours.Select(n => n.Count + 1 >= minPoints).ToArray();
        var clusters = new int?[points.Count];
        var next = 0;
        for (var start = 0; start < points.Count; start++)
        {
            if (!isCore[start] || clusters[start] is not null)
            {
                continue;
            }

            var cluster = next++;
            clusters[start] = cluster;
            var queue = new Queue<int>([start]);
            while (queue.TryDequeue(out var core))
            {
                foreach (var other in neighbours[core].Where(other => isCore[other] && clusters[other] is null))
                {
                    clusters[other] = cluster;
                    queue.Enqueue(other);
                }
            }
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (!isCore[i])
            {
                var firstCore = neighbours[i].Where(j => isCore[j]).DefaultIfEmpty(-1).Min();
                clusters[i] = firstCore < 0 ? null : clusters[firstCore];
            }
        }

        return clusters;
    }
}
