using HotspotIntel.Api.Records;
using System.ComponentModel;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Buffers.Text;
using System.Security.Cryptography;
using HotspotIntel.Api.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace HotspotIntel.Api.Tiles;

/// <summary>Mapbox Vector Tiles of reports, premises and hotspots for the map client, masked for the caller's role in SQL.</summary>
public static class TilesApi
{
    public const string ContentType = "application/vnd.mapbox-vector-tile";

    public static IEndpointRouteBuilder MapTilesApi(this IEndpointRouteBuilder app)
    {
        // z, x and y are read by the handler rather than constrained in the route, so a bad one gets Problem Details
        // naming it instead of an unexplained 404.
        // HEAD as well as GET, so that clients that ask for a tile's size and tag first (GDAL's /vsicurl/) find it.
        app.MapMethods("/tiles/{layer}/{z}/{x}/{y}.mvt", [HttpMethods.Head], GetTileAsync).WithName("HeadTile").WithTags("Tiles")
            .RequireAuthorization(Policies.ReadRecords).ReadsFromReplica().Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status304NotModified)
            .WithSummary("A tile's headers (Content-Length, ETag) without its body, as GetTile answers.");
        app.MapGet("/tiles/{layer}/{z}/{x}/{y}.mvt", GetTileAsync).WithName("GetTile").WithTags("Tiles")
            .RequireAuthorization(Policies.ReadRecords).ReadsFromReplica()
            .Produces(StatusCodes.Status200OK, typeof(byte[]), ContentType)
            .Produces(StatusCodes.Status304NotModified)
            .WithSummary("A Mapbox Vector Tile (EPSG:3857, XYZ) of reports or premises (points from zoom 14, counts per grid cell "
                + "(point_count) below it), or of hotspots (the latest succeeded run's areas with id, trend, weighted_score, "
                + "report_count and confidence_percent, at every zoom). Child-linked reports are masked for tasking members and "
                + "licensing officers as in /api/reports. 204 when the tile is empty. HEAD answers as GET without the body; "
                + "each tile has an ETag, and If-None-Match with it answers 304.");
        app.MapGet("/tiles/{layer}.json", GetTileJson).WithName("GetTileJson").WithTags("Tiles").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("TileJSON 3.0.0 for a tile layer (reports, premises or hotspots): its tile URL, zooms, the partnership's region and the "
                + "attributes of its features. Report filters given here (time window, category, grading, agency, risk indicator) go into the tile URL.");
        app.MapGet("/tiles/style.json", GetStyle).WithName("GetTileStyle").WithTags("Tiles").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("A MapLibre style (version 8) drawing the tile layers as the map client does: hotspots by trend, report and premises counts and points. "
                + "No glyphs or sprite, so it loads offline; open it in MapLibre or QGIS with your token.");
        return app;
    }

    public static async Task<Results<FileContentHttpResult, NoContent, ValidationProblem>> GetTileAsync(
        [Description("reports, premises or hotspots")] string layer,
        [Description("Zoom, 0 to 22")] string z,
        [Description("Column from the west, 0 to 2^z - 1")] string x,
        [Description("Row from the north, 0 to 2^z - 1")] string y,
        [Description("Earliest occurredAt, inclusive (ISO 8601; reports only)")] DateTimeOffset? from,
        [Description("Latest occurredAt, exclusive (ISO 8601; reports only)")] DateTimeOffset? to,
        [Description("Category codes, repeated or comma-separated (reports only)")] string[]? category,
        [Description("Source evaluations 1, 2, 3 (reports only)")] string[]? sourceEvaluation,
        [Description("Intelligence assessments A to E (reports only)")] string[]? intelligenceAssessment,
        [Description("Handling codes P, C (reports only)")] string[]? handlingCode,
        [Description("Recording agency (reports only)")] Guid? agencyId,
        [Description("Risk indicator codes, repeated or comma-separated: reports that record any of them (reports only)")] string[]? indicator,
        DatabaseRoute database, AccessSession session, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!TileLayer.ByName.TryGetValue(layer, out var tileLayer))
        {
            errors.Add("layer", $"'{layer}' is not one of: {string.Join(", ", TileLayer.ByName.Keys)}.");
        }

        var tile = TileAddress.Read(z, x, y, errors);
        var filter = ReportFilter.Read(from, to, category, sourceEvaluation, intelligenceAssessment, handlingCode, agencyId, indicator, errors);
        if (errors.Any || tileLayer is null || tile is not { } address)
        {
            return errors.ToProblem();
        }

        var bytes = await TileQueries.TileAsync(database.DataSource, session, tileLayer, address, filter, cancellationToken);
        // Tiles depend on who asks (masking, sharing): only the user's own browser may keep them, and briefly.
        http.Response.Headers.CacheControl = "private, max-age=60";
        http.Response.Headers.Vary = HeaderNames.Authorization;
        // The tag is the content's: a client that has these bytes gets a 304 (the file result reads If-None-Match).
        return bytes.Length == 0 ? TypedResults.NoContent()
            : TypedResults.File(bytes, ContentType, entityTag: new EntityTagHeaderValue($"\"{Base64Url.EncodeToString(SHA256.HashData(bytes).AsSpan(0, 16))}\""));
    }

    public static Results<Ok<TileJson>, ValidationProblem> GetTileJson(
        [Description("reports, premises or hotspots")] string layer,
        [Description("Earliest occurredAt, inclusive (ISO 8601; reports only)")] DateTimeOffset? from,
        [Description("Latest occurredAt, exclusive (ISO 8601; reports only)")] DateTimeOffset? to,
        [Description("Category codes, repeated or comma-separated (reports only)")] string[]? category,
        [Description("Source evaluations 1, 2, 3 (reports only)")] string[]? sourceEvaluation,
        [Description("Intelligence assessments A to E (reports only)")] string[]? intelligenceAssessment,
        [Description("Handling codes P, C (reports only)")] string[]? handlingCode,
        [Description("Recording agency (reports only)")] Guid? agencyId,
        [Description("Risk indicator codes, repeated or comma-separated: reports that record any of them (reports only)")] string[]? indicator,
        HttpRequest request, IOptions<PartnershipOptions> partnership)
    {
        var errors = new ValidationErrors();
        if (!TileLayer.ByName.TryGetValue(layer, out var tileLayer))
        {
            errors.Add("layer", $"'{layer}' is not one of: {string.Join(", ", TileLayer.ByName.Keys)}.");
        }

        var filter = ReportFilter.Read(from, to, category, sourceEvaluation, intelligenceAssessment, handlingCode, agencyId, indicator, errors);
        if (tileLayer is { TakesReportFilters: false } && !filter.IsEmpty)
        {
            errors.Add("layer", $"The {layer} layer takes no report filters.");
        }

        if (errors.Any || tileLayer is null)
        {
            return errors.ToProblem();
        }

        var region = partnership.Value.Region;
        var tiles = $"{Root(request)}/tiles/{tileLayer.Name}/{{z}}/{{x}}/{{y}}.mvt{request.QueryString}";
        return TypedResults.Ok(new TileJson("3.0.0", tileLayer.Name, tileLayer.Description, "xyz", [tiles], 0, MaxDataZoom,
            [region.MinLongitude, region.MinLatitude, region.MaxLongitude, region.MaxLatitude], Centre(region),
            [new TileJsonVectorLayer(tileLayer.Name, tileLayer.Description, 0, MaxDataZoom, tileLayer.Fields)],
            "HotspotIntel: synthetic or partnership data; handle as the records' markings say"));
    }

    public static Ok<System.Text.Json.Nodes.JsonObject> GetStyle(HttpRequest request, IOptions<PartnershipOptions> partnership) =>
        TypedResults.Ok(TileStyle.Build($"{Root(request)}/tiles/{{layer}}.json", [.. TileLayer.ByName.Values], Centre(partnership.Value.Region)));

    /// <summary>
    /// The deepest zoom whose tiles hold more than the one above (points from zoom 14 are exact to a few centimetres by
    /// zoom 16); MapLibre draws deeper zooms from these.
    /// </summary>
    public const int MaxDataZoom = 16;

    /// <summary>The middle of the region, longitude, latitude and a zoom that shows a city.</summary>
    private static double[] Centre(Core.Spatial.RegionBounds region) =>
        [(region.MinLongitude + region.MaxLongitude) / 2, (region.MinLatitude + region.MaxLatitude) / 2, 9];

    private static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
