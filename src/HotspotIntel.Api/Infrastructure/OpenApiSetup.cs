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
            options.AddDocumentTransformer((document, _, _) =>
            {
                OmitNullReferences(document);
                return Task.CompletedTask;
            });
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
            // Proprietary: an SPDX LicenseRef names it (OpenAPI 3.1); there is no public licence text to link to.
            document.Info.License = new OpenApiLicense
            {
                Name = "Proprietary: HotspotIntel, for the partnerships it is licensed to; their data under their information sharing agreements",
                Identifier = "LicenseRef-HotspotIntel-Proprietary",
            };
            // The server is wherever the API runs: a relative URL, so that a generated client and the committed copy of
            // this document do not name the host that happened to serve it.
            document.Servers = [new OpenApiServer { Url = "/", Description = "The origin that serves this document" }];
            var order = Tags.Keys.ToList();
            document.Tags = new HashSet<OpenApiTag>((document.Tags ?? new HashSet<OpenApiTag>()).Select(tag => tag.Name!)
                .OrderBy(name => order.IndexOf(name) is var index and >= 0 ? index : int.MaxValue)
                .Select(name => new OpenApiTag { Name = name, Description = Tags.GetValueOrDefault(name) }));
            DescribeGeoJsonMembers(document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(new StandardResponses());
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (typeof(Geometry).IsAssignableFrom(context.JsonTypeInfo.Type))
            {
                DescribeGeoJsonGeometry(schema);
            }
            else if ((Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type).IsEnum && schema.Enum is { Count: > 0 })
            {
                // Enums are written as their codes (JsonStringEnumConverter): strings. A nullable one is shared as one
                // component, so its null belongs to the properties that allow it (they say so with oneOf), not to the codes.
                schema.Type = JsonSchemaType.String;
                schema.Enum = [.. schema.Enum.Where(code => code is not null && code.GetValueKind() != System.Text.Json.JsonValueKind.Null)];
            }
            else if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
            {
                // A string read through StorableStringConverter is described as nothing at all without this.
                schema.Type = context.JsonPropertyInfo is { IsSetNullable: true } ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            }
            else if (context.JsonTypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Enumerable
                && context.JsonTypeInfo.ElementType == typeof(string) && schema.Items is null)
            {
                schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// GeoJSON objects' <c>type</c> is a constant the records compute ("Feature", "FeatureCollection") and always write,
    /// and a feature's properties are never null; the schema generator sees an optional nullable string and a nullable
    /// type parameter. The schemas are found by the names it gives them (<c>FeatureOf…</c>, <c>FeatureCollectionOf…</c>).
    /// </summary>
    private static void DescribeGeoJsonMembers(OpenApiDocument document)
    {
        foreach (var (name, component) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            var type = name.StartsWith("FeatureCollectionOf", StringComparison.Ordinal) || name == nameof(OgcFeatureCollection) ? "FeatureCollection"
                : name.StartsWith("FeatureOf", StringComparison.Ordinal) || name == nameof(OgcFeature) ? "Feature"
                : null;
            if (type is null || component is not OpenApiSchema { Properties: { } properties } schema || !properties.ContainsKey("type"))
            {
                continue;
            }

            properties["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(type)] };
            schema.Required ??= new HashSet<string>();
            schema.Required.Add("type");
            if (properties.TryGetValue("properties", out var members) && members is OpenApiSchema { OneOf: [OpenApiSchema { Type: JsonSchemaType.Null }, var record] })
            {
                properties["properties"] = record;
            }
        }
    }

    /// <summary>
    /// OpenAPI 3.0 cannot say "null or this referenced schema" (its <c>nullable</c> needs a <c>type</c> beside it): the
    /// OGC documents' optional references are members the API leaves out when null, so they become optional, not nullable.
    /// </summary>
    private static void OmitNullReferences(OpenApiDocument document)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            foreach (var (name, property) in schema.Properties?.ToList() ?? [])
            {
                if (property is OpenApiSchema { OneOf: [OpenApiSchema { Type: JsonSchemaType.Null }, OpenApiSchemaReference reference] })
                {
                    schema.Properties![name] = reference;
                    schema.Required?.Remove(name);
                }
            }
        }
    }

    /// <summary>Every tag an operation may carry, in the order the document lists them, with what its operations are for.</summary>
    private static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["Reports"] = "Intelligence reports: record, read, correct, list by place, time, category and grading, disclose and delete. Child-linked places are masked for tasking members and licensing officers.",
        ["Imports"] = "Bulk imports of reports and premises from CSV or GeoJSON files: all or nothing, retried safely with an Idempotency-Key.",
        ["Persons"] = "Persons recorded because of a concern: analysts and supervisors only; every read names its justification and is logged.",
        ["Premises"] = "Premises with an owner or a licence, and premises checks: the concerns recorded against one and the hotspots near it.",
        ["Locations"] = "Named public places: parks, stations, taxi ranks, the surroundings of schools and children's homes.",
        ["Vehicles"] = "Vehicles of concern and vehicle checks, found by registration mark or hire plate.",
        ["Phone numbers"] = "Phone numbers of interest, held in E.164 form, found however they are typed.",
        ["Online identifiers"] = "Online identifiers of interest: email addresses, social media and messaging handles, gaming ids.",
        ["Links"] = "Links between persons, premises, vehicles, places, phone numbers and online identifiers, with the reports they come from.",
        ["Missing episodes"] = "Episodes of a child missing from home or care, and whether the child is frequently missing.",
        ["Disruption actions"] = "What partners do about a hotspot, premises, vehicle, named place or person: the action board, its tactics and outcomes.",
        ["Hotspots"] = "Hotspots of the published run or an earlier one, with their history, trend and contents.",
        ["Hotspot runs"] = "Hotspot analysis runs: start one with a method and parameters, follow it, and compare runs.",
        ["Tiles"] = "Vector tiles of reports, premises and hotspots for map clients, their TileJSON and a MapLibre style.",
        ["Basemap"] = "The basemap the partnership loaded (a PMTiles file), served with range requests.",
        ["Meeting packs"] = "Tasking meeting packs of an area and period, and the board's problem profiles of a set of areas (PDF, HTML, CSV per table), built by a job under their maker's access, listed with who made them; downloading one is a logged disclosure.",
        ["Panels"] = "MACE/CMOG panels and perpetrator forums: a list of adults, premises, vehicles and places shown only to whoever may read each record, children by social-care case reference only, meetings with attendees by agency, decisions and agreed actions, and a meeting's pack as a logged disclosure.",
        ["Areas"] = "The partnership's wards and council areas with child population figures, imported by supervisors and administrators, and each area's problem profile figures for a period.",
        ["Exports"] = "Every list as a CSV or GeoJSON file, in WGS84 or British National Grid, stamped with its security marking; persons only as a logged disclosure.",
        ["OGC API Features"] = "The spatial lists as OGC API Features (Part 1 Core, GeoJSON, OpenAPI 3.0; Part 2 CRS), for QGIS, ArcGIS and GDAL.",
        ["Agencies"] = "Partner agencies and their sharing agreements (administrators).",
        ["Audit"] = "The audit log of consultations, disclosures, changes and erasures, and its verification (supervisors).",
        ["Review and retention"] = "Records due for review, and their retention or erasure (supervisors).",
        ["Client"] = "What the map client needs before it signs in.",
        ["Health"] = "Liveness and readiness.",
        ["Entity resolution"] = "Candidate duplicate persons and vehicles, and an analyst's decision on each pair: merge (reversible, both records kept) or reject; every decision audited.",
        ["Network"] = "Analysts' link analysis: networks around entities, paths between them, centrality and communities, the evidence of a link, and chart exports; every answer is a logged combination of personal data.",
    };

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
