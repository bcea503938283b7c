using System.Globalization;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.MeetingPacks;

/// <summary>Where text sits against its x coordinate.</summary>
public enum TextAnchor
{
    Start,
    Middle,
    End,
}

/// <summary>
/// The few vector operations a pack's maps and charts need, in points (1/72 inch) with y downwards: drawn once by
/// <see cref="PackDrawing"/> and rendered as SVG for the HTML and as PDF paths for the PDF, so both show the same.
/// </summary>
public interface IPackCanvas
{
    void Path(IReadOnlyList<IReadOnlyList<(double X, double Y)>> rings, string? fill, string? stroke, double width, bool closed);

    void Text(double x, double y, string text, double size, TextAnchor anchor = TextAnchor.Start, bool bold = false, string colour = "#000000");

    /// <summary>Clips what follows to the rectangle until <see cref="EndClip"/>.</summary>
    void BeginClip(double x, double y, double width, double height);

    void EndClip();
}

/// <summary>A hotspot's map and trend chart, drawn from the pack's own data onto any <see cref="IPackCanvas"/>.</summary>
public static class PackDrawing
{
    public const string Attribution = "Basemap: partnership basemap features (streets, wards). Hotspots: HotspotIntel published run, as the pack's maker may see them.";

    private const string HotspotFill = "#d7301f";
    private const double MetresPerDegreeLatitude = 110_574;

    /// <summary>
    /// The hotspot's area over the basemap's streets and wards in a local equirectangular view (metres east and north
    /// of its centre, scaled by the cosine of its latitude), with a scale bar, north arrow, legend and attribution.
    /// </summary>
    public static void Map(IPackCanvas canvas, PackHotspot hotspot, IReadOnlyList<BasemapFeature> basemap, double x, double y, double width, double height)
    {
        var extent = hotspot.Area.EnvelopeInternal.Copy();
        var margin = Math.Max(Math.Max(extent.Width, extent.Height) * 0.6, 0.003);
        extent.ExpandBy(margin);
        var centre = extent.Centre;
        var metresPerDegreeLongitude = MetresPerDegreeLatitude * Math.Cos(centre.Y * Math.PI / 180);
        var (widthMetres, heightMetres) = (extent.Width * metresPerDegreeLongitude, extent.Height * MetresPerDegreeLatitude);
        var scale = Math.Min(width / widthMetres, height / heightMetres);
        (double X, double Y) Project(Coordinate c) => (
            x + width / 2 + (c.X - centre.X) * metresPerDegreeLongitude * scale,
            y + height / 2 - (c.Y - centre.Y) * MetresPerDegreeLatitude * scale);

        canvas.Path([[(x, y), (x + width, y), (x + width, y + height), (x, y + height)]], "#f7f5f0", "#808080", 0.5, true);
        canvas.BeginClip(x, y, width, height);
        foreach (var feature in basemap.Where(f => f.Layer == "ward"))
        {
            canvas.Path(Rings(feature.Geometry, Project), null, "#9e7bb5", 0.8, true);
        }

        foreach (var feature in basemap.Where(f => f.Layer == "street"))
        {
            canvas.Path(Lines(feature.Geometry, Project), null, "#b0b0b0", feature.Kind is "primary" or "secondary" ? 1.6 : 0.8, false);
        }

        canvas.Path(Rings(hotspot.Area, Project), HotspotFill, "#7f0000", 1, true);
        canvas.EndClip();

        // Scale bar: the largest round length no longer than a quarter of the map's width.
        var quarter = width / 4 / scale;
        var length = new[] { 10d, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000 }.LastOrDefault(l => l <= quarter, 10);
        var (barX, barY) = (x + 8, y + height - 12);
        canvas.Path([[(barX, barY), (barX + length * scale, barY)]], null, "#000000", 2, false);
        canvas.Path([[(barX, barY - 3), (barX, barY + 3)], [(barX + length * scale, barY - 3), (barX + length * scale, barY + 3)]], null, "#000000", 1, false);
        canvas.Text(barX + length * scale / 2, barY - 5, length >= 1000 ? $"{length / 1000:0.#} km" : $"{length:0} m", 7, TextAnchor.Middle);

        // North arrow: the view is north up.
        var (northX, northY) = (x + width - 16, y + 10);
        canvas.Path([[(northX, northY), (northX + 5, northY + 14), (northX, northY + 10), (northX - 5, northY + 14)]], "#000000", "#000000", 0.5, true);
        canvas.Text(northX, northY + 24, "N", 8, TextAnchor.Middle, bold: true);

        // Legend, top left.
        var (legendX, legendY) = (x + 6, y + 6);
        canvas.Path([[(legendX, legendY), (legendX + 110, legendY), (legendX + 110, legendY + 38), (legendX, legendY + 38)]], "#ffffff", "#808080", 0.5, true);
        canvas.Path([[(legendX + 4, legendY + 4), (legendX + 14, legendY + 4), (legendX + 14, legendY + 11), (legendX + 4, legendY + 11)]], HotspotFill, "#7f0000", 0.5, true);
        canvas.Text(legendX + 18, legendY + 10, $"Hotspot ({TrendText(hotspot)})", 7);
        canvas.Path([[(legendX + 4, legendY + 20), (legendX + 14, legendY + 20)]], null, "#b0b0b0", 1.6, false);
        canvas.Text(legendX + 18, legendY + 22, "Street", 7);
        canvas.Path([[(legendX + 4, legendY + 31), (legendX + 14, legendY + 31)]], null, "#9e7bb5", 0.8, false);
        canvas.Text(legendX + 18, legendY + 33, "Ward boundary", 7);
        canvas.Text(x, y + height + 9, Attribution, 6, colour: "#404040");
    }

