using System.ComponentModel;
using HotspotIntel.Api.Concerns;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Hotspots;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Json;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.Premises;
using Microsoft.AspNetCore.Http.HttpResults;
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
    internal static readonly RecordKind<PremisesEntity, PremisesRequest, Feature<PremisesProperties>> Kind = new()
    {
        Route = "/api/premises",
        Noun = "premises",
        Name = "Premises",
        Access = new(Read: Policies.ReadRecords, Create: Policies.RecordPlaces, Change: Policies.RecordPlaces),
        Summaries = new(
            Get: "One premises as a GeoJSON Feature.",
            Create: "Record a premises for your agency. Send an Idempotency-Key header to make retries safe.",
            Update: "Replace a premises' details (your agency's premises only).",
            Delete: "Delete a premises with your agency's links and mentions of it (your agency's premises only); 409 with the count if other agencies' records refer to it."),
        New = recording => new PremisesEntity { Id = Guid.CreateVersion7(recording.Now), Name = "", Address = "", Location = Point.Empty, CreatedAt = recording.Now },
        ApplyAsync = (request, premises, write) =>
        {
            PremisesRules.Apply(request, premises, write.Recording, write.Errors);
            return Task.CompletedTask;
        },
        View = PremisesProperties.FeatureOf,
    };

    public static IEndpointRouteBuilder MapPremisesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Kind.Route).WithTags("Premises");
        api.MapGet("/", ListPremisesAsync).WithName("ListPremises").RequireAuthorization(Policies.ReadRecords).ReadsFromReplica()
            .WithSummary("List premises as a GeoJSON FeatureCollection, filtered by bounding box, type, agency and text, newest first.");
        api.MapRecordEndpoints(Kind);
        api.MapGet("/{id}/concerns", GetPremisesConcernsAsync).WithName("GetPremisesConcerns").RequireAuthorization(Policies.ReadRecords).ReadsFromReplica()
            .WithSummary("A premises check: the reports that mention the premises (category, date, grading, agency; never persons; "
                + "narrative as your role may read it; no child-linked report for tasking members and licensing officers) and the latest "
                + "run's hotspots within radiusMeters, with their trend.");
        return app;
    }

    public static async Task<Results<Ok<FeatureCollection<PremisesProperties>>, ValidationProblem>> ListPremisesAsync(
        HotspotIntelDbContext db,
        [Description("minLon,minLat,maxLon,maxLat in WGS84 degrees")] string? bbox,
        [Description("Premises type codes, repeated or comma-separated")] string[]? premisesType,
        [Description("Recording agency")] Guid? agencyId,
        [Description("Case-insensitive text found in the name, address, postcode or licence number; a postcode matches however it is spaced")] string? q,
        [AsParameters] PagingRequest paging,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var area = BoundingBox.Read(bbox, errors);
        var types = CodeListInput.Read<PremisesType>(premisesType, "premisesType", errors);
        var pattern = TextSearch.Read(q, errors);
        var postcode = pattern is null ? null : PostcodeInput.Normalise(q);
        var page = paging.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (premises, next) = await page.ReadAsync(Filter(db.Premises.AsNoTracking(), area, types, agencyId, pattern, postcode), p => p.Id, cancellationToken);
        return TypedResults.Ok(new FeatureCollection<PremisesProperties>([.. premises.Select(PremisesProperties.FeatureOf)], next));
    }

    /// <summary>The list filter; the bounding box is matched through the GiST index on location (<see cref="BoundingBox.Overlaps"/>).</summary>
    internal static IQueryable<PremisesEntity> Filter(IQueryable<PremisesEntity> premises, Polygon? area, List<PremisesType> types,
        Guid? agencyId, string? pattern, string? postcode)
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

        return premises;
    }

    /// <summary>Where each premises is, as a check looks round it (<see cref="NearbyHotspots"/>).</summary>
    internal static IQueryable<CheckedPlace> CheckedPlaces(IQueryable<PremisesEntity> premises) => premises.AsNoTracking()
        .Select(p => new CheckedPlace { Key = p.Id, Place = EF.Functions.Transform(p.Location, NearbyHotspots.MetricSrid) });

    public static async Task<Results<Ok<PremisesConcerns>, ValidationProblem, ProblemHttpResult>> GetPremisesConcernsAsync(
        [Description("Premises id")] Guid id,
        [Description("How far from the premises to look for hotspots, metres: 1 to 5000 (default 500)")] int? radiusMeters,
        HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (NearbyHotspots.ReadRadius(radiusMeters, errors) is not { } radius)
        {
            return errors.ToProblem();
        }

        // Under row-level security: a premises the caller may not see is a 404, as in GetPremises.
        if (!await db.Premises.AsNoTracking().AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problems.NotFound(Kind.Noun, id);
        }

        var (reports, more) = await ReportConcerns.ListAsync(db, MentionedKind.Premises, [id], cancellationToken);
        var nearby = await NearbyHotspots.ListAsync(db, CheckedPlaces(db.Premises.Where(p => p.Id == id)), radius, cancellationToken);
        var hotspots = nearby.GetValueOrDefault(id, []);
        return TypedResults.Ok(new PremisesConcerns(id, reports, more, radius, hotspots));
    }
}
