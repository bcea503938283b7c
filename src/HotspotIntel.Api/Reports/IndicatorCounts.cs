using System.ComponentModel;
using System.Text.Json;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.Spatial;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HotspotIntel.Api.Reports;

/// <summary>
/// Reports per risk indicator in an area and period (<c>GET /api/reports/indicator-counts</c>): the reports the list
/// would return for the same place and filters (<see cref="ReportsApi.Filter"/>: row-level security, masking and
/// small-count suppression of filtered answers alike), counted in the database. Counts only, never which reports; for
/// a masked reader (tasking members, licensing officers) a count from 1 to the masking minimum less one is withheld, as
/// the frequently-missing counts withhold theirs.
/// </summary>
public static class IndicatorCounts
{
    public static async Task<Results<Ok<AreaIndicatorCounts>, ValidationProblem>> CountInAreaAsync(
        HotspotIntelDbContext db,
        [Description("minLon,minLat,maxLon,maxLat in WGS84 degrees; this or area is required")] string? bbox,
        [Description("A GeoJSON Polygon in WGS84 (longitude first), instead of bbox")] string? area,
        [Description("Earliest occurredAt, inclusive (ISO 8601)")] DateTimeOffset? from,
        [Description("Latest occurredAt, exclusive (ISO 8601)")] DateTimeOffset? to,
        [Description("Category codes, repeated or comma-separated")] string[]? category,
        IOptions<PartnershipOptions> partnership, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var box = BoundingBox.Read(bbox, errors);
        var polygon = ReadArea(area, partnership.Value.Region, json.Value.SerializerOptions, errors);
        if (box is null && polygon is null && !errors.Any)
        {
            errors.Add("bbox", "Give the area to count in: bbox or area.");
        }
        else if (box is not null && polygon is not null)
        {
            errors.Add("area", "Give bbox or area, not both.");
        }

        var filter = ReportFilter.Read(from, to, category, null, null, null, null, null, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await CountAsync(db, (Geometry?)polygon ?? box!, filter, cancellationToken));
    }

    /// <summary>The counts in <paramref name="area"/> (any polygonal geometry, SRID 4326) under <paramref name="filter"/>, as the reader may have them.</summary>
    internal static async Task<AreaIndicatorCounts> CountAsync(HotspotIntelDbContext db, Geometry area, ReportFilter filter, CancellationToken cancellationToken)
    {
        var reports = ReportsApi.Filter(db, area, filter);
        var counted = await reports.SelectMany(r => r.IndicatorCodes).GroupBy(code => code)
            .Select(g => new { Code = g.Key, Reports = g.Count() }).ToListAsync(cancellationToken);
        var total = await reports.CountAsync(cancellationToken);
        var masked = await ReaderSeesMaskedAsync(db, cancellationToken);
        var indicators = await RiskIndicatorList.LoadAsync(db, cancellationToken);
        return new AreaIndicatorCounts(filter.From, filter.To, Shown(masked, total), HotspotPrivacyFloors.MaskingMinimumCount,
            IndicatorCount.ListOf(indicators, counted.ToDictionary(c => c.Code, c => Shown(masked, c.Reports))));
    }

