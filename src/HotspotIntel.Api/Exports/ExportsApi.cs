using System.ComponentModel;
using System.Globalization;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Lists;
using HotspotIntel.Api.Persons;
using HotspotIntel.Core;
using HotspotIntel.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.Exports;

/// <summary>
/// Exports of every list as CSV, or GeoJSON, in WGS84 or British National Grid, with each row's marking and the file's
/// strictest marking in its name: the whole list as its filter selects it (the same filters, masking and suppression as
/// the REST list). An export of persons hands person-level data outside the system: it is a disclosure, names a
/// recipient and a reason, and is logged naming every person in it.
/// </summary>
public static class ExportsApi
{
    private const string Route = "/api/exports";
    private const string CsvType = "text/csv";

    private static readonly HashSet<string> Reserved = new(["format", "crs"], StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Exports");
        foreach (var table in ListTables.All.Where(table => table.Policy == Policies.ReadRecords))
        {
            api.MapGet($"/{table.Id}", (HttpRequest request, HotspotIntelDbContext db, IOptions<JsonOptions> json, TimeProvider time,
                    [Description("csv (the default) or geojson")] string? format,
                    [Description("EPSG:27700 (British National Grid) or EPSG:4326 (WGS84, longitude first; the default)")] string? crs,
                    CancellationToken cancellationToken) => ExportAsync(table, request, db, json.Value, time, format, crs, null, cancellationToken))
                .WithName($"Export{PascalCase(table.Id)}").RequireAuthorization(table.Policy)
                .WithMetadata(new ListParametersMetadata([table]))
                .Produces(StatusCodes.Status200OK, typeof(string), CsvType, "application/geo+json")
                .WithSummary($"{table.Title} as a file: all of them that the filters select, as CSV or GeoJSON, in WGS84 or British National Grid. "
                    + "Each row carries its security marking; the file's name starts with the strictest.");
        }

        api.MapPost($"/{PersonsTable.Table.Id}", ExportPersonsAsync).WithName("ExportPersons").RequireAuthorization(PersonsTable.Table.Policy)
            .WithMetadata(new ListParametersMetadata([PersonsTable.Table]))
            .Produces(StatusCodes.Status200OK, typeof(string), CsvType)
            .WithSummary("Persons as a CSV file: a disclosure of person-level data, to the recipient and for the reason in the body, logged naming every person in it.");
        return app;
    }

    public static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportPersonsAsync(
        DisclosureRequest disclosure, HttpRequest request, HotspotIntelDbContext db, IOptions<JsonOptions> json, TimeProvider time, AuditLog audit,
        [Description("csv, the only format for a list without a place")] string? format,
        CancellationToken cancellationToken)
    {
        if (disclosure.Validate() is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        return await ExportAsync(PersonsTable.Table, request, db, json.Value, time, format, null,
            file => audit.RecordDisclosuresAsync("persons", file.Keys, disclosure, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Reads the list's parameters, writes the export and, when <paramref name="disclose"/> is given, logs it before the
    /// file is sent: an export whose disclosure cannot be logged is not given.
    /// </summary>
    private static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(IListTable table, HttpRequest request,
        HotspotIntelDbContext db, JsonOptions json, TimeProvider time, string? format, string? crs, Func<ExportFile, Task>? disclose,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var query = ListQuery.Read(request.Query, table.Title, table.Parameters, table.HasTime, Reserved, errors);
        var filter = table.ReadFilter(query, errors);
        var exportFormat = CodeListInput.ReadOne<ExportFormat>(format, "format", errors) ?? ExportFormat.Csv;
        var outputCrs = OutputCrs.FromExport(crs);
        if (outputCrs is null)
        {
            errors.Add("crs", "Must be EPSG:27700 (British National Grid) or EPSG:4326 (WGS84, longitude first).");
        }

        if (table.Geometry == ListGeometry.None && (exportFormat == ExportFormat.GeoJson || crs is not null || query.Box is not null))
        {
            errors.Add(exportFormat == ExportFormat.GeoJson ? "format" : crs is not null ? "crs" : "bbox", $"{table.Title} have no place: CSV only, without crs or bbox.");
        }

        if (await table.CheckAsync(db, filter, errors, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var area = query.Box is { } box ? await CrsTransform.ToStoredAsync(db, box, query.BoxCrs, cancellationToken) : null;
        var file = await ListExporter.WriteAsync(db, table, filter, area, outputCrs!, exportFormat, json.SerializerOptions, cancellationToken);
        try
        {
            if (disclose is not null)
            {
                await disclose(file);
            }
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        var crsPart = table.Geometry == ListGeometry.None ? "" : $"-{outputCrs!.Code.Replace(":", "", StringComparison.Ordinal)}";
        var (extension, contentType) = exportFormat == ExportFormat.Csv ? ("csv", CsvType) : ("geojson", "application/geo+json");
        // FileStreamHttpResult disposes the stream once sent, which deletes the temporary file.
        return MarkedFile.Of(request.HttpContext.Response, EnumCodes<SecurityMarking>.ToCode(file.Marking), file.Content, contentType,
            $"hotspotintel-{table.Id}{crsPart}-{stamp}.{extension}");
    }

    private static string PascalCase(string kebab) =>
        string.Concat(kebab.Split('-').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
}
