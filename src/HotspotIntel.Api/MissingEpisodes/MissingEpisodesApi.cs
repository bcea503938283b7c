using System.ComponentModel;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Common;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core;
using HotspotIntel.Core.MissingEpisodes;
using HotspotIntel.Core.Persons;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.MissingEpisodes;

/// <summary>
/// Episodes of a child missing from home or care: record, read, correct, list by child and time, and delete. Analysts
/// and supervisors only; every read states its justification and is logged as a consultation.
/// </summary>
public static class MissingEpisodesApi
{
    private const string Route = "/api/missing-episodes";
    private const string AuditedAs = "missing_episodes";

    public static IEndpointRouteBuilder MapMissingEpisodesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Missing episodes").RequireAuthorization(Policies.HandlePersonIntelligence);
        api.MapGet("/", ListMissingEpisodesAsync).WithName("ListMissingEpisodes")
            .WithSummary("List missing episodes filtered by child, the time they started and agency, newest first. Requires a Justification header; logged.");
        api.MapGet("/{id}", GetMissingEpisodeAsync).WithName("GetMissingEpisode")
            .WithSummary("One missing episode. Requires a Justification header; logged.");
        api.MapPost("/", CreateMissingEpisodeAsync).WithName("CreateMissingEpisode")
            .WithSummary("Record a missing episode of a child at risk for your agency. Send an Idempotency-Key header to make retries safe.");
        api.MapPut("/{id}", UpdateMissingEpisodeAsync).WithName("UpdateMissingEpisode")
            .WithSummary("Replace a missing episode, e.g. to record the child's return (your agency's episodes only).");
        api.MapDelete("/{id}", DeleteMissingEpisodeAsync).WithName("DeleteMissingEpisode")
            .WithSummary("Delete a missing episode (your agency's episodes only).");
        return app;
    }

    public static async Task<Results<Ok<Page<MissingEpisodeView>>, ValidationProblem>> ListMissingEpisodesAsync(
        HotspotIntelDbContext db, AuditLog audit,
        [FromHeader(Name = AuditLog.JustificationHeader), Description(AuditLog.JustificationDescription)] string? justification,
        [Description("The child")] Guid? personId,
        [Description("Earliest missingFrom, inclusive (ISO 8601)")] DateTimeOffset? from,
        [Description("Latest missingFrom, exclusive (ISO 8601)")] DateTimeOffset? to,
        [Description("Recording agency")] Guid? agencyId,
        [Description("Page size, 1 to 1000 (default 100)")] int? limit,
        [Description("nextCursor of the previous page")] string? cursor,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AuditLog.RequireJustification(justification, errors);
        var pageSize = KeysetCursor.ReadPaging(limit, cursor, errors, out var after);
        if (from >= to)
        {
            errors.Add("to", "Must be later than from.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var page = await Filter(db.MissingEpisodes.AsNoTracking(), personId, from, to, agencyId, after)
            .OrderByDescending(e => e.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = KeysetCursor.Next(page, pageSize, e => e.Id);
        await audit.RecordConsultationAsync(AuditedAs, [.. page.Select(e => e.Id)], justification!, cancellationToken,
            page.Select(e => (Guid?)e.PersonId));
        return TypedResults.Ok(new Page<MissingEpisodeView>([.. page.Select(MissingEpisodeView.Of)], next));
    }

    /// <summary>The list filter; a child's episodes in a window come from the (person_id, missing_from) index.</summary>
    internal static IQueryable<MissingEpisode> Filter(IQueryable<MissingEpisode> episodes, Guid? personId, DateTimeOffset? from,
        DateTimeOffset? to, Guid? agencyId, Guid? after)
    {
        if (personId is not null)
        {
            episodes = episodes.Where(e => e.PersonId == personId);
        }

        if (from is not null)
        {
            episodes = episodes.Where(e => e.MissingFrom >= from);
        }

        if (to is not null)
        {
            episodes = episodes.Where(e => e.MissingFrom < to);
        }

        if (agencyId is not null)
        {
            episodes = episodes.Where(e => e.AgencyId == agencyId);
        }

        if (after is not null)
        {
            episodes = episodes.Where(e => e.Id.CompareTo(after.Value) < 0);
        }

        return episodes;
    }

    public static async Task<Results<Ok<MissingEpisodeView>, ValidationProblem, ProblemHttpResult>> GetMissingEpisodeAsync(
        [Description("Missing episode id")] Guid id,
        [FromHeader(Name = AuditLog.JustificationHeader), Description(AuditLog.JustificationDescription)] string? justification,
        HotspotIntelDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AuditLog.RequireJustification(justification, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var episode = await db.MissingEpisodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (episode is null)
        {
            return Problems.NotFound("missing episode", id);
        }

        await audit.RecordConsultationAsync(AuditedAs, [id], justification!, cancellationToken, [episode.PersonId]);
        return TypedResults.Ok(MissingEpisodeView.Of(episode));
    }

    public static async Task<Results<Created<MissingEpisodeView>, ValidationProblem, ProblemHttpResult>> CreateMissingEpisodeAsync(
        MissingEpisodeRequest request,
        [FromHeader(Name = IdempotencyKeys.Header), Description("Any unique string; a retry with the same key returns the first response")] string? idempotencyKey,
        HotspotIntelDbContext db, IdempotencyKeys idempotency, RecordingContext recording, CancellationToken cancellationToken)
    {
        return await RecordWrites.CreateAsync(db, idempotency, idempotencyKey, Route, request,
            () => new MissingEpisode { Id = Guid.CreateVersion7(recording.Now), CreatedAt = recording.Now },
            (episode, errors) => ApplyAsync(request, episode, db, recording, errors, cancellationToken),
            MissingEpisodeView.Of, cancellationToken);
    }

    public static async Task<Results<Ok<MissingEpisodeView>, ValidationProblem, ProblemHttpResult>> UpdateMissingEpisodeAsync(
        [Description("Missing episode id")] Guid id, MissingEpisodeRequest request, HotspotIntelDbContext db, RecordingContext recording,
        CancellationToken cancellationToken)
    {
        var episode = await db.MissingEpisodes.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return await RecordWrites.UpdateAsync(db, episode, "missing episode", id, recording,
            (episode, errors) => ApplyAsync(request, episode, db, recording, errors, cancellationToken),
            MissingEpisodeView.Of, cancellationToken);
    }

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteMissingEpisodeAsync(
        [Description("Missing episode id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken) =>
        RecordWrites.DeleteAsync<MissingEpisode>(db, id, "missing episode", recording, cancellationToken);

    private static async Task ApplyAsync(MissingEpisodeRequest request, MissingEpisode episode, HotspotIntelDbContext db,
        RecordingContext recording, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var partnership = recording.Partnership;
        request.ApplyRestrictions(episode, recording, partnership.ReviewPeriods.MissingEpisodeDays, errors);
        await CheckChildAsync(request.PersonId, db, errors, cancellationToken);
        TimeInput.NotInFuture(request.MissingFrom, recording.Now, "missingFrom", errors);
        if (request.ReturnedAt is { } returnedAt)
        {
            TimeInput.NotInFuture(returnedAt, recording.Now, "returnedAt", errors);
            if (returnedAt < request.MissingFrom)
            {
                errors.Add("returnedAt", "Cannot be earlier than missingFrom.");
            }
        }

        var foundLocation = request.FoundLocation is null ? null
            : GeometryInput.ToStored(request.FoundLocation, request.CoordinateSystem, partnership.Region, "foundLocation", errors, OgcGeometryType.Point);
        var notes = TextInput.Optional(request.Notes, 5000, "notes", errors);
        if (errors.Any)
        {
            return;
        }

        episode.PersonId = request.PersonId;
        episode.MissingFrom = request.MissingFrom;
        episode.ReturnedAt = request.ReturnedAt;
        episode.FoundLocation = (Point?)foundLocation;
        episode.FromCare = request.FromCare;
        episode.Notes = notes;
        episode.UpdatedAt = recording.Now;
    }

    // Only children go missing in the sense the partnership's protocol counts (see FrequentlyMissingRule).
    private static async Task CheckChildAsync(Guid personId, HotspotIntelDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var role = await db.Persons.Where(p => p.Id == personId).Select(p => (PersonRole?)p.Role).SingleOrDefaultAsync(cancellationToken);
        if (role is null)
        {
            errors.Add("personId", $"There is no person with id {personId}.");
        }
        else if (role != PersonRole.ChildAtRisk)
        {
            errors.Add("personId", $"Missing episodes are recorded only for a child at risk; this person's role is {EnumCodes<PersonRole>.ToCode(role.Value)}.");
        }
    }
}
