using QuikGraph.Collections;

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
/// <para>
/// The clusters are found by grid cells rather than point by point (the grid DBSCAN of Gunawan, 2013): in cells a
/// little narrower than eps / √2 every two points are within eps of each other, so a cell's core points are one
/// cluster, and two cells join when any core point of one is within eps of any core point of the other. Expanding
/// point by point visits every neighbour of every core point: at a million reports, in hotspots where each point has
/// thousands of neighbours, that took a minute, longer than PostGIS itself.
/// </para>
/// </remarks>
public static class Dbscan
{
    /// <summary>The cluster number of each point, in input order, or null for noise.</summary>
    public static IReadOnlyList<int?> Cluster(IReadOnlyList<PlanarPoint> points, double epsMeters, int minPoints)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minPoints);
        var index = new PointIndex(points, epsMeters);
        var grid = new CellGrid(points, epsMeters);

        // Neighbour lists are not kept: in a dense hotspot of a regional dataset each point has thousands of
        // neighbours, and keeping them all would take gigabytes. Counting stops as soon as a point is known to be core,
        // and a cell holding minPoints points makes each of them core without counting.
        var isCore = new bool[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            isCore[i] = grid.PointsIn(grid.CellOf[i]).Length >= minPoints || index.CountWithin(i, stopAt: minPoints - 1) + 1 >= minPoints;
        }

        var cores = grid.CorePoints(isCore);
        var components = new ForestDisjointSet<int>(grid.CellCount);
        for (var cell = 0; cell < grid.CellCount; cell++)
        {
            components.MakeSet(cell);
        }

        // Nearest cells first: once they have joined a dense area into one component, the farther pairs in it are
        // already joined and need no distances measured.
        foreach (var offset in CellGrid.ReachableOffsets)
        {
            for (var cell = 0; cell < grid.CellCount; cell++)
            {
                if (cores[cell].Length == 0 || grid.Neighbour(cell, offset) is not { } other || cores[other].Length == 0
                    || components.AreInSameSet(cell, other) || !AnyWithin(points, cores[cell], cores[other], epsMeters))
                {
                    continue;
                }

                components.Union(cell, other);
            }
        }

        var clusters = new int?[points.Count];
        var clusterOfComponent = new Dictionary<int, int>();
        for (var i = 0; i < points.Count; i++)
        {
            if (isCore[i])
            {
                var component = components.FindSet(grid.CellOf[i]);
                if (!clusterOfComponent.TryGetValue(component, out var cluster))
                {
                    clusterOfComponent[component] = cluster = clusterOfComponent.Count;
                }

                clusters[i] = cluster;
            }
        }

        var near = new List<int>();
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

    private static bool AnyWithin(IReadOnlyList<PlanarPoint> points, int[] some, int[] others, double epsMeters)
    {
        foreach (var i in some)
        {
            foreach (var j in others)
            {
                if (points[i].DistanceTo(points[j]) <= epsMeters)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Square cells a millionth narrower than eps / √2, so that any two points in one cell are less than eps apart
    /// whatever the rounding; a point within eps of another is then at most two cells away along each axis.
    /// </summary>
    private sealed class CellGrid
    {
        /// <summary>The offsets of the cells that can hold a point within eps of one in the centre cell, nearest first.</summary>
        public static readonly (int Column, int Row)[] ReachableOffsets =
            [.. (from column in Enumerable.Range(-2, 5)
                 from row in Enumerable.Range(-2, 5)
                 where (column, row) != (0, 0)
                 orderby (column * column) + (row * row), column, row
                 select (column, row))];

        private readonly Dictionary<(long Column, long Row), int> _numbers = [];
        private readonly List<(long Column, long Row)> _keys = [];
        private readonly int[][] _points;

        public CellGrid(IReadOnlyList<PlanarPoint> points, double epsMeters)
        {
            var side = epsMeters / Math.Sqrt(2) * (1 - 1e-6);
            CellOf = new int[points.Count];
            var counts = new List<int>();
            for (var i = 0; i < points.Count; i++)
            {
                var key = ((long)Math.Floor(points[i].X / side), (long)Math.Floor(points[i].Y / side));
                if (!_numbers.TryGetValue(key, out var number))
                {
                    _numbers[key] = number = _keys.Count;
                    _keys.Add(key);
                    counts.Add(0);
                }

                CellOf[i] = number;
                counts[number]++;
            }

            _points = [.. counts.Select(count => new int[count])];
            var filled = new int[counts.Count];
            for (var i = 0; i < points.Count; i++)
            {
                _points[CellOf[i]][filled[CellOf[i]]++] = i;
            }
        }

        /// <summary>Each point's cell number.</summary>
        public int[] CellOf { get; }

        public int CellCount => _keys.Count;

        /// <summary>The points in a cell, in input order.</summary>
        public int[] PointsIn(int cell) => _points[cell];

        /// <summary>Each cell's core points.</summary>
        public int[][] CorePoints(bool[] isCore) => [.. _points.Select(cell => cell.Where(i => isCore[i]).ToArray())];

        /// <summary>The number of the cell at an offset from another, or null when no point lies in it.</summary>
        public int? Neighbour(int cell, (int Column, int Row) offset) =>
            _numbers.TryGetValue((_keys[cell].Column + offset.Column, _keys[cell].Row + offset.Row), out var other) ? other : null;
    }
}
