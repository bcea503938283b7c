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
using HotspotIntel.Core.Locations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Location = HotspotIntel.Core.Locations.Location;

namespace HotspotIntel.Api.Locations;

/// <summary>
/// Named public places (parks, stations, taxi ranks): record, read, correct, list by place, type, agency and name, delete,
/// and check (the reports that mention one and the hotspots near it), as premises are.
/// </summary>
public static class LocationsApi
{
    internal static readonly RecordKind<Location, LocationRequest, Feature<LocationProperties>> Kind = new()
    {
        Route = "/api/locations",
        Noun = "location",
        Name = "Location",
        Access = new(Read: Policies.ReadRecords, Create: Policies.RecordPlaces, Change: Policies.RecordPlaces),
        Summaries = new(
            Get: "One named public place as a GeoJSON Feature.",
            Create: "Record a named public place for your agency. Send an Idempotency-Key header to make retries safe.",
            Update: "Replace a named public place's details (your agency's places only).",
            Delete: "Delete a named public place with your agency's links and mentions of it (your agency's places only); 409 with the count if other agencies' records refer to it."),
        New = recording => new Location { Id = Guid.CreateVersion7(recording.Now), Name = "", Geometry = Point.Empty, CreatedAt = recording.Now },
        ApplyAsync = Apply,
        View = LocationProperties.FeatureOf,
    };

    public static IEndpointRouteBuilder MapLocationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Kind.Route).WithTags("Locations");
        api.MapGet("/", ListLocationsAsync).WithName("ListLocations").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("List named public places as a GeoJSON FeatureCollection, filtered by bounding box, type, agency and name, newest first.");
        api.MapRecordEndpoints(Kind);
        api.MapGet("/{id}/concerns", GetLocationConcernsAsync).WithName("GetLocationConcerns").RequireAuthorization(Policies.ReadRecords).ReadsFromReplica()
            .WithSummary("A place check: the reports that mention the place (category, date, grading, agency; never persons; narrative as "
                + "your role may read it; no child-linked report for tasking members and licensing officers) and the latest run's hotspots "
                + "within radiusMeters of its centre, with their trend.");
        return app;
    }

    public static async Task<Results<Ok<FeatureCollection<LocationProperties>>, ValidationProblem>> ListLocationsAsync(
        HotspotIntelDbContext db,
        [Description("minLon,minLat,maxLon,maxLat in WGS84 degrees; places whose geometry touches the box")] string? bbox,
        [Description("Location type codes, repeated or comma-separated")] string[]? locationType,
        [Description("Recording agency")] Guid? agencyId,
        [Description("Case-insensitive text found in the name")] string? q,
        [AsParameters] PagingRequest paging,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var area = BoundingBox.Read(bbox, errors);
        var types = CodeListInput.Read<LocationType>(locationType, "locationType", errors);
        var pattern = TextSearch.Read(q, errors);
        var page = paging.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (locations, next) = await page.ReadAsync(Filter(db.Locations.AsNoTracking(), area, types, agencyId, pattern), l => l.Id, cancellationToken);
        return TypedResults.Ok(new FeatureCollection<LocationProperties>([.. locations.Select(LocationProperties.FeatureOf)], next));
    }

    /// <summary>The list filter; the bounding box is matched through the GiST index on geometry (<see cref="BoundingBox.Overlaps"/>).</summary>
    internal static IQueryable<Location> Filter(IQueryable<Location> locations, Polygon? area, List<LocationType> types, Guid? agencyId,
        string? namePattern)
    {
        if (namePattern is not null)
        {
            locations = locations.Where(l => EF.Functions.ILike(l.Name, namePattern, TextSearch.Escape));
        }

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

        return locations;
    }

    public static async Task<Results<Ok<LocationConcerns>, ValidationProblem, ProblemHttpResult>> GetLocationConcernsAsync(
        [Description("Location id")] Guid id,
        [Description("How far from the place's centre to look for hotspots, metres: 1 to 5000 (default 500)")] int? radiusMeters,
        HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (NearbyHotspots.ReadRadius(radiusMeters, errors) is not { } radius)
        {
            return errors.ToProblem();
        }

        // Under row-level security: a place the caller may not see is a 404, as in GetLocation.
        if (!await db.Locations.AsNoTracking().AnyAsync(l => l.Id == id, cancellationToken))
        {
            return Problems.NotFound(Kind.Noun, id);
        }

        var (reports, more) = await ReportConcerns.ListAsync(db, MentionedKind.Location, [id], cancellationToken);
        var centre = db.Locations.AsNoTracking().Where(l => l.Id == id)
            .Select(l => new CheckedPlace { Key = l.Id, Place = EF.Functions.Transform(l.Geometry.Centroid, NearbyHotspots.MetricSrid) });
        var hotspots = (await NearbyHotspots.ListAsync(db, centre, radius, cancellationToken)).GetValueOrDefault(id, []);
        return TypedResults.Ok(new LocationConcerns(id, reports, more, radius, hotspots));
    }

    private static Task Apply(LocationRequest request, Location location, RecordWrite write)
    {
        var (recording, errors) = (write.Recording, write.Errors);
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
