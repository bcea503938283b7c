using System.ComponentModel;
using HotspotIntel.Api.Common;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core.Premises;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using PremisesEntity = HotspotIntel.Core.Premises.Premises;

namespace HotspotIntel.Api.Premises;

/// <summary>Premises with an owner or a licence: record, read, correct, list by place, type, agency and text, and delete.</summary>
public static class PremisesApi
{
    private const string Route = "/api/premises";
    private const long MaxUprn = 999_999_999_999;

    public static IEndpointRouteBuilder MapPremisesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Premises");
        api.MapGet("/", ListPremisesAsync).WithName("ListPremises").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("List premises as a GeoJSON FeatureCollection, filtered by bounding box, type, agency and text, newest first.");
        api.MapGet("/{id}", GetPremisesAsync).WithName("GetPremises").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("One premises as a GeoJSON Feature.");
        api.MapPost("/", CreatePremisesAsync).WithName("CreatePremises").RequireAuthorization(Policies.RecordPlaces)
            .WithSummary("Record a premises for your agency. Send an Idempotency-Key header to make retries safe.");
        api.MapPut("/{id}", UpdatePremisesAsync).WithName("UpdatePremises").RequireAuthorization(Policies.RecordPlaces)
            .WithSummary("Replace a premises' details (your agency's premises only).");
        api.MapDelete("/{id}", DeletePremisesAsync).WithName("DeletePremises").RequireAuthorization(Policies.RecordPlaces)
            .WithSummary("Delete a premises with its links and mentions in reports (your agency's premises only).");
        return app;
    }

    public static async Task<Results<Ok<FeatureCollection<PremisesProperties>>, ValidationProblem>> ListPremisesAsync(
        HotspotIntelDbContext db,
        [Description("minLon,minLat,maxLon,maxLat in WGS84 degrees")] string? bbox,
        [Description("Premises type codes, repeated or comma-separated")] string[]? premisesType,
        [Description("Recording agency")] Guid? agencyId,
        [Description("Case-insensitive text found in the name, address, postcode or licence number")] string? q,
        [Description("Page size, 1 to 1000 (default 100)")] int? limit,
        [Description("nextCursor of the previous page")] string? cursor,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var area = BoundingBox.Read(bbox, errors);
        var types = CodeListInput.Read<PremisesType>(premisesType, "premisesType", errors);
        var pattern = TextSearch.Read(q, errors);
        var pageSize = KeysetCursor.ReadPaging(limit, cursor, errors, out var after);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var page = await Filter(db.Premises.AsNoTracking(), area, types, agencyId, pattern, after)
            .OrderByDescending(p => p.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = KeysetCursor.Next(page, pageSize, p => p.Id);
        return TypedResults.Ok(new FeatureCollection<PremisesProperties>([.. page.Select(PremisesProperties.FeatureOf)], next));
    }

    /// <summary>The list filter; <c>Intersects</c> becomes <c>ST_Intersects</c>, which uses the GiST index on location.</summary>
    internal static IQueryable<PremisesEntity> Filter(IQueryable<PremisesEntity> premises, Polygon? area, List<PremisesType> types,
        Guid? agencyId, string? pattern, Guid? after)
    {
        if (area is not null)
        {
            premises = premises.Where(p => p.Location.Intersects(area));
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
                || EF.Functions.ILike(p.LicenceNumber!, pattern, TextSearch.Escape));
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

    public static async Task<Results<Created<Feature<PremisesProperties>>, ValidationProblem, ProblemHttpResult>> CreatePremisesAsync(
        PremisesRequest request,
        [FromHeader(Name = IdempotencyKeys.Header), Description("Any unique string; a retry with the same key returns the first response")] string? idempotencyKey,
        HotspotIntelDbContext db, IdempotencyKeys idempotency, RecordingContext recording, CancellationToken cancellationToken)
    {
        if (await idempotency.ReplayOrRejectAsync<Feature<PremisesProperties>>(idempotencyKey, Route, request, cancellationToken) is { } answer)
        {
            return answer;
        }

        var now = recording.Now;
        var premises = new PremisesEntity { Id = Guid.CreateVersion7(now), Name = "", Address = "", Location = Point.Empty, CreatedAt = now };
        var errors = new ValidationErrors();
        Apply(request, premises, recording, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        db.Premises.Add(premises);
        var created = PremisesProperties.FeatureOf(premises);
        var location = $"{Route}/{premises.Id}";
        idempotency.Remember(idempotencyKey, Route, request, location, created);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created(location, created);
    }

    public static async Task<Results<Ok<Feature<PremisesProperties>>, ValidationProblem, ProblemHttpResult>> UpdatePremisesAsync(
        [Description("Premises id")] Guid id, PremisesRequest request, HotspotIntelDbContext db, RecordingContext recording,
        CancellationToken cancellationToken)
    {
        var premises = await db.Premises.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Ownership.Refuses(premises, "premises", id, recording, out var problem))
        {
            return problem;
        }

        var errors = new ValidationErrors();
        Apply(request, premises, recording, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PremisesProperties.FeatureOf(premises));
    }

    public static Task<Results<NoContent, ProblemHttpResult>> DeletePremisesAsync(
        [Description("Premises id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken) =>
        Ownership.DeleteOwnedAsync(db.Premises, id, "premises", recording, cancellationToken);

    private static void Apply(PremisesRequest request, PremisesEntity premises, RecordingContext recording, ValidationErrors errors)
    {
        var partnership = recording.Partnership;
        request.ApplyRestrictions(premises, recording, partnership.ReviewPeriods.EntityDays, errors);
        var name = TextInput.Required(request.Name, 200, "name", errors);
        var address = TextInput.Required(request.Address, 500, "address", errors);
        var postcode = PostcodeInput.Read(request.Postcode, "postcode", errors);
        if (request.Uprn is < 1 or > MaxUprn)
        {
            errors.Add("uprn", "A UPRN is a whole number of 1 to 12 digits.");
        }

        var licenceNumber = TextInput.Optional(request.LicenceNumber, 50, "licenceNumber", errors);
        var licensingAuthority = TextInput.Optional(request.LicensingAuthority, 200, "licensingAuthority", errors);
        var location = GeometryInput.ToStored(request.Location, request.CoordinateSystem, partnership.Region, "location", errors, OgcGeometryType.Point);
        if (errors.Any)
        {
            return;
        }

        premises.Name = name;
        premises.PremisesType = request.PremisesType;
        premises.Address = address;
        premises.Postcode = postcode;
        premises.Uprn = request.Uprn;
        premises.LicenceNumber = licenceNumber;
        premises.LicensingAuthority = licensingAuthority;
        premises.Location = (Point)location!;
        premises.UpdatedAt = recording.Now;
    }
}
