using System.ComponentModel;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Json;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Lists;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.OgcFeatures;

/// <summary>
/// OGC API - Features (Part 1 Core with GeoJSON and OpenAPI 3.0, Part 2 CRS by reference) at <c>/ogc</c>, so that QGIS,
/// ArcGIS and GDAL open the spatial lists from one URL: the same token, the same queries, masking and suppression as the
/// REST lists (<see cref="IListTable"/>), keyset paging with next and prev links (never OFFSET), and CRS84, EPSG:4326 and
/// British National Grid.
/// </summary>
public static class OgcFeaturesApi
{
    public const string Tag = "OGC API Features";
    public const string Route = "/ogc";
    public const string GeoJson = "application/geo+json";
    public const string OpenApi30 = "application/vnd.oai.openapi+json;version=3.0";
    public const string SchemaJson = "application/schema+json";

    /// <summary>The document <c>/openapi/ogc.json</c> describes these endpoints alone, in OpenAPI 3.0 as the oas30 class asks.</summary>
    public const string OpenApiDocument = "ogc";

    /// <summary>Succeeded runs' collections listed per page of <c>/ogc/collections</c>; a <c>next</c> link gives the older ones.</summary>
    public const int RunCollectionsPerPage = 50;

    private static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    ];

    private static readonly HashSet<string> ItemsParameters = new(["limit", "cursor", "before", "crs", "f"], StringComparer.Ordinal);
    private static readonly HashSet<string> ItemParameters = new(["crs", "f"], StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapOgcFeaturesApi(this IEndpointRouteBuilder app)
    {
        var ogc = app.MapGroup(Route).WithTags(Tag).RequireAuthorization(Policies.ReadRecords);
        ogc.MapGet("/", GetLandingPage).WithName("OgcLandingPage")
            .WithSummary("The OGC API Features landing page: links to the API definition, the conformance classes and the collections. Open this URL in QGIS or GDAL (OAPIF:…/ogc).");
        ogc.MapGet("/conformance", GetConformance).WithName("OgcConformance")
            .WithSummary("The conformance classes implemented: Part 1 Core, GeoJSON and OpenAPI 3.0, and Part 2 CRS by reference.");
        ogc.MapGet("/collections", ListCollectionsAsync).WithName("OgcListCollections")
            .WithSummary("The feature collections: reports, vehicle sightings, premises, named places, the published run's hotspots, and each succeeded run's hotspots (newest first, "
                + $"{RunCollectionsPerPage} runs a page, next link for older).");
        ogc.MapGet("/collections/{collectionId}", GetCollectionAsync).WithName("OgcGetCollection")
            .WithSummary("One feature collection: its extent (the partnership's region; for reports, the earliest and latest occurredAt you may see), CRSs and links.");
        ogc.MapGet("/collections/{collectionId}/queryables", GetQueryablesAsync).WithName("OgcGetQueryables")
            .WithSummary("The properties a collection's items can be filtered by, as query parameters name=value (JSON Schema).");
        ogc.MapGet("/collections/{collectionId}/schema", GetSchemaAsync).WithName("OgcGetSchema")
            .WithSummary("The properties of a collection's features with their types (JSON Schema).");
        ogc.MapGet("/collections/{collectionId}/items", GetItemsAsync).WithName("OgcGetItems")
            .Produces<OgcFeatureCollection>(StatusCodes.Status200OK, GeoJson)
            .WithSummary("A page of a collection's features, newest first, in crs (default CRS84), filtered by bbox (in bbox-crs), datetime and the collection's "
                + "queryables, with next and prev links (keyset paging). The same masking and suppression as the REST lists: tasking members and licensing officers "
                + "get a child-linked report only at its 500 m cell centre. Content-Crs names the CRS.");
        ogc.MapGet("/collections/{collectionId}/items/{featureId}", GetItemAsync).WithName("OgcGetItem")
            .Produces<OgcFeature>(StatusCodes.Status200OK, GeoJson)
            .WithSummary("One feature of a collection, in crs (default CRS84), masked as in the items.");
        // A client pointed at the site's root finds the service instead of the map client's page.
        app.MapGet("/collections", () => TypedResults.RedirectToRoute("OgcListCollections")).WithName("OgcCollectionsAtRoot").WithTags(Tag)
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/conformance", () => TypedResults.RedirectToRoute("OgcConformance")).WithName("OgcConformanceAtRoot").WithTags(Tag)
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static Ok<OgcLandingPage> GetLandingPage(HttpRequest request)
    {
        var root = Root(request);
        return TypedResults.Ok(new OgcLandingPage("HotspotIntel",
            "Intelligence reports, vehicle sightings, premises, named places and hotspots of the safeguarding partnership, as your role may see them. "
                + "Send your token as Authorization: Bearer.",
            [
                new($"{root}{Route}", "self", "application/json", "This document"),
                new($"{root}/openapi/{OpenApiDocument}.json", "service-desc", OpenApi30, "The API definition (OpenAPI 3.0)"),
                new($"{root}/swagger", "service-doc", "text/html", "The API documentation"),
                new($"{root}{Route}/conformance", "conformance", "application/json", "The conformance classes implemented"),
                new($"{root}{Route}/collections", "data", "application/json", "The feature collections"),
            ]));
    }

    public static Ok<OgcConformance> GetConformance() => TypedResults.Ok(new OgcConformance(ConformanceClasses));

    public static async Task<Results<Ok<OgcCollections>, ValidationProblem>> ListCollectionsAsync(
        HttpRequest request, HotspotIntelDbContext db, IOptions<PartnershipOptions> partnership,
        [Description("next link's cursor: the older runs' collections")] string? cursor,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!KeysetCursor.TryDecode(cursor, out var afterRun))
        {
            errors.Add("cursor", "Not a cursor this API issued; follow the next link unchanged.");
            return errors.ToProblem();
        }

        var root = Root(request);
        var runs = await OgcCollectionSource.RunsAsync(db, afterRun, RunCollectionsPerPage, cancellationToken);
        var sources = (afterRun is null ? OgcCollectionSource.Fixed : []).Concat(runs.Take(RunCollectionsPerPage));
        var collections = new List<OgcCollection>();
        foreach (var source in sources)
        {
            collections.Add(await CollectionAsync(source, root, db, partnership.Value, cancellationToken));
        }

        List<OgcLink> links = [new($"{root}{Route}/collections{request.QueryString}", "self", "application/json", "This document")];
        if (runs.Count > RunCollectionsPerPage)
        {
            links.Add(new($"{root}{Route}/collections?cursor={KeysetCursor.Encode(runs[RunCollectionsPerPage - 1].RunId!.Value)}", "next", "application/json",
                "Older hotspot runs"));
        }

        return TypedResults.Ok(new OgcCollections(links, [.. OutputCrs.All.Select(crs => crs.Uri)], collections));
    }

    public static async Task<Results<Ok<OgcCollection>, ProblemHttpResult>> GetCollectionAsync(
        [Description("The collection's id, from /ogc/collections")] string collectionId,
        HttpRequest request, HotspotIntelDbContext db, IOptions<PartnershipOptions> partnership, CancellationToken cancellationToken)
    {
        var source = await OgcCollectionSource.FindAsync(db, collectionId, cancellationToken);
        return source is null ? NoSuchCollection(collectionId) : TypedResults.Ok(await CollectionAsync(source, Root(request), db, partnership.Value, cancellationToken));
    }

    public static async Task<Results<JsonHttpResult<OgcSchema>, ProblemHttpResult>> GetQueryablesAsync(
        [Description("The collection's id, from /ogc/collections")] string collectionId, HttpRequest request, HotspotIntelDbContext db,
        CancellationToken cancellationToken)
    {
        var source = await OgcCollectionSource.FindAsync(db, collectionId, cancellationToken);
        if (source is null)
        {
            return NoSuchCollection(collectionId);
        }

        // Queryables are the filters that match a property exactly, so that a client may turn "property = value" into name=value.
        var columns = source.Table.Columns.ToDictionary(column => column.Name);
        var properties = source.Parameters.Where(parameter => columns.ContainsKey(parameter.Name))
            .ToDictionary(parameter => parameter.Name, parameter => SchemaProperty(columns[parameter.Name], parameter));
        return TypedResults.Json(new OgcSchema("https://json-schema.org/draft/2020-12/schema", $"{Root(request)}{Route}/collections/{source.Id}/queryables",
            "object", $"{source.Title}: queryables", properties, true), contentType: SchemaJson);
    }

    public static async Task<Results<JsonHttpResult<OgcSchema>, ProblemHttpResult>> GetSchemaAsync(
        [Description("The collection's id, from /ogc/collections")] string collectionId, HttpRequest request, HotspotIntelDbContext db,
        CancellationToken cancellationToken)
    {
        var source = await OgcCollectionSource.FindAsync(db, collectionId, cancellationToken);
        if (source is null)
        {
            return NoSuchCollection(collectionId);
        }

        var properties = source.Table.Columns.ToDictionary(column => column.Name, column => SchemaProperty(column, null));
        return TypedResults.Json(new OgcSchema("https://json-schema.org/draft/2020-12/schema", $"{Root(request)}{Route}/collections/{source.Id}/schema",
            "object", source.Title, properties, false), contentType: SchemaJson);
    }

    public static async Task<Results<JsonHttpResult<OgcFeatureCollection>, ValidationProblem, ProblemHttpResult>> GetItemsAsync(
        [Description("The collection's id, from /ogc/collections")] string collectionId,
        [Description("Features per page, 1 to 1000 (default 100)")] int? limit,
        [Description("next link's cursor: the features after the last of the previous page")] string? cursor,
        [Description("prev link's cursor: the features before the first of the next page")] string? before,
        [Description("Lower and upper corner in bbox-crs's axis order: minLon,minLat,maxLon,maxLat in CRS84 (the default)")] string? bbox,
        [FromQuery(Name = "bbox-crs"), Description("The CRS of bbox: a URI from the collection's crs list (default CRS84)")] string? bboxCrs,
        [Description("A time, a day, or an interval start/end (.. for open): reports and vehicle sightings by occurredAt")] string? datetime,
        [Description("The CRS of the geometries: a URI from the collection's crs list (default CRS84)")] string? crs,
        [Description("The encoding: json (GeoJSON, the only one)")] string? f,
        HttpRequest request, HttpResponse response, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var source = await OgcCollectionSource.FindAsync(db, collectionId, cancellationToken);
        if (source is null)
        {
            return NoSuchCollection(collectionId);
        }

        var errors = new ValidationErrors();
        var query = ListQuery.Read(request.Query, source.Title, source.Parameters, source.Table.HasTime, ItemsParameters, errors);
        var filter = source.ReadFilter(query, errors);
        var outputCrs = ReadCrs(crs, errors);
        ReadEncoding(f, errors);
        var pageSize = KeysetCursor.ReadPaging(limit, cursor, errors, out var after);
        if (!KeysetCursor.TryDecode(before, out var beforeKey))
        {
            errors.Add("before", "Not a cursor this API issued; follow the prev link unchanged.");
        }

        if (after is not null && beforeKey is not null)
        {
            errors.Add("before", "Give cursor or before, not both.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var area = query.Box is { } box ? await CrsTransform.ToStoredAsync(db, box, query.BoxCrs, cancellationToken) : null;
        var page = await source.Table.PageAsync(db, filter, area, after, beforeKey, pageSize, cancellationToken);
        var geometries = await CrsTransform.FromStoredAsync(db, [.. page.Rows.Select(row => row.Geometry)], outputCrs!, cancellationToken);
        var columns = source.Table.Columns;
        var features = page.Rows.Select((row, i) => Feature(row, geometries[i], columns, null)).ToList();

        var items = $"{Root(request)}{Route}/collections/{source.Id}/items";
        List<OgcLink> links =
        [
            new($"{items}{request.QueryString}", "self", GeoJson, "This page"),
            new($"{Root(request)}{Route}/collections/{source.Id}", "collection", "application/json", source.Title),
        ];
        var (hasNext, hasPrevious) = beforeKey is null ? (page.MoreBeyond, after is not null) : (true, page.MoreBeyond);
        if (hasNext && page.Rows.Count > 0)
        {
            links.Add(new(PageLink(items, request.Query, "cursor", page.Rows[^1].Id), "next", GeoJson, "The next page"));
        }

        if (hasPrevious)
        {
            var first = page.Rows.Count > 0 ? page.Rows[0].Id : after!.Value;
            links.Add(new(PageLink(items, request.Query, "before", first), "prev", GeoJson, "The previous page"));
        }

        response.Headers["Content-Crs"] = outputCrs!.ContentCrsHeader;
        return TypedResults.Json(new OgcFeatureCollection(DateTimeOffset.UtcNow, features.Count, features, links), contentType: GeoJson);
    }

    public static async Task<Results<JsonHttpResult<OgcFeature>, ValidationProblem, ProblemHttpResult>> GetItemAsync(
        [Description("The collection's id, from /ogc/collections")] string collectionId,
        [Description("The feature's id")] string featureId,
        [Description("The CRS of the geometry: a URI from the collection's crs list (default CRS84)")] string? crs,
        [Description("The encoding: json (GeoJSON, the only one)")] string? f,
        HttpRequest request, HttpResponse response, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var source = await OgcCollectionSource.FindAsync(db, collectionId, cancellationToken);
        if (source is null)
        {
            return NoSuchCollection(collectionId);
        }

        var errors = new ValidationErrors();
        var outputCrs = ReadCrs(crs, errors);
        ReadEncoding(f, errors);
        foreach (var name in request.Query.Keys.Where(name => !ItemParameters.Contains(name)))
        {
            errors.Add(name, "A feature takes no parameter but crs and f.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var filter = source.ReadFilter(ListQuery.None, errors);
        var row = Guid.TryParse(featureId, out var id) ? await source.Table.FindAsync(db, filter, id, cancellationToken) : null;
        if (row is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such feature.",
                detail: $"The collection {source.Id} has no feature {featureId} that you can see.");
        }

        var geometry = (await CrsTransform.FromStoredAsync(db, [row.Geometry], outputCrs!, cancellationToken))[0];
        var root = Root(request);
        response.Headers["Content-Crs"] = outputCrs!.ContentCrsHeader;
        return TypedResults.Json(Feature(row, geometry, source.Table.Columns,
        [
            new($"{root}{Route}/collections/{source.Id}/items/{row.Id}{request.QueryString}", "self", GeoJson, "This feature"),
            new($"{root}{Route}/collections/{source.Id}", "collection", "application/json", source.Title),
        ]), contentType: GeoJson);
    }

    private static async Task<OgcCollection> CollectionAsync(OgcCollectionSource source, string root, HotspotIntelDbContext db,
        PartnershipOptions partnership, CancellationToken cancellationToken)
    {
        var region = partnership.Region;
        OgcTemporalExtent? temporal = null;
        if (source.Table.HasTime)
        {
            var (earliest, latest) = await source.Table.TimeExtentAsync(db, cancellationToken);
            temporal = new OgcTemporalExtent([[earliest, latest]], "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian");
        }

        var path = $"{root}{Route}/collections/{source.Id}";
        return new OgcCollection(source.Id, source.Title, source.Description, "feature",
            new OgcExtent(new OgcSpatialExtent([[region.MinLongitude, region.MinLatitude, region.MaxLongitude, region.MaxLatitude]], OutputCrs.Crs84.Uri), temporal),
            [.. OutputCrs.All.Select(crs => crs.Uri)], OutputCrs.Crs84.Uri,
            [
                new(path, "self", "application/json", "This collection"),
                new($"{path}/items", "items", GeoJson, $"{source.Title} (GeoJSON)"),
                new($"{path}/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", SchemaJson, "What the items can be filtered by"),
                new($"{path}/schema", "describedby", SchemaJson, "The properties of the features"),
            ]);
    }

    private static OgcFeature Feature(ListRow row, NetTopologySuite.Geometries.Geometry? geometry, IReadOnlyList<ColumnInfo> columns, IReadOnlyList<OgcLink>? links)
    {
        var properties = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            properties[columns[i].Name] = row.Values[i];
        }

        // Only lists with a place are collections, and every row of those has one.
        return new OgcFeature(row.Id.ToString(), geometry!, properties, links);
    }

    private static OgcSchemaProperty SchemaProperty(ColumnInfo column, ListParameter? parameter) => new(
        column.Type switch
        {
            ColumnType.Integer => "integer",
            ColumnType.Number => "number",
            ColumnType.Boolean => "boolean",
            _ => "string",
        },
        column.Description,
        column.Type switch { ColumnType.Date => "date", ColumnType.DateTime => "date-time", _ => null },
        parameter?.Codes);

    private static OutputCrs? ReadCrs(string? crs, ValidationErrors errors)
    {
        var outputCrs = OutputCrs.FromOgc(crs);
        if (outputCrs is null)
        {
            errors.Add("crs", $"Must be one of: {string.Join(", ", OutputCrs.All.Select(c => c.Uri))}.");
        }

        return outputCrs;
    }

    private static void ReadEncoding(string? f, ValidationErrors errors)
    {
        if (f is not (null or "json" or "geojson"))
        {
            errors.Add("f", "Only json (GeoJSON) is served.");
        }
    }

    private static string PageLink(string items, IQueryCollection query, string cursorName, Guid key)
    {
        var parameters = query.Where(pair => pair.Key is not ("cursor" or "before"))
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)))
            .Append(new(cursorName, KeysetCursor.Encode(key)));
        return $"{items}{QueryString.Create(parameters)}";
    }

    private static ProblemHttpResult NoSuchCollection(string collectionId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such collection.",
            detail: $"There is no collection '{collectionId}'; /ogc/collections lists them.");

    /// <summary>The site's root URL as the client reached it, for absolute links.</summary>
    private static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
