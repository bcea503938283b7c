using System.ComponentModel;
using System.Security.Cryptography;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Imports;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Json;
using HotspotIntel.Api.Records;
using HotspotIntel.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using Npgsql;

namespace HotspotIntel.Api.Areas;

/// <summary>
/// The partnership's named areas (issue 16 §2): wards and council areas with their boundaries and child population
/// figures, imported by supervisors and administrators from a GeoJSON FeatureCollection or a zipped shapefile, all or
/// nothing and safe to retry; read by everyone; and each area's problem profile figures for a period
/// (<see cref="AreaProfiles"/>), which the board's problem profile pack is made of.
/// </summary>
public static class AreasApi
{
    public const string Route = "/api/areas";

    /// <summary>The audit log's name for an area, as the triggers name records by their table.</summary>
    public const string EntityKind = "areas";

    public static IEndpointRouteBuilder MapAreasApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Areas");
        api.MapPost("/imports", ImportAreasAsync).WithName("ImportAreas").RequireAuthorization(Policies.ImportAreas)
            .Accepts<Stream>(ImportFormats.GeoJsonMediaType, ImportFormats.JsonMediaType, AreaFile.ZipMediaType)
            .WithMetadata(new RequestSizeLimitAttribute(ImportsApi.MaxFileBytes))
            .WithSummary("Import wards and council areas (supervisors, administrators) from a GeoJSON FeatureCollection or a zipped shapefile: "
                + "properties code, name, kind (ward, council_area), parentCode, childPopulation, populationYear, populationSource. Every area or "
                + "none and the reasons; an area whose code exists is replaced; an invalid boundary is repaired (ST_MakeValid) and said.");
        api.MapGet("/", ListAreasAsync).WithName("ListAreas").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("The partnership's wards and council areas with their boundaries and child population figures, by kind and name; "
                + "bbox keeps those a map's view meets.");
        api.MapGet("/{id}", GetAreaAsync).WithName("GetArea").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("One area with its boundary and child population figure.");
        api.MapGet("/{id}/profile", AreaProfiles.GetAreaProfileAsync).WithName("GetAreaProfile").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("An area's problem profile figures for a period, as you may count them: reports and their rate per 10,000 children, the "
                + "previous period of the same length and the trend test over both, categories, risk indicators, missing episodes (counts only), "
                + "the top hotspots and the actions at places in the area by tactic and status.");
        return app;
    }

    public static async Task<Results<Created<AreaImportResult>, Ok<AreaImportResult>, ValidationProblem, ProblemHttpResult>> ImportAreasAsync(
        [FromHeader(Name = IdempotencyKeys.Header), Description("Required: any string unique among your requests (1 to 200 printable characters). "
            + "A retry with the same key and file returns the first result; with another file, 409.")] string? idempotencyKey,
        HttpContext context, HotspotIntelDbContext db, IdempotencyKeys keys, CurrentUser user, TimeProvider time, IOptions<PartnershipOptions> partnership,
        CancellationToken cancellationToken)
    {
        var contentType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var zipped = contentType == AreaFile.ZipMediaType;
        if (!zipped && ImportFormats.FromContentType(context.Request.ContentType) is not ImportFormat.GeoJson)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The request body's content type is not supported here.",
                detail: $"Send a GeoJSON FeatureCollection as {ImportFormats.GeoJsonMediaType} or a zipped shapefile as {AreaFile.ZipMediaType}, "
                    + $"not {context.Request.ContentType ?? "without a Content-Type"}.");
        }

        var requestErrors = new ValidationErrors();
        if (idempotencyKey is null)
        {
            requestErrors.Add(IdempotencyKeys.Header, "Required for imports: any unique string, e.g. a UUID, so that a retry cannot import twice.");
        }

        IdempotencyKeys.Validate(idempotencyKey, requestErrors);
        if (requestErrors.Any)
        {
            return requestErrors.ToProblem();
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, cancellationToken);
        var content = body.ToArray();
        var request = new { file = Convert.ToHexStringLower(SHA256.HashData(content)), zipped };
        var route = Route + "/imports";

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await keys.LockAsync(idempotencyKey!, cancellationToken);
        var previous = await keys.FindAsync<AreaImportResult>(idempotencyKey, route, request, cancellationToken);
        if (previous.UsedForAnotherRequest)
        {
            return Problems.Conflict("Idempotency-Key reused.", "You already used this Idempotency-Key to import a different file; nothing was imported.");
        }

        if (previous.Replay is { } replay)
        {
            return TypedResults.Ok(replay);
        }

        var errors = new RowErrors();
        var features = AreaFile.Read(content, zipped, errors);
        var region = partnership.Value.Region;
        var repaired = new List<AreaImportNote>();
        var boundaries = new Dictionary<int, MultiPolygon>();
        foreach (var feature in features)
        {
            var (boundary, note) = await StoredBoundaryAsync(db, feature.Boundary, cancellationToken);
            if (boundary is null)
            {
                errors.Add(new RowError(feature.Feature, "geometry", note!));
            }
            else if (!region.Contains(boundary))
            {
                errors.Add(new RowError(feature.Feature, "geometry", $"Lies outside the partnership's region ({region}, longitude first); is it in another coordinate system?"));
            }
            else
            {
                boundaries[feature.Feature] = boundary;
                if (note is not null)
                {
                    repaired.Add(new AreaImportNote(feature.Feature, feature.Code, note));
                }
            }
        }

        foreach (var twice in features.GroupBy(f => f.Code).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            errors.Add(new RowError(twice.Feature, "code", $"The code {twice.Code} is given to an earlier feature of the file."));
        }

        var codes = features.Select(f => f.Code).Concat(features.Select(f => f.ParentCode).OfType<string>()).Distinct().ToList();
        var existing = await db.Areas.Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, cancellationToken);
        var inFile = features.Select(f => f.Code).ToHashSet();
        foreach (var feature in features.Where(f => f.ParentCode is { } parent && (parent == f.Code || (!inFile.Contains(parent) && !existing.ContainsKey(parent)))))
        {
            errors.Add(new RowError(feature.Feature, "parentCode", feature.ParentCode == feature.Code
                ? "An area cannot be its own parent."
                : $"No area has the code {feature.ParentCode}, in the file or already imported."));
        }

        if (errors.Any)
        {
            return TypedResults.Problem(statusCode: errors.Kept.Any(e => e.Row == 0) ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
                title: errors.InvalidRows == 0 && errors.Kept.Any(e => e.Row == 0) ? "The file could not be read; nothing was imported." : "Some areas are not valid; nothing was imported.",
                detail: string.Join(" ", errors.Kept.Take(3).Select(e => $"Feature {e.Row}, {e.Field}: {e.Reason}")),
                extensions: new Dictionary<string, object?> { ["rowErrors"] = errors.Kept, ["moreRowErrors"] = errors.More });
        }

        var now = time.GetUtcNow();
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        var (created, updated) = (0, 0);
        var byCode = new Dictionary<string, Area>(existing);
        foreach (var feature in features)
        {
            if (!byCode.TryGetValue(feature.Code, out var area))
            {
                area = new Area { Id = Guid.CreateVersion7(now), Code = feature.Code, Name = feature.Name, Geom = boundaries[feature.Feature], ImportedBy = user.UserId! };
                db.Areas.Add(area);
                byCode[feature.Code] = area;
                created++;
            }
            else
            {
                updated++;
            }

            area.Name = feature.Name;
            area.Kind = feature.Kind;
            area.Geom = boundaries[feature.Feature];
            area.ChildPopulation = feature.ChildPopulation;
            area.PopulationYear = feature.PopulationYear;
            area.PopulationSource = feature.PopulationSource;
            area.ImportedAt = now;
            area.ImportedBy = user.UserId!;
        }

        foreach (var feature in features)
        {
            byCode[feature.Code].ParentId = feature.ParentCode is { } parent ? byCode[parent].Id : null;
        }

        var result = new AreaImportResult(created, updated, repaired, [.. features.Select(f => byCode[f.Code].Id)]);
        keys.Remember(idempotencyKey, route, request, Route, result);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created(Route, result);
    }

    public static async Task<Results<Ok<FeatureCollection<AreaProperties>>, ValidationProblem>> ListAreasAsync(
        HotspotIntelDbContext db,
        [Description("ward or council_area")] string? kind,
        [Description("Areas within this one (a council area's wards)")] Guid? parentId,
        [Description("Only areas whose boundary meets this box: minLon,minLat,maxLon,maxLat in WGS84 degrees (a map's view)")] string? bbox,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var kinds = CodeListInput.Read<AreaKind>(kind is null ? null : [kind], "kind", errors);
        var box = BoundingBox.Read(bbox, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var areas = db.Areas.AsNoTracking();
        areas = kinds.Count == 0 ? areas : areas.Where(a => kinds.Contains(a.Kind));
        areas = parentId is null ? areas : areas.Where(a => a.ParentId == parentId);
        areas = box is null ? areas : areas.Where(a => BoundingBox.Overlaps(a.Geom, box) && a.Geom.Intersects(box));
        var found = await areas.OrderBy(a => a.Kind).ThenBy(a => a.Name).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new FeatureCollection<AreaProperties>([.. found.Select(AreaProperties.FeatureOf)], null));
    }

    public static async Task<Results<Ok<Feature<AreaProperties>>, ProblemHttpResult>> GetAreaAsync(
        [Description("Area id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var area = await db.Areas.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return area is null ? Problems.NotFound("area", id) : TypedResults.Ok(AreaProperties.FeatureOf(area));
    }

    /// <summary>
    /// The boundary as stored: a valid MultiPolygon; an invalid one is repaired by PostGIS (<c>ST_MakeValid</c>, its
    /// polygons kept) and the repair said; null and the reason when nothing of an area is left.
    /// </summary>
    private static async Task<(MultiPolygon? Boundary, string? Note)> StoredBoundaryAsync(HotspotIntelDbContext db, Geometry boundary,
        CancellationToken cancellationToken)
    {
        var validity = new NetTopologySuite.Operation.Valid.IsValidOp(boundary).ValidationError;
        if (validity is null)
        {
            return (boundary as MultiPolygon ?? new MultiPolygon([(Polygon)boundary]) { SRID = 4326 }, null);
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand("SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid($1), 3))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = boundary, DataTypeName = "geometry" });
        var made = await command.ExecuteScalarAsync(cancellationToken) as MultiPolygon;
        if (made is null || made.IsEmpty || made.Area <= 0)
        {
            return (null, $"Not a valid boundary ({validity.Message} at {validity.Coordinate.X}, {validity.Coordinate.Y}), and repairing it leaves no area.");
        }

        made.SRID = 4326;
        return (made, $"Repaired with ST_MakeValid: {validity.Message} at ({validity.Coordinate.X}, {validity.Coordinate.Y}).");
    }
}

/// <summary>What an area import did.</summary>
/// <param name="Created">Areas new to the partnership.</param>
/// <param name="Updated">Areas whose code existed, replaced by the file's.</param>
/// <param name="Repaired">Boundaries that were not valid and were repaired (<c>ST_MakeValid</c>), with what was wrong.</param>
/// <param name="AreaIds">The areas' ids, in the file's order.</param>
public sealed record AreaImportResult(int Created, int Updated, IReadOnlyList<AreaImportNote> Repaired, IReadOnlyList<Guid> AreaIds);

/// <summary>Something said about one feature of an import: its number in the file, its code and what happened.</summary>
public sealed record AreaImportNote(int Feature, string Code, string Note);

/// <summary>An area as listed.</summary>
/// <param name="Code">Its code (e.g. an ONS code).</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">ward or council_area.</param>
/// <param name="ParentId">The area it lies in, if any.</param>
/// <param name="ChildPopulation">Children living there, when loaded.</param>
/// <param name="PopulationYear">The year of that figure.</param>
/// <param name="PopulationSource">Where the figure comes from.</param>
/// <param name="ImportedAt">When it was last imported.</param>
public sealed record AreaProperties(string Code, string Name, AreaKind Kind, Guid? ParentId, int? ChildPopulation, int? PopulationYear,
    string? PopulationSource, DateTimeOffset ImportedAt)
{
    internal static Feature<AreaProperties> FeatureOf(Area area) => new(area.Id, area.Geom,
        new AreaProperties(area.Code, area.Name, area.Kind, area.ParentId, area.ChildPopulation, area.PopulationYear, area.PopulationSource, area.ImportedAt));
}
