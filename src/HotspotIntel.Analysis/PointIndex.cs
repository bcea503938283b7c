namespace HotspotIntel.Analysis;

/// <summary>
/// Finds the points within a fixed radius of each point by bucketing them into square cells one radius wide,
/// so a query looks at nine buckets instead of every point. Coordinates in metres (X easting, Y northing).
/// </summary>
internal sealed class PointIndex
{
    private readonly IReadOnlyList<PlanarPoint> _points;
    private readonly double _radiusMeters;
    private readonly Dictionary<(long Column, long Row), List<int>> _buckets = [];

    public PointIndex(IReadOnlyList<PlanarPoint> points, double radiusMeters)
    {
        Ensure.PositiveFinite(radiusMeters);
        _points = points;
        _radiusMeters = radiusMeters;
        for (var i = 0; i < points.Count; i++)
        {
            if (!double.IsFinite(points[i].X) || !double.IsFinite(points[i].Y))
            {
                throw new ArgumentException($"Point {i} has a coordinate that is not a finite number.", nameof(points));
            }

            var key = BucketOf(points[i]);
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                _buckets[key] = bucket = [];
            }

            bucket.Add(i);
        }
    }

    /// <summary>
    /// The indices of the other points at distance ≤ the radius from point <paramref name="index"/>, ascending
    /// (input order), as PostGIS <c>ST_DWithin</c> counts a point exactly at the radius as within it.
    /// </summary>
    public List<int> Within(int index)
    {
        var found = new List<int>();
        Within(index, found);
        found.Sort();
        return found;
    }

    /// <summary>
    /// Fills <paramref name="into"/> (cleared first) with the indices of the other points at distance ≤ the radius from
    /// point <paramref name="index"/>, in no particular order: for callers that visit each once, without sorting or allocating.
    /// </summary>
    public void Within(int index, List<int> into)
    {
        into.Clear();
        var centre = _points[index];
        var (column, row) = BucketOf(centre);
        for (var dc = -1L; dc <= 1; dc++)
        {
            for (var dr = -1L; dr <= 1; dr++)
            {
                if (!_buckets.TryGetValue((column + dc, row + dr), out var bucket))
                {
                    continue;
                }

                foreach (var other in bucket)
                {
                    if (other != index && centre.DistanceTo(_points[other]) <= _radiusMeters)
                    {
                        into.Add(other);
                    }
                }
            }
        }
    }

    /// <summary>
    /// How many other points lie at distance ≤ the radius from point <paramref name="index"/>, counting no further
    /// than <paramref name="stopAt"/> (the answer is then min(count, stopAt)).
    /// </summary>
    public int CountWithin(int index, int stopAt)
    {
        var centre = _points[index];
        var (column, row) = BucketOf(centre);
        var found = 0;
        for (var dc = -1L; dc <= 1; dc++)
        {
            for (var dr = -1L; dr <= 1; dr++)
            {
                if (!_buckets.TryGetValue((column + dc, row + dr), out var bucket))
                {
                    continue;
                }

                foreach (var other in bucket)
                {
                    if (found >= stopAt)
                    {
                        return found;
                    }

                    if (other != index && centre.DistanceTo(_points[other]) <= _radiusMeters)
                    {
                        found++;
                    }
                }
            }
        }

        return found;
    }

    private (long Column, long Row) BucketOf(PlanarPoint point) =>
        ((long)Math.Floor(point.X / _radiusMeters), (long)Math.Floor(point.Y / _radiusMeters));
}