    /// <summary>Whether the session's reader sees masked locations (tasking members, licensing officers), whose small counts are withheld.</summary>
    internal static Task<bool> ReaderSeesMaskedAsync(HotspotIntelDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<bool>($"""SELECT app_sees_masked_locations() AS "Value" """).SingleAsync(cancellationToken);

    /// <summary>A count as a reader may have it: null (withheld) for a masked reader when it is from 1 to the masking minimum less one.</summary>
    internal static int? Shown(bool masked, int count) => masked && Suppressed(count) ? null : count;

    // A tasking member's answer for a ward over a quarter: two gifts-or-money reports are too few to show.
    internal const string AreaExample = """
        {
          "from": "2026-07-01T00:00:00+01:00", "to": "2026-10-01T00:00:00+01:00", "reports": 41, "suppressedBelow": 3,
          "indicators": [
            { "code": "older_boyfriend_or_girlfriend", "label": "Older boyfriend or girlfriend", "retired": false, "reports": 6, "suppressed": false },
            { "code": "gifts_or_money", "label": "Gifts or money", "retired": false, "reports": null, "suppressed": true },
            { "code": "going_missing", "label": "Going missing", "retired": false, "reports": 12, "suppressed": false },
            { "code": "substance_misuse", "label": "Substance misuse", "retired": false, "reports": 0, "suppressed": false }
          ]
        }
        """;

    // An analyst's answer: nothing is withheld from a reader who sees exact places.
    internal const string HotspotExample = """
        {
          "hotspotId": "01938a5e-7c40-7d2a-9b1e-3f6a2c8d4e10", "runId": "01938a5e-0000-7d2a-9b1e-3f6a2c8d4e11", "suppressedBelow": 3,
          "indicators": [
            { "code": "older_boyfriend_or_girlfriend", "label": "Older boyfriend or girlfriend", "retired": false, "reports": 9, "suppressed": false },
            { "code": "gifts_or_money", "label": "Gifts or money", "retired": false, "reports": 2, "suppressed": false },
            { "code": "transported_by_adults", "label": "Transported by unknown adults", "retired": false, "reports": 14, "suppressed": false }
          ]
        }
        """;

    /// <summary>Whether a count is small enough to single a report out: from 1 to the masking minimum less one.</summary>
    private static bool Suppressed(int count) => count is > 0 && count < HotspotPrivacyFloors.MaskingMinimumCount;

    private static Polygon? ReadArea(string? area, RegionBounds region, JsonSerializerOptions json, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(area))
        {
            return null;
        }

        Geometry? geometry;
        try
        {
            geometry = JsonSerializer.Deserialize<Geometry>(area, json);
        }
        catch (JsonException)
        {
            geometry = null;
        }

        if (geometry is null)
        {
            errors.Add("area", "Must be a GeoJSON Polygon, e.g. {\"type\":\"Polygon\",\"coordinates\":[[[-1.90,52.47],[-1.89,52.47],[-1.89,52.48],[-1.90,52.47]]]}.");
            return null;
        }

        return GeometryInput.ToStored(geometry, CoordinateSystem.Wgs84, region, "area", errors, OgcGeometryType.Polygon) as Polygon;
    }
}

/// <summary>Reports per risk indicator in an area and period, as the reader may count them.</summary>
/// <param name="From">The period's start (inclusive), if one was given.</param>
/// <param name="To">The period's end (exclusive), if one was given.</param>
/// <param name="Reports">Reports in the area and period, with or without indicators; null when withheld for being small.</param>
/// <param name="SuppressedBelow">For tasking members and licensing officers, counts from 1 to this less one are withheld (null, suppressed true).</param>
/// <param name="Indicators">Every active indicator, and each retired one a counted report carries, in list order.</param>
public sealed record AreaIndicatorCounts(DateTimeOffset? From, DateTimeOffset? To, int? Reports, int SuppressedBelow, IReadOnlyList<IndicatorCount> Indicators);

/// <summary>A hotspot's member reports per risk indicator, as the reader may see the hotspot.</summary>
/// <param name="HotspotId">The hotspot.</param>
/// <param name="RunId">The run whose members were counted.</param>
/// <param name="SuppressedBelow">For tasking members and licensing officers, counts from 1 to this less one are withheld (null, suppressed true).</param>
/// <param name="Indicators">Every active indicator, and each retired one a counted report carries, in list order.</param>
public sealed record HotspotIndicatorCounts(Guid HotspotId, Guid RunId, int SuppressedBelow, IReadOnlyList<IndicatorCount> Indicators);

/// <summary>Reports that record one risk indicator.</summary>
/// <param name="Code">The indicator's code.</param>
/// <param name="Label">What partners call it.</param>
/// <param name="Retired">True when no new report takes it.</param>
/// <param name="Reports">How many; null when withheld for being small.</param>
/// <param name="Suppressed">True when the count is withheld.</param>
public sealed record IndicatorCount(string Code, string Label, bool Retired, int? Reports, bool Suppressed)
{
    /// <summary>
    /// The counts by code (null: withheld) against the list: every active indicator (0 where none was counted), and the
    /// retired ones that were counted.
    /// </summary>
    internal static List<IndicatorCount> ListOf(RiskIndicatorList indicators, IReadOnlyDictionary<string, int?> counts) =>
    [
        .. indicators.All.Where(i => !i.Retired || counts.ContainsKey(i.Code)).Select(i => counts.TryGetValue(i.Code, out var count)
            ? new IndicatorCount(i.Code, i.Label, i.Retired, count, count is null)
            : new IndicatorCount(i.Code, i.Label, i.Retired, 0, false)),
    ];
}
