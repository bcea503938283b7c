using System.ComponentModel;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Common;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Hotspots;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Infrastructure;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Reports;

/// <summary>Intelligence reports: record, read, correct, list by place, time, category and grading, and delete.</summary>
public static class ReportsApi
{
    private const string Route = "/api/reports";

    /// <summary>How the audit log names reports, as its triggers do: by table.</summary>
    private const string AuditedAs = "intelligence_reports";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Reports");
        api.MapGet("/", ListReportsAsync).WithName("ListReports").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("List reports as a GeoJSON FeatureCollection, filtered by bounding box, time window, category and grading, newest first. "
                + "Tasking members and licensing officers get child-linked reports only as 500 m cell centres, without narrative or the premises, places, vehicles "
                + "and persons they mention, and none from cells with fewer than 3 (counting only reports recorded by roles that see exact places; with a filter, "
                + "fewer than 3 in the filtered answer).");
        api.MapGet("/{id}", GetReportAsync).WithName("GetReport").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("One report as a GeoJSON Feature (masked as in the list).");
        api.MapPost("/", CreateReportAsync).WithName("CreateReport").RequireAuthorization(Policies.SubmitReports)
            .WithSummary("Record a report for your agency. Send an Idempotency-Key header to make retries safe.");
        api.MapPost("/{id}/disclosures", DiscloseReportAsync).WithName("DiscloseReport").RequireAuthorization(Policies.HandlePersonIntelligence)
            .WithSummary("Give one of your agency's reports to someone outside the system: returns the report as disclosed, with its marking and handling conditions, and logs the recipient and the reason.");
        api.MapPut("/{id}", UpdateReportAsync).WithName("UpdateReport").RequireAuthorization(Policies.HandlePersonIntelligence)
            .WithSummary("Replace a report's content (your agency's reports only).");
        api.MapDelete("/{id}", DeleteReportAsync).WithName("DeleteReport").RequireAuthorization(Policies.HandlePersonIntelligence)
            .WithSummary("Delete a report and its mentions (your agency's reports only); 409 with the count if other agencies' links name it as their source.");
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
        [Description("Page size, 1 to 1000 (default 100)")] int? limit,
        [Description("nextCursor of the previous page")] string? cursor,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var area = BoundingBox.Read(bbox, errors);
        var filter = ReportFilter.Read(from, to, category, sourceEvaluation, intelligenceAssessment, handlingCode, agencyId, errors);
        var pageSize = KeysetCursor.ReadPaging(limit, cursor, errors, out var after);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = Filter(db, area, filter, after).AsNoTracking();
        var page = await WithMentions(query).OrderByDescending(r => r.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = KeysetCursor.Next(page, pageSize, r => r.Id);
        return TypedResults.Ok(new FeatureCollection<ReportProperties>([.. page.Select(ReportProperties.FeatureOf)], next));
    }

    /// <summary>
    /// The list filter. The bounding box is matched on the location the caller's role may see: the recorded place, or
    /// the masking cell of a report masked from that role (the view's branches, migrations/0012), each branch through
    /// its GiST index (<see cref="BoundingBox.Overlaps"/>). A masked reader's filtered answer holds a cell's
    /// child-linked reports only when it holds enough of them (<see cref="SuppressedCells"/>), whichever page is read.
    /// </summary>
    internal static IQueryable<IntelligenceReport> Filter(HotspotIntelDbContext db, Polygon? area, ReportFilter filter, Guid? after)
    {
        var reports = SuppressedCells.ReportsShownUnder(db, area, filter);
        var (from, to, categories, sources, assessments, handling, agencyId) = filter;
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

        if (after is not null)
        {
            reports = reports.Where(r => r.Id.CompareTo(after.Value) < 0);
        }

        return reports;
    }

