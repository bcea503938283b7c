using HotspotIntel.Api.Data;
using HotspotIntel.Api.Network;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace HotspotIntel.Api.Basemap;

/// <summary>
/// The offline basemap's geography (<c>basemap_features</c>: streets, ward boundaries and place labels, which the demo
/// loader fills with the synthetic city's) as one GeoJSON FeatureCollection, drawn by the map client's offline style.
/// It is not personal data, so any signed-in reader gets all of it; it changes only when the data is reloaded.
/// </summary>
public static class BasemapApi
{
    public const string GeoJsonMediaType = "application/geo+json";

    public static IEndpointRouteBuilder MapBasemapApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/basemap", GetBasemapAsync).WithName("GetBasemap").WithTags("Client")
            .WithSummary("The offline basemap: streets (layer street, with name and kind), ward boundaries (layer ward) and place labels "
                + "(layer place) as a GeoJSON FeatureCollection in WGS84; empty when no basemap geography is loaded.");
        return app;
    }

    public static async Task<ContentHttpResult> GetBasemapAsync(HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var connection = await NetworkStore.OpenAsync(db, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                'type', 'Feature', 'id', id,
                'properties', json_build_object('layer', layer, 'kind', kind, 'name', name),
                'geometry', ST_AsGeoJSON(geom, 6)::json) ORDER BY id), '[]'::json))::text
            FROM basemap_features
            """, connection);
        var json = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        return TypedResults.Text(json, GeoJsonMediaType);
    }
}
