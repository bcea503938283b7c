using System.ComponentModel;
using System.Diagnostics;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// Bulk imports of reports and premises from CSV or GeoJSON files: every row or none, safe to retry. The rows belong
/// to the signed-in user's agency; who may import what is who may record it one by one.
/// </summary>
public static class ImportsApi
{
    private const string Route = "/api/imports";

    /// <summary>The largest import file: about a million report rows.</summary>
    public const long MaxFileBytes = 512L * 1024 * 1024;

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Imports");
        // Kestrel's limit suits JSON records; a file needs the larger one.
        api.MapPost("/reports", ImportReportsAsync).WithName("ImportReports").RequireAuthorization(Policies.SubmitReports)
            .WithSummary("Import intelligence reports for your agency from a CSV file or a GeoJSON FeatureCollection: every row, or none and the reasons.")
            .Accepts<Stream>(ImportFormats.CsvMediaType, ImportFormats.GeoJsonMediaType, ImportFormats.JsonMediaType)
            .DescribesImportOf(ReportImportTarget.FileFields).WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes));
        api.MapPost("/premises", ImportPremisesAsync).WithName("ImportPremises").RequireAuthorization(Policies.RecordPlaces)
            .WithSummary("Import premises for your agency from a CSV file or a GeoJSON FeatureCollection: every row, or none and the reasons.")
            .Accepts<Stream>(ImportFormats.CsvMediaType, ImportFormats.GeoJsonMediaType, ImportFormats.JsonMediaType)
            .DescribesImportOf(PremisesImportTarget.FileFields).WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes));
        api.MapGet("/{id}", GetImportAsync).WithName("GetImport").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("An import of your agency that committed: its kind, row count and time.");
        return app;
    }

    public static Task<Results<Created<ImportResult>, Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> ImportReportsAsync(
        [FromHeader(Name = IdempotencyKeys.Header), Description(KeyDescription)] string? idempotencyKey,
        HttpContext context, Importer importer, CancellationToken cancellationToken) =>
        ImportAsync(ImportKind.Reports, idempotencyKey, context, importer, cancellationToken);

    public static Task<Results<Created<ImportResult>, Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> ImportPremisesAsync(
        [FromHeader(Name = IdempotencyKeys.Header), Description(KeyDescription)] string? idempotencyKey,
        HttpContext context, Importer importer, CancellationToken cancellationToken) =>
        ImportAsync(ImportKind.Premises, idempotencyKey, context, importer, cancellationToken);

    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> GetImportAsync(
        [Description("Import id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        return import is null ? Problems.NotFound("import", id) : TypedResults.Ok(ImportResult.Of(import));
    }

    private const string KeyDescription =
        "Required: any string unique among your imports (1 to 200 printable characters). A retry with the same key and file returns the first result; with another file, 409.";

    private static async Task<Results<Created<ImportResult>, Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        ImportKind kind, string? idempotencyKey, HttpContext context, Importer importer, CancellationToken cancellationToken)
    {
        if (ImportFormats.FromContentType(context.Request.ContentType) is not { } format)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The request body's content type is not supported here.",
                detail: $"Send the file as {ImportFormats.CsvMediaType} or {ImportFormats.GeoJsonMediaType} ({ImportFormats.JsonMediaType} is read as GeoJSON), "
                    + $"not {context.Request.ContentType ?? "without a Content-Type"}.");
        }

        var outcome = await importer.ImportAsync(kind, format, context.Request.Body, idempotencyKey, cancellationToken);
        return outcome switch
        {
            ImportOutcome.Imported { Replayed: false } imported => TypedResults.Created($"{Route}/{imported.Result.ImportId}", imported.Result),
            ImportOutcome.Imported replayed => TypedResults.Ok(replayed.Result),
            ImportOutcome.RequestInvalid invalid => invalid.Errors.ToProblem(),
            ImportOutcome.KeyReused => Problems.Conflict("Idempotency-Key reused.",
                "You already used this Idempotency-Key to import a different file (or kind, or for another agency); nothing was imported."),
            ImportOutcome.FileRejected rejected => TypedResults.Problem(statusCode: rejected.Status, title: rejected.Title, detail: rejected.Detail,
                extensions: new Dictionary<string, object?> { ["rowErrors"] = rejected.RowErrors, ["moreRowErrors"] = rejected.MoreRowErrors }),
            var other => throw new UnreachableException($"Unhandled import outcome {other}."),
        };
    }
}
