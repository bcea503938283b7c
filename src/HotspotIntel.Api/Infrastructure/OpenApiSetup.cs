using System.Text.Json.Nodes;
using HotspotIntel.Api.OgcFeatures;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Infrastructure;

internal static class OpenApiSetup
{
    /// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, with NetTopologySuite geometries described as RFC 7946 GeoJSON.</summary>
    public static void AddHotspotIntelOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options => Describe(options));
        // OGC API Features' oas30 conformance class asks for OpenAPI 3.0: a document of its endpoints alone, in that version.
        services.AddOpenApi(OgcFeaturesApi.OpenApiDocument, options =>
        {
            Describe(options);
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.ShouldInclude = description => description.ActionDescriptor.EndpointMetadata.OfType<ITagsMetadata>()
                .Any(tags => tags.Tags.Contains(OgcFeaturesApi.Tag));
        });
    }

    private static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "HotspotIntel API";
            document.Info.Description = "Lawfully recorded intelligence, hotspots and disruption for safeguarding partnerships. "
                + "Coordinates are WGS84 longitude, latitude unless a request says coordinateSystem EPSG:27700. "
                + "Every endpoint but /health needs a bearer token (run.sh prints how to get one).";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                ["Bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT" },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (typeof(Geometry).IsAssignableFrom(context.JsonTypeInfo.Type))
            {
                DescribeGeoJsonGeometry(schema);
            }
            else if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
            {
                // A string read through StorableStringConverter is described as nothing at all without this.
                schema.Type = context.JsonPropertyInfo is { IsSetNullable: true } ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            }
            else if (context.JsonTypeInfo.ElementType == typeof(string) && schema.Items is null)
            {
                schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
            }

            return Task.CompletedTask;
        });
    }

    private static void DescribeGeoJsonGeometry(OpenApiSchema schema)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Description = "A GeoJSON geometry (RFC 7946): Point, Polygon or MultiPolygon; positions are [longitude, latitude] in WGS84, or [easting, northing] when the request's coordinateSystem is EPSG:27700.";
        schema.Required = new HashSet<string> { "type", "coordinates" };
        schema.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("Point"), JsonValue.Create("Polygon"), JsonValue.Create("MultiPolygon")] },
            ["coordinates"] = new OpenApiSchema { Type = JsonSchemaType.Array },
        };
        schema.Examples = [JsonNode.Parse("""{ "type": "Point", "coordinates": [-1.8904, 52.4862] }""")!];
    }
}
