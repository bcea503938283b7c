namespace HotspotIntel.Analysis;

/// <summary>
/// DBSCAN density clustering of points with the semantics of PostGIS <c>ST_ClusterDBSCAN(geom, eps, minpoints)</c>:
/// a core point has at least minPoints points (itself included) at distance ≤ eps; core points within eps of each
/// other share a cluster; a border point (not core, within eps of a core point) joins a cluster; every other point is
/// noise (null). Distances in metres in a metric CRS (X easting, Y northing).
/// </summary>
/// <remarks>
/// PostGIS leaves the cluster of a border point within eps of two clusters "arbitrary". Here it is fixed: the
/// border point joins the cluster of its first core neighbour in input order. That is what PostGIS 3.3 does
/// when the window is ordered the same way (checked against 3.3.2), so memberships agree. Cluster numbers are
/// 0, 1, 2 … in the order in which each cluster's first core point appears in the input; PostGIS numbers clusters
/// by its union-find roots instead, so compare memberships, not numbers.
/// </remarks>
public static class Dbscan
{
    /// <summary>The cluster number of each point, in input order, or null for noise.</summary>
    public static IReadOnlyList<int?> Cluster(IReadOnlyList<PlanarPoint> points, double epsMeters, int minPoints)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minPoints);
        var index = new PointIndex(points, epsMeters);

        // Neighbour lists are not kept: in a dense hotspot of a regional dataset each point has thousands of
        // neighbours, and keeping them all would take gigabytes. Counting stops as soon as a point is known to be core.
        var isCore = new bool[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            isCore[i] = index.CountWithin(i, stopAt: minPoints - 1) + 1 >= minPoints;
        }

        var clusters = new int?[points.Count];
        var next = 0;
        // One list for every neighbourhood, in no order: a cluster's core points are the same whatever order they are
        // reached in, and a border point's first core neighbour in input order is the lowest-numbered one.
        var near = new List<int>();
        for (var start = 0; start < points.Count; start++)
        {
            if (!isCore[start] || clusters[start] is not null)
            {
                continue;
            }

            // Core points reachable from this one through chains of core points within eps form one cluster.
            var cluster = next++;
            clusters[start] = cluster;
            var queue = new Queue<int>([start]);
            while (queue.TryDequeue(out var core))
            {
                index.Within(core, near);
                foreach (var other in near)
                {
                    if (isCore[other] && clusters[other] is null)
                    {
                        clusters[other] = cluster;
                        queue.Enqueue(other);
                    }
                }
            }
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (!isCore[i])
            {
                // The first core neighbour in input order is the one PostGIS reaches first.
                index.Within(i, near);
                var firstCore = -1;
                foreach (var other in near)
                {
                    if (isCore[other] && (firstCore < 0 || other < firstCore))
                    {
                        firstCore = other;
                    }
                }

                clusters[i] = firstCore < 0 ? null : clusters[firstCore];
            }
        }

        return clusters;
    }
}
