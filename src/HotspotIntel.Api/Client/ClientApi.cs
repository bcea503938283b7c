using HotspotIntel.Api.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.Client;

/// <summary>
/// The map client from the same origin as the API: its built files at <c>/</c>, <c>index.html</c> for any other
/// path that is not the API's, and its start-up configuration. Only these are open without a token: the files hold
/// no data, and every data request the client makes carries the user's token.
/// </summary>
public static class ClientApi
{
    /// <summary>First path segments that are the API's: an unknown path under them is a 404, never the index page.</summary>
    private static readonly string[] ApiSegments =
        ["api", "basemap", "tiles", "ogc", "collections", "conformance", "hangfire", "swagger", "openapi", "health"];

    public static void AddMapClient(this WebApplicationBuilder builder) =>
        builder.Services.AddOptions<ClientOptions>().Bind(builder.Configuration.GetSection(ClientOptions.Section));

    /// <summary>
    /// Static files, and the index page for the client's own paths, before authentication so that the fallback policy
    /// (a signed-in user) never applies to them. The index page is served here when routing found no endpoint, not by a
    /// fallback endpoint: an endpoint that matched every GET would stand in routing beside a POST-only API path and turn
    /// its 405 into a 404.
    /// </summary>
    public static void UseMapClientFiles(this WebApplication app)
    {
        if (ClientFiles(app) is not { } files)
        {
            return;
        }

        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is null && IsClientPage(context.Request))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.SendFileAsync(files.GetFileInfo("index.html"), context.RequestAborted);
                return;
            }

            await next(context);
        });
    }

    /// <summary>A GET or HEAD of a path that is neither a file (its last segment has no extension) nor the API's.</summary>
    private static bool IsClientPage(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var path = request.Path.Value ?? "/";
        var first = path.TrimStart('/').Split('/', 2)[0];
        return !ApiSegments.Contains(first, StringComparer.OrdinalIgnoreCase) && !Path.HasExtension(path.Split('/')[^1]);
    }

    public static IEndpointRouteBuilder MapClientApi(this WebApplication app)
    {
        app.MapGet("/api/client-config", GetClientConfig).WithName("GetClientConfig").WithTags("Client").AllowAnonymous()
            .WithSummary("What the map client needs before it signs in: the basemap style URL or PMTiles basemap URL (both null: the offline style) and the region's box.");
        app.MapGet(ClientOptions.BasemapPmtilesUrl, GetBasemapPmtiles).WithName("GetBasemapPmtiles").WithTags("Client")
            .WithSummary("The partnership's PMTiles basemap file (Client:BasemapPmtilesPath), read by byte ranges: send a Range header for 206 Partial Content.");
        app.MapMethods(ClientOptions.BasemapPmtilesUrl, [HttpMethods.Head], GetBasemapPmtiles).WithName("HeadBasemapPmtiles").WithTags("Client")
            .WithSummary("The PMTiles basemap file's length and validators, without its bytes.");
        return app;
    }

    public static Ok<ClientConfig> GetClientConfig(IOptions<ClientOptions> client, IOptions<PartnershipOptions> partnership, IWebHostEnvironment environment) =>
        TypedResults.Ok(new ClientConfig(string.IsNullOrWhiteSpace(client.Value.BasemapStyleUrl) ? null : client.Value.BasemapStyleUrl,
            partnership.Value.Region, PmtilesFile(client.Value, environment) is null ? null : ClientOptions.BasemapPmtilesUrl));

    /// <summary>
    /// The partnership's PMTiles basemap with range processing: MapLibre's pmtiles protocol reads its header, directories
    /// and each tile as byte ranges (206), never the whole file.
    /// </summary>
    public static Results<PhysicalFileHttpResult, ProblemHttpResult> GetBasemapPmtiles(IOptions<ClientOptions> client, IWebHostEnvironment environment) =>
        PmtilesFile(client.Value, environment) is { } path
            ? TypedResults.PhysicalFile(path, "application/vnd.pmtiles", enableRangeProcessing: true)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No PMTiles basemap is configured.",
                detail: "Set Client:BasemapPmtilesPath to a PMTiles file the API can read.");

    private static string? PmtilesFile(ClientOptions client, IWebHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(client.BasemapPmtilesPath))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(environment.ContentRootPath, client.BasemapPmtilesPath));
        return File.Exists(path) ? path : null;
    }

    private static PhysicalFileProvider? ClientFiles(WebApplication app)
    {
        var configured = app.Services.GetRequiredService<IOptions<ClientOptions>>().Value.Path;
        var folder = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, configured));
        return File.Exists(Path.Combine(folder, "index.html")) ? new PhysicalFileProvider(folder) : null;
    }
}
