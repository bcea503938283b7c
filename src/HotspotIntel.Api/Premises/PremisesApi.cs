using System.ComponentModel;
using HotspotIntel.Api.Common;
using HotspotIntel.Api.Concerns;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Hotspots;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core.Premises;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using PremisesEntity = HotspotIntel.Core.Premises.Premises;

namespace HotspotIntel.Api.Premises;

/// <summary>
/// Premises with an owner or a licence: record, read, correct, list by place, type, agency and text, delete, and check
/// (the reports that mention one and the hotspots near it).
/// </summary>
public static class PremisesApi
{
    private const string Route = "/api/premises";

    public static IEndpointRouteBuilder MapPremisesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Premises");
        api.MapGet("/", ListPremisesAsync).WithName("ListPremises").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("List premises as a GeoJSON FeatureCollection, filtered by bounding box, type, agency and text, newest first.");
        api.MapGet("/{id}", GetPremisesAsync).WithName("GetPremises").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("One premises as a GeoJSON Feature.");
        api.MapGet("/{id}/concerns", GetPremisesConcernsAsync).WithName("GetPremisesConcerns").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("A premises check: the reports that mention the premises (category, date, grading, agency; never persons; "
                + "narrative as your role may read it; no child-linked report for tasking members and licensing officers) and the latest "
                + "run's hotspots within radiusMeters, with their trend.");
        api.MapPost("/", CreatePremisesAsync).WithName("CreatePremises").RequireAuthorization(Policies.RecordPlaces)
            .WithSummary("Record a premises for your agency. Send an Idempotency-Key header to make retries safe.");
        api.MapPut("/{id}", UpdatePremisesAsync).WithName("UpdatePremises").RequireAuthorization(Policies.RecordPlaces)
            .WithSummary("Replace a premises' details (your agency's premises only).");
        api.MapDelete("/{id}", DeletePremisesAsync).WithName("DeletePremises").RequireAuthorization(Policies.RecordPlaces)
            .WithSummary("Delete a premises with your agency's links and mentions of it (your agency's premises only); 409 with the count if other agencies' records refer to it.");
        return app;
    }

    public static async Task<Results<Ok<FeatureCollection<PremisesProperties>>, ValidationProblem>> ListPremisesAsync(
        HotspotIntelDbContext db,
        [Description("minLon,minLat,maxLon,maxLat in WGS84 degrees")] string? bbox,
        [Description("Premises type codes, repeated or comma-separated")] string[]? premisesType,
        [Description("Recording agency")] Guid? agencyId,
        [Description("Case-insensitive text found in the name, address, postcode or licence number; a postcode matches however it is spaced")] string? q,
        [Description("Page size, 1 to 1000 (default 100)")] int? limit,
        [Description("nextCursor of the previous page")] string? cursor,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var area = BoundingBox.Read(bbox, errors);
        var types = CodeListInput.Read<PremisesType>(premisesType, "premisesType", errors);
        var pattern = TextSearch.Read(q, errors);
        var postcode = pattern is null ? null : PostcodeInput.Normalise(q);
        var pageSize = KeysetCursor.ReadPaging(limit, cursor, errors, out var after);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var page = await Filter(db.Premises.AsNoTracking(), area, types, agencyId, pattern, postcode, after)
            .OrderByDescending(p => p.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = KeysetCursor.Next(page, pageSize, p => p.Id);
        return TypedResults.Ok(new FeatureCollection<PremisesProperties>([.. page.Select(PremisesProperties.FeatureOf)], next));
    }

    /// <summary>The list filter; the bounding box is matched through the GiST index on location (<see cref="BoundingBox.Overlaps"/>).</summary>
    internal static IQueryable<PremisesEntity> Filter(IQueryable<PremisesEntity> premises, Polygon? area, List<PremisesType> types,
        Guid? agencyId, string? pattern, string? postcode, Guid? after)
    {
        if (area is not null)
        {
            premises = premises.Where(p => BoundingBox.Overlaps(p.Location, area) && p.Location.Intersects(area));
        }

        if (types.Count > 0)
        {
            premises = premises.Where(p => types.Contains(p.PremisesType));
        }

        if (agencyId is not null)
        {
            premises = premises.Where(p => p.AgencyId == agencyId);
        }

        if (pattern is not null)
        {
            premises = premises.Where(p => EF.Functions.ILike(p.Name, pattern, TextSearch.Escape)
                || EF.Functions.ILike(p.Address, pattern, TextSearch.Escape)
                || EF.Functions.ILike(p.Postcode!, pattern, TextSearch.Escape)
                || EF.Functions.ILike(p.LicenceNumber!, pattern, TextSearch.Escape)
                // "b11aa" finds B1 1AA: postcodes are stored in one spelling (PostcodeInput), typed in many.
                || (postcode != null && p.Postcode == postcode));
        }

        if (after is not null)
        {
            premises = premises.Where(p => p.Id.CompareTo(after.Value) < 0);
        }

        return premises;
    }

    public static async Task<Results<Ok<Feature<PremisesProperties>>, ProblemHttpResult>> GetPremisesAsync(
        [Description("Premises id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var premises = await db.Premises.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return premises is null ? Problems.NotFound("premises", id) : TypedResults.Ok(PremisesProperties.FeatureOf(premises));
    }

    public static async Task<Results<Ok<PremisesConcerns>, ValidationProblem, ProblemHttpResult>> GetPremisesConcernsAsync(
        [Description("Premises id")] Guid id,
        [Description("How far from the premises to look for hotspots, metres: 1 to 5000 (default 500)")] int? radiusMeters,
        HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var radius = radiusMeters ?? NearbyHotspots.DefaultRadiusMeters;
        if (radius is < 1 or > NearbyHotspots.MaxRadiusMeters)
        {
            var errors = new ValidationErrors();
            errors.Add("radiusMeters", $"Must be a whole number of metres from 1 to {NearbyHotspots.MaxRadiusMeters}.");
            return errors.ToProblem();
        }

        // Under row-level security: a premises the caller may not see is a 404, as in GetPremises.
        var location = await db.Premises.AsNoTracking().Where(p => p.Id == id)
            .Select(p => EF.Functions.Transform(p.Location, NearbyHotspots.MetricSrid)).SingleOrDefaultAsync(cancellationToken);
        if (location is null)
        {
            return Problems.NotFound("premises", id);
        }

        var (reports, more) = await ReportConcerns.ListAsync(db, db.Reports.Where(r => r.Premises.Any(p => p.Id == id)), cancellationToken);
        var hotspots = await NearbyHotspots.ListAsync(db, location, radius, cancellationToken);
        return TypedResults.Ok(new PremisesConcerns(id, reports, more, radius, hotspots));
    }

    public static async Task<Results<Created<Feature<PremisesProperties>>, ValidationProblem, ProblemHttpResult>> CreatePremisesAsync(
        PremisesRequest request,
        [FromHeader(Name = IdempotencyKeys.Header), Description("Any unique string; a retry with the same key returns the first response")] string? idempotencyKey,
        HotspotIntelDbContext db, IdempotencyKeys idempotency, RecordingContext recording, CancellationToken cancellationToken)
    {
        return await RecordWrites.CreateAsync(db, idempotency, idempotencyKey, Route, request,
            () => new PremisesEntity { Id = Guid.CreateVersion7(recording.Now), Name = "", Address = "", Location = Point.Empty, CreatedAt = recording.Now },
            (premises, errors) => Apply(request, premises, recording, errors),
            PremisesProperties.FeatureOf, cancellationToken);
    }

    public static async Task<Results<Ok<Feature<PremisesProperties>>, ValidationProblem, ProblemHttpResult>> UpdatePremisesAsync(
        [Description("Premises id")] Guid id, PremisesRequest request, HotspotIntelDbContext db, RecordingContext recording,
        CancellationToken cancellationToken)
    {
        var premises = await db.Premises.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return await RecordWrites.UpdateAsync(db, premises, "premises", id, recording,
            (premises, errors) => Apply(request, premises, recording, errors),
            PremisesProperties.FeatureOf, cancellationToken);
    }

    public static Task<Results<NoContent, ProblemHttpResult>> DeletePremisesAsync(
        [Description("Premises id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken) =>
        RecordWrites.DeleteAsync<PremisesEntity>(db, id, "premises", recording, cancellationToken);

    private static Task Apply(PremisesRequest request, PremisesEntity premises, RecordingContext recording, ValidationErrors errors)
    {
        PremisesRules.Apply(request, premises, recording, errors);
        return Task.CompletedTask;
    }
}