    public static async Task<Results<Ok<Feature<ReportProperties>>, ProblemHttpResult>> GetReportAsync(
        [Description("Report id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var report = await WithMentions(db.Reports.AsNoTracking()).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return report is null ? Problems.NotFound("report", id) : TypedResults.Ok(ReportProperties.FeatureOf(report));
    }

    public static async Task<Results<Ok<Disclosure<Feature<ReportProperties>>>, ValidationProblem, ProblemHttpResult>> DiscloseReportAsync(
        [Description("Report id")] Guid id, DisclosureRequest request, HotspotIntelDbContext db, AuditLog audit, RecordingContext recording,
        CancellationToken cancellationToken)
    {
        if (request.Validate() is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        var report = await WithMentions(db.Reports.AsNoTracking()).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (Ownership.Refuses(report, "report", id, recording, out var problem))
        {
            return problem;
        }

        await audit.RecordDisclosureAsync(AuditedAs, id, request, cancellationToken);
        return TypedResults.Ok(new Disclosure<Feature<ReportProperties>>(request.Recipient!.Trim(), recording.Now, ReportProperties.FeatureOf(report)));
    }

    public static async Task<Results<Created<Feature<ReportProperties>>, ValidationProblem, ProblemHttpResult>> CreateReportAsync(
        ReportRequest request,
        [FromHeader(Name = IdempotencyKeys.Header), Description("Any unique string; a retry with the same key returns the first response")] string? idempotencyKey,
        HotspotIntelDbContext db, IdempotencyKeys idempotency, RecordingContext recording, HotspotRunRequests hotspotRuns,
        CancellationToken cancellationToken)
    {
        return await RecordWrites.CreateAsync(db, idempotency, idempotencyKey, Route, request,
            () => new IntelligenceReport { Id = Guid.CreateVersion7(recording.Now), Narrative = "", Location = Point.Empty, CreatedAt = recording.Now },
            (report, errors) => ApplyAsync(request, report, db, recording, errors, cancellationToken),
            ReportProperties.FeatureOf, cancellationToken, hotspotRuns);
    }

    public static async Task<Results<Ok<Feature<ReportProperties>>, ValidationProblem, ProblemHttpResult>> UpdateReportAsync(
        [Description("Report id")] Guid id, ReportRequest request, HotspotIntelDbContext db, RecordingContext recording,
        HotspotRunRequests hotspotRuns, CancellationToken cancellationToken)
    {
        var report = await WithMentions(db.Reports).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return await RecordWrites.UpdateAsync(db, report, "report", id, recording,
            (report, errors) => ApplyAsync(request, report, db, recording, errors, cancellationToken),
            ReportProperties.FeatureOf, cancellationToken, hotspotRuns);
    }

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteReportAsync(
        [Description("Report id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, HotspotRunRequests hotspotRuns,
        CancellationToken cancellationToken) =>
        RecordWrites.DeleteAsync<IntelligenceReport>(db, id, "report", recording, cancellationToken, hotspotRuns);

    private static IQueryable<IntelligenceReport> WithMentions(IQueryable<IntelligenceReport> reports) => reports
        .Include(r => r.Persons).Include(r => r.Premises).Include(r => r.Vehicles).Include(r => r.Locations)
        .AsSplitQuery();

    private static async Task ApplyAsync(ReportRequest request, IntelligenceReport report, HotspotIntelDbContext db,
        RecordingContext recording, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ReportRules.Apply(request, report, recording, errors);
        var persons = await References.LoadAsync(db.Persons, request.PersonIds, p => p.Id, "personIds", "person", errors, cancellationToken);
        var premises = await References.LoadAsync(db.Premises, request.PremisesIds, p => p.Id, "premisesIds", "premises", errors, cancellationToken);
        var vehicles = await References.LoadAsync(db.Vehicles, request.VehicleIds, v => v.Id, "vehicleIds", "vehicle", errors, cancellationToken);
        var locations = await References.LoadAsync(db.Locations, request.LocationIds, l => l.Id, "locationIds", "location", errors, cancellationToken);
        if (errors.Any)
        {
            return;
        }

        Replace(report.Persons, persons);
        Replace(report.Premises, premises);
        Replace(report.Vehicles, vehicles);
        Replace(report.Locations, locations);
    }

    private static void Replace<T>(List<T> current, List<T> wanted)
    {
        current.Clear();
        current.AddRange(wanted);
    }
}
