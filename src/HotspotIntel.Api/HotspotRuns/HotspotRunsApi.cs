using System.ComponentModel;
using Hangfire;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Paging;
using HotspotIntel.Core.Hotspots;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// Hotspot analysis runs: the record of every run (method, parameters, data watermark, counts, duration, outcome),
/// starting one with chosen parameters (analysts and supervisors), and what changed between two runs.
/// </summary>
public static class HotspotRunsApi
{
    private const string Route = "/api/hotspot-runs";

    /// <summary>Grown or shrunk means the area changed by more than this share, so redrawing the same cells is not news.</summary>
    public const double AreaChangeShare = 0.1;

    public static IEndpointRouteBuilder MapHotspotRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Hotspots");
        api.MapGet("/", ListRunsAsync).WithName("ListHotspotRuns").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("Hotspot runs, newest first: method, parameters, data watermark, counts, duration and status.");
        api.MapGet("/{id}", GetRunAsync).WithName("GetHotspotRun").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("One hotspot run; poll it to follow a run you started (queued, running, then succeeded, failed or skipped).");
        api.MapPost("/", StartRunAsync).WithName("StartHotspotRun").RequireAuthorization(Policies.TriggerHotspotRuns)
            .WithSummary("Start a hotspot run with a method and parameters changed from the configured ones (analysts and supervisors). "
                + "Answers 202 with the queued run and its Location; a background job carries it out, after any run in progress (the run stays queued meanwhile).");
        api.MapPost("/{id}/publication", PublishRunAsync).WithName("PublishHotspotRun").RequireAuthorization(Policies.TriggerHotspotRuns)
            .WithSummary("Publish a succeeded run (analysts and supervisors, audited): it becomes the run every shared view reads "
                + "(hotspot list, map tiles, premises and vehicle checks, changes). 409 when the run has not succeeded.");
        api.MapGet("/{id}/changes", GetChangesAsync).WithName("GetHotspotRunChanges").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("What changed between an earlier succeeded run (since; default the published one before) and this one: hotspots new, grown, shrunk and gone.");
        return app;
    }

    public static async Task<Results<Ok<Page<HotspotRunView>>, ValidationProblem>> ListRunsAsync(
        HotspotIntelDbContext db, [AsParameters] PagingRequest paging, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = paging.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (runs, next) = await page.ReadAsync(db.HotspotRuns.AsNoTracking(), run => run.Id, cancellationToken);
        return TypedResults.Ok(new Page<HotspotRunView>([.. runs.Select(HotspotRunView.Of)], next));
    }

    public static async Task<Results<Ok<HotspotRunView>, ProblemHttpResult>> GetRunAsync(
        [Description("Run id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var run = await db.HotspotRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return run is null ? Problems.NotFound("hotspot run", id) : TypedResults.Ok(HotspotRunView.Of(run));
    }

    public static async Task<Results<Accepted<HotspotRunView>, ValidationProblem>> StartRunAsync(
        HotspotRunRequest request, HotspotIntelDbContext db, CurrentUser user, IOptions<HotspotOptions> options,
        IBackgroundJobClient jobs, TimeProvider time, CancellationToken cancellationToken)
    {
        var parameters = request.ApplyTo(options.Value.Parameters);
        var errors = new ValidationErrors();
        foreach (var (parameter, message) in parameters.Problems())
        {
            errors.Add(parameter == "method" ? "method" : $"parameters.{parameter}", message);
        }

        var now = time.GetUtcNow();
        if (request.AsOf > now)
        {
            errors.Add("asOf", $"Must not be after now ({now:O}): a run counts the reports up to its date.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var run = new HotspotRun
        {
            Id = Guid.CreateVersion7(now),
            Kind = HotspotRunKind.Requested,
            Method = parameters.Method,
            Parameters = HotspotParametersJson.Write(parameters),
            Status = HotspotRunStatus.Queued,
            AsOf = request.AsOf ?? now,
            RequestedBy = user.UserId!,
            RequestedAt = now,
        };
        db.HotspotRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<RunHotspotAnalysisJob>(job => job.RunAsync(run.Id, CancellationToken.None));
        return TypedResults.Accepted($"{Route}/{run.Id}", HotspotRunView.Of(run));
    }

    public static async Task<Results<Ok<HotspotRunView>, ProblemHttpResult>> PublishRunAsync(
        [Description("Run id")] Guid id, HotspotIntelDbContext db, IOptions<HotspotOptions> options, CancellationToken cancellationToken)
    {
        var parameters = await db.HotspotRuns.Where(r => r.Id == id).Select(r => r.Parameters).SingleOrDefaultAsync(cancellationToken);
        if (parameters is not null && options.Value.PrivacyFloors.Breaches(HotspotParametersJson.Read(parameters)) is [var first, ..] breaches)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The run is below the privacy floors.",
                detail: $"The run {id} cannot be published: {string.Join(" ", breaches.Select(b => $"{b.Parameter}: {b.Problem}"))}",
                extensions: new Dictionary<string, object?> { ["parameter"] = first.Parameter, ["parameters"] = breaches.Select(b => b.Parameter).ToArray() });
        }

        var outcome = await db.Database.SqlQuery<string>($"""SELECT publish_hotspot_run({id}) AS "Value" """).SingleAsync(cancellationToken);
        if (outcome == "not_found")
        {
            return Problems.NotFound("hotspot run", id);
        }

        if (outcome != "published")
        {
            return Problems.Conflict("The run cannot be published.", $"The run {id} is {outcome}; only a succeeded run can be published.");
        }

        var run = await db.HotspotRuns.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        return TypedResults.Ok(HotspotRunView.Of(run));
    }

    public static async Task<Results<Ok<HotspotChanges>, ValidationProblem, ProblemHttpResult>> GetChangesAsync(
        [Description("The later run")] Guid id,
        [Description("The earlier run to compare with (default: the succeeded run before this one)")] Guid? since,
        HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var run = await db.HotspotRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return Problems.NotFound("hotspot run", id);
        }

        var errors = new ValidationErrors();
        if (run.Status != HotspotRunStatus.Succeeded)
        {
            errors.Add("id", $"The run {id} is {Core.EnumCodes<HotspotRunStatus>.ToCode(run.Status)}; only succeeded runs can be compared.");
            return errors.ToProblem();
        }

        var earlier = since is { } sinceId
            ? await db.HotspotRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == sinceId, cancellationToken)
            : await db.HotspotRuns.AsNoTracking().Where(r => r.PublishedAt != null && r.FinishedAt < run.FinishedAt)
                .OrderByDescending(r => r.FinishedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (since is not null && earlier is null)
        {
            errors.Add("since", $"There is no hotspot run {since}.");
        }
        else if (earlier is not null && earlier.Status != HotspotRunStatus.Succeeded)
        {
            errors.Add("since", $"The run {earlier.Id} is {Core.EnumCodes<HotspotRunStatus>.ToCode(earlier.Status)}; only succeeded runs can be compared.");
        }
        else if (earlier is not null && earlier.FinishedAt >= run.FinishedAt)
        {
            errors.Add("since", "Must be a run that finished before this one.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var after = await db.HotspotsSeen(id, null).ToDictionaryAsync(h => h.HotspotId, cancellationToken);
        var before = earlier is null
            ? []
            : await db.HotspotsSeen(earlier.Id, null).ToDictionaryAsync(h => h.HotspotId, cancellationToken);
        var changes = after.Keys.Union(before.Keys).Order().Select(hotspotId =>
        {
            var (was, now) = (before.GetValueOrDefault(hotspotId), after.GetValueOrDefault(hotspotId));
            return new HotspotChange(hotspotId, was?.AreaSquareMeters, now?.AreaSquareMeters, was?.WeightedScore, now?.WeightedScore, (now ?? was)!.Trend);
        }).ToList();
        return TypedResults.Ok(new HotspotChanges(
            id,
            earlier?.Id,
            [.. changes.Where(c => c.AreaSquareMetersBefore is null)],
            [.. changes.Where(c => c.AreaSquareMetersAfter > c.AreaSquareMetersBefore * (1 + AreaChangeShare))],
            [.. changes.Where(c => c.AreaSquareMetersAfter < c.AreaSquareMetersBefore * (1 - AreaChangeShare))],
            [.. changes.Where(c => c.AreaSquareMetersAfter is null)],
            changes.Count(c => c.AreaSquareMetersBefore is { } was && c.AreaSquareMetersAfter is { } now
                && now <= was * (1 + AreaChangeShare) && now >= was * (1 - AreaChangeShare))));
    }
}
