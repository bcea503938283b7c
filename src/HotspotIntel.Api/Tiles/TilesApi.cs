using System.ComponentModel;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
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
        app.MapGet("/tiles/{layer}/{z}/{x}/{y}.mvt", GetTileAsync).WithName("GetTile").WithTags("Tiles")
            .RequireAuthorization(Policies.ReadRecords).ReadsFromReplica()
            .WithSummary("A Mapbox Vector Tile (EPSG:3857, XYZ) of reports or premises (points from zoom 14, counts per grid cell "
                + "(point_count) below it), or of hotspots (the latest succeeded run's areas with id, trend, weighted_score, "
                + "report_count and confidence_percent, at every zoom). Child-linked reports are masked for tasking members and "
                + "licensing officers as in /api/reports. 204 when the tile is empty.");
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
        DatabaseRoute database, AccessSession session, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!TileLayer.ByName.TryGetValue(layer, out var tileLayer))
        {
            errors.Add("layer", $"'{layer}' is not one of: {string.Join(", ", TileLayer.ByName.Keys)}.");
        }

        var tile = TileAddress.Read(z, x, y, errors);
        var filter = ReportFilter.Read(from, to, category, sourceEvaluation, intelligenceAssessment, handlingCode, agencyId, errors);
        if (errors.Any || tileLayer is null || tile is not { } address)
        {
            return errors.ToProblem();
        }

        var bytes = await TileQueries.TileAsync(database.DataSource, session, tileLayer, address, filter, cancellationToken);
        // Tiles depend on who asks (masking, sharing): only the user's own browser may keep them, and briefly.
        http.Response.Headers.CacheControl = "private, max-age=60";
        http.Response.Headers.Vary = HeaderNames.Authorization;
        return bytes.Length == 0 ? TypedResults.NoContent() : TypedResults.File(bytes, ContentType);
    }
}
