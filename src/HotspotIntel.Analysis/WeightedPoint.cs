namespace HotspotIntel.Analysis;

/// <summary>
/// A point that counts for <see cref="Weight"/> reports rather than one, e.g. a report weighted by
/// <see cref="ReportWeighting"/>. The point is in metres in a metric CRS: X easting, Y northing.
/// </summary>
public readonly record struct WeightedPoint(PlanarPoint Point, double Weight);
