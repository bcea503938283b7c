using System.ComponentModel;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Json;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Reports;

/// <summary>Intelligence reports: record, read, correct, list by place, time, category and grading, and delete.</summary>
public static class ReportsApi
{
    internal static readonly RecordKind<IntelligenceReport, ReportRequest, Feature<ReportProperties>> Kind = new()
    {
        Route = "/api/reports",
        Noun = "report",
        Name = "Report",
        Access = new(Read: Policies.ReadRecords, Create: Policies.SubmitReports, Change: Policies.HandlePersonIntelligence),
        Summaries = new(
            Get: "One report as a GeoJSON Feature (masked as in the list).",
            Create: "Record a report for your agency. Send an Idempotency-Key header to make retries safe.",
            Update: "Replace a report's content (your agency's reports only).",
            Delete: "Delete a report and its mentions (your agency's reports only); 409 with the count if other agencies' links name it as their source."),
        Include = WithMentions,
        New = recording => new IntelligenceReport { Id = Guid.CreateVersion7(recording.Now), Narrative = "", Location = Point.Empty, CreatedAt = recording.Now },
        ApplyAsync = ApplyAsync,
        View = ReportProperties.FeatureOf,
    };

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Kind.Route).WithTags("Reports");
        api.MapGet("/", ListReportsAsync).WithName("ListReports").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("List reports as a GeoJSON FeatureCollection, filtered by bounding box, time window, category, grading and risk indicator, newest first. "
                + "Tasking members and licensing officers get child-linked reports only as 500 m cell centres, without narrative or the premises, places, vehicles "
                + "and persons they mention, and none from cells with fewer than 3 (counting only reports recorded by roles that see exact places; with a filter, "
                + "fewer than 3 in the filtered answer).");
        api.MapGet("/indicator-counts", IndicatorCounts.CountInAreaAsync).WithName("CountReportIndicators").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("Reports per risk indicator inside a bounding box or GeoJSON polygon and period, counting what the list would return for them. "
                + "Counts only; for tasking members and licensing officers a count from 1 to 2 is withheld (null, suppressed).")
            .WithResponseExample(IndicatorCounts.AreaExample);
        api.MapRecordEndpoints(Kind);
        api.MapDisclosures(Kind, "Give one of your agency's reports to someone outside the system: returns the report as disclosed, with its marking and handling conditions, and logs the recipient and the reason.");
        return app;
    }

    public static async Task<Results<Ok<FeatureCollection<ReportProperties>>, ValidationProblem>> ListReportsAsync(
        HotspotIntelDbContext db,
        [Description("minLon,minLat,maxLon,maxLat in WGS84 degrees")] string? bbox,
        [Description("Earliest occurredAt, inclusive (ISO 8601)")] DateTimeOffset? from,
        [Description("Latest occurredAt, exclusive (ISO 8601)")] DateTimeOffset? to,
        [Description("Category codes, repeated or comma-separated")] string[]? category,
        [Description("Source evaluations 1, 2, 3")] string[]? sourceEvaluation,
        [Description("Intelligence assessments A to E")] string[]? intelligenceAssessment,
        [Description("Handling codes P, C")] string[]? handlingCode,
        [Description("Recording agency")] Guid? agencyId,
        [Description("Risk indicator codes, repeated or comma-separated: reports that record any of them")] string[]? indicator,
        [AsParameters] PagingRequest paging,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var area = BoundingBox.Read(bbox, errors);
        var filter = ReportFilter.Read(from, to, category, sourceEvaluation, intelligenceAssessment, handlingCode, agencyId, indicator, errors);
        var page = paging.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (reports, next) = await page.ReadAsync(WithMentions(Filter(db, area, filter).AsNoTracking()), r => r.Id, cancellationToken);
        return TypedResults.Ok(new FeatureCollection<ReportProperties>([.. reports.Select(ReportProperties.FeatureOf)], next));
    }

    /// <summary>
    /// The list filter. The bounding box is matched on the location the caller's role may see: the recorded place, or
    /// the masking cell of a report masked from that role (the view's branches, migrations/0012), each branch through
    /// its GiST index (<see cref="BoundingBox.Overlaps"/>). A masked reader's filtered answer holds a cell's
    /// child-linked reports only when it holds enough of them (<see cref="SuppressedCells"/>), whichever page is read.
    /// </summary>
    internal static IQueryable<IntelligenceReport> Filter(HotspotIntelDbContext db, Geometry? area, ReportFilter filter)
    {
        var reports = SuppressedCells.ReportsShownUnder(db, area, filter);
        var (from, to, categories, sources, assessments, handling, agencyId, indicators) = filter;
        if (area is not null)
        {
            reports = reports.Where(r => BoundingBox.Overlaps(r.Location, area) && r.Location.Intersects(area));
        }

        if (from is not null)
        {
            reports = reports.Where(r => r.OccurredAt >= from);
        }

        if (to is not null)
        {
            reports = reports.Where(r => r.OccurredAt < to);
        }

        if (categories.Count > 0)
        {
            reports = reports.Where(r => categories.Contains(r.Category));
        }

        if (sources.Count > 0)
        {
            reports = reports.Where(r => sources.Contains(r.SourceEvaluation));
        }

        if (assessments.Count > 0)
        {
            reports = reports.Where(r => assessments.Contains(r.IntelligenceAssessment));
        }

        if (handling.Count > 0)
        {
            reports = reports.Where(r => handling.Contains(r.HandlingCode));
        }

        if (agencyId is not null)
        {
            reports = reports.Where(r => r.AgencyId == agencyId);
        }

        if (indicators.Count > 0)
        {
            // Becomes the array overlap r.indicator_codes && @indicators, which the GIN index serves.
            reports = reports.Where(r => r.IndicatorCodes.Any(code => indicators.Contains(code)));
        }

        return reports;
    }

    private static IQueryable<IntelligenceReport> WithMentions(IQueryable<IntelligenceReport> reports) => reports
        .Include(r => r.Persons).Include(r => r.Premises).Include(r => r.Vehicles).Include(r => r.Locations)
        .Include(r => r.PhoneNumbers).Include(r => r.OnlineIdentifiers)
        .AsSplitQuery();

    private static async Task ApplyAsync(ReportRequest request, IntelligenceReport report, RecordWrite write)
    {
        var (db, recording, errors, cancellationToken) = (write.Db, write.Recording, write.Errors, write.CancellationToken);
        ReportRules.Apply(request, report, recording, await RiskIndicatorList.LoadAsync(db, cancellationToken), errors);
        var persons = await References.LoadAsync(db.Persons, request.PersonIds, p => p.Id, "personIds", "person", errors, cancellationToken);
        var premises = await References.LoadAsync(db.Premises, request.PremisesIds, p => p.Id, "premisesIds", "premises", errors, cancellationToken);
        var vehicles = await References.LoadAsync(db.Vehicles, request.VehicleIds, v => v.Id, "vehicleIds", "vehicle", errors, cancellationToken);
        var locations = await References.LoadAsync(db.Locations, request.LocationIds, l => l.Id, "locationIds", "location", errors, cancellationToken);
        var phoneNumbers = await References.LoadAsync(db.PhoneNumbers, request.PhoneNumberIds, n => n.Id, "phoneNumberIds", "phone number", errors, cancellationToken);
        var onlineIdentifiers = await References.LoadAsync(db.OnlineIdentifiers, request.OnlineIdentifierIds, o => o.Id, "onlineIdentifierIds",
            "online identifier", errors, cancellationToken);
        if (errors.Any)
        {
            return;
        }

        Replace(report.Persons, persons);
        Replace(report.Premises, premises);
        Replace(report.Vehicles, vehicles);
        Replace(report.Locations, locations);
        Replace(report.PhoneNumbers, phoneNumbers);
        Replace(report.OnlineIdentifiers, onlineIdentifiers);
    }

    private static void Replace<T>(List<T> current, List<T> wanted)
    {
        current.Clear();
        current.AddRange(wanted);
    }
}