    /// <summary>The hotspot's report count over runs: a line with a dot per run, its axes labelled with first and last run and the largest count.</summary>
    public static void TrendChart(IPackCanvas canvas, PackHotspot hotspot, double x, double y, double width, double height)
    {
        var points = hotspot.History.Where(p => p.ReportCount is not null).OrderBy(p => p.At).ToList();
        var (left, bottom, right, top) = (x + 28, y + height - 14, x + width - 6, y + 12);
        canvas.Text(x, y + 8, "Reports per run", 7, bold: true);
        canvas.Path([[(left, top), (left, bottom), (right, bottom)]], null, "#000000", 0.7, false);
        if (points.Count == 0)
        {
            canvas.Text((left + right) / 2, (top + bottom) / 2, "No counts you may see", 7, TextAnchor.Middle);
            return;
        }

        var most = Math.Max(1, points.Max(p => p.ReportCount!.Value));
        var (first, last) = (points[0].At, points[^1].At);
        var span = Math.Max(1, (last - first).TotalSeconds);
        var plotted = points.Select(p => (
            X: points.Count == 1 ? (left + right) / 2 : left + (p.At - first).TotalSeconds / span * (right - left),
            Y: bottom - p.ReportCount!.Value / (double)most * (bottom - top))).ToList();
        canvas.Path([plotted], null, "#d7301f", 1.4, false);
        foreach (var (px, py) in plotted)
        {
            canvas.Path([Circle(px, py, 1.8)], "#d7301f", null, 0, true);
        }

        canvas.Text(left - 3, top + 3, most.ToString(CultureInfo.InvariantCulture), 6, TextAnchor.End);
        canvas.Text(left - 3, bottom, "0", 6, TextAnchor.End);
        canvas.Text(left, bottom + 9, first.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture), 6);
        canvas.Text(right, bottom + 9, last.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture), 6, TextAnchor.End);
    }

    private static string TrendText(PackHotspot hotspot) => hotspot.Trend is { } trend ? Core.EnumCodes<Core.Hotspots.HotspotTrend>.ToCode(trend) : "no trend";

    private static List<(double X, double Y)> Circle(double cx, double cy, double r) =>
        [.. Enumerable.Range(0, 12).Select(i => (cx + r * Math.Cos(i * Math.PI / 6), cy + r * Math.Sin(i * Math.PI / 6)))];

    private static List<IReadOnlyList<(double X, double Y)>> Rings(Geometry geometry, Func<Coordinate, (double X, double Y)> project)
    {
        var rings = new List<IReadOnlyList<(double X, double Y)>>();
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon polygon)
            {
                rings.Add([.. polygon.ExteriorRing.Coordinates.Select(project)]);
                rings.AddRange(polygon.InteriorRings.Select(ring => (IReadOnlyList<(double X, double Y)>)[.. ring.Coordinates.Select(project)]));
            }
        }

        return rings;
    }

    private static List<IReadOnlyList<(double X, double Y)>> Lines(Geometry geometry, Func<Coordinate, (double X, double Y)> project)
    {
        var lines = new List<IReadOnlyList<(double X, double Y)>>();
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is LineString line)
            {
                lines.Add([.. line.Coordinates.Select(project)]);
            }
        }

        return lines;
    }
}
