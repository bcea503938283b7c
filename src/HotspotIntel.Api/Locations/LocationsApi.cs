using System.ComponentModel;
using HotspotIntel.Api.Common;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core.Locations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Location = HotspotIntel.Core.Locations.Location;

namespace HotspotIntel.Api.Locations;

/// <summary>Named public places (parks, stations, taxi ranks): record, read, correct, list by place, type and agency, and delete.</summary>
public static class LocationsApi
{
    private const string Route = "/api/locations";

    public static IEndpointRouteBuilder MapLocationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Locations");
        api.MapGet("/", ListLocationsAsync).WithName("ListLocations").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("List named public places as a GeoJSON FeatureCollection, filtered by bounding box, type and agency, newest first.");
        api.MapGet("/{id}", GetLocationAsync).WithName("GetLocation").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("One named public place as a GeoJSON Feature.");
        api.MapPost("/", CreateLocationAsync).WithName("CreateLocation").RequireAuthorization(Policies.RecordPlaces)
            .WithSummary("Record a named public place for your agency. Send an Idempotency-Key header to make retries safe.");
        api.MapPut("/{id}", UpdateLocationAsync).WithName("UpdateLocation").RequireAuthorization(Policies.RecordPlaces)
            .WithSummary("Replace a named public place's details (your agency's places only).");
        api.MapDelete("/{id}", DeleteLocationAsync).WithName("DeleteLocation").RequireAuthorization(Policies.RecordPlaces)
            .WithSummary("Delete a named public place with your agency's links and mentions of it (your agency's places only); 409 with the count if other agencies' records refer to it.");
        return app;
    }

    public static async Task<Results<Ok<FeatureCollection<LocationProperties>>, ValidationProblem>> ListLocationsAsync(
        HotspotIntelDbContext db,
        [Description("minLon,minLat,maxLon,maxLat in WGS84 degrees; places whose geometry touches the box")] string? bbox,
        [Description("Location type codes, repeated or comma-separated")] string[]? locationType,
        [Description("Recording agency")] Guid? agencyId,
        [Description("Page size, 1 to 1000 (default 100)")] int? limit,
        [Description("nextCursor of the previous page")] string? cursor,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var area = BoundingBox.Read(bbox, errors);
        var types = CodeListInput.Read<LocationType>(locationType, "locationType", errors);
        var pageSize = KeysetCursor.ReadPaging(limit, cursor, errors, out var after);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var page = await Filter(db.Locations.AsNoTracking(), area, types, agencyId, after)
            .OrderByDescending(l => l.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = KeysetCursor.Next(page, pageSize, l => l.Id);
        return TypedResults.Ok(new FeatureCollection<LocationProperties>([.. page.Select(LocationProperties.FeatureOf)], next));
    }

    /// <summary>The list filter; the bounding box is matched through the GiST index on geometry (<see cref="BoundingBox.Overlaps"/>).</summary>
    internal static IQueryable<Location> Filter(IQueryable<Location> locations, Polygon? area, List<LocationType> types, Guid? agencyId, Guid? after)
    {
        if (area is not null)
        {
            locations = locations.Where(l => BoundingBox.Overlaps(l.Geometry, area) && l.Geometry.Intersects(area));
        }

        if (types.Count > 0)
        {
            locations = locations.Where(l => types.Contains(l.LocationType));
        }

        if (agencyId is not null)
        {
            locations = locations.Where(l => l.AgencyId == agencyId);
        }

        if (after is not null)
        {
            locations = locations.Where(l => l.Id.CompareTo(after.Value) < 0);
        }

        return locations;
    }

    public static async Task<Results<Ok<Feature<LocationProperties>>, ProblemHttpResult>> GetLocationAsync(
        [Description("Location id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var location = await db.Locations.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        return location is null ? Problems.NotFound("location", id) : TypedResults.Ok(LocationProperties.FeatureOf(location));
    }

    public static async Task<Results<Created<Feature<LocationProperties>>, ValidationProblem, ProblemHttpResult>> CreateLocationAsync(
        LocationRequest request,
        [FromHeader(Name = IdempotencyKeys.Header), Description("Any unique string; a retry with the same key returns the first response")] string? idempotencyKey,
        HotspotIntelDbContext db, IdempotencyKeys idempotency, RecordingContext recording, CancellationToken cancellationToken)
    {
        return await RecordWrites.CreateAsync(db, idempotency, idempotencyKey, Route, request,
            () => new Location { Id = Guid.CreateVersion7(recording.Now), Name = "", Geometry = Point.Empty, CreatedAt = recording.Now },
            (location, errors) => Apply(request, location, recording, errors),
            LocationProperties.FeatureOf, cancellationToken);
    }

    public static async Task<Results<Ok<Feature<LocationProperties>>, ValidationProblem, ProblemHttpResult>> UpdateLocationAsync(
        [Description("Location id")] Guid id, LocationRequest request, HotspotIntelDbContext db, RecordingContext recording,
        CancellationToken cancellationToken)
    {
        var location = await db.Locations.SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        return await RecordWrites.UpdateAsync(db, location, "location", id, recording,
            (location, errors) => Apply(request, location, recording, errors),
            LocationProperties.FeatureOf, cancellationToken);
    }

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteLocationAsync(
        [Description("Location id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken) =>
        RecordWrites.DeleteAsync<Location>(db, id, "location", recording, cancellationToken);

    /// <remarks>Synchronous: it returns a task only to be the apply step of <see cref="RecordWrites"/>.</remarks>
    private static Task Apply(LocationRequest request, Location location, RecordingContext recording, ValidationErrors errors)
    {
        var partnership = recording.Partnership;
        request.ApplyRestrictions(location, recording, partnership.ReviewPeriods.EntityDays, errors);
        var name = TextInput.Required(request.Name, 200, "name", errors);
        var geometry = GeometryInput.ToStored(request.Geometry, request.CoordinateSystem, partnership.Region, "geometry", errors,
            OgcGeometryType.Point, OgcGeometryType.Polygon, OgcGeometryType.MultiPolygon);
        if (errors.Any)
        {
            return Task.CompletedTask;
        }

        location.Name = name;
        location.LocationType = request.LocationType;
        location.Geometry = geometry!;
        location.UpdatedAt = recording.Now;

        return Task.CompletedTask;
    }
}
