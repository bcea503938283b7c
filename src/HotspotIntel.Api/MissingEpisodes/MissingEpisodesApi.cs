using System.ComponentModel;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Records;
using HotspotIntel.Core;
using HotspotIntel.Core.MissingEpisodes;
using HotspotIntel.Core.Persons;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.MissingEpisodes;

/// <summary>
/// Episodes of a child missing from home or care: record, read, correct, list by child and time, and delete. Analysts
/// and supervisors only; every read states its justification and is logged as a consultation.
/// </summary>
public static class MissingEpisodesApi
{
    internal static readonly RecordKind<MissingEpisode, MissingEpisodeRequest, MissingEpisodeView> Kind = new()
    {
        Route = "/api/missing-episodes",
        Noun = "missing episode",
        Name = "MissingEpisode",
        Access = new(Read: Policies.HandlePersonIntelligence, Create: Policies.HandlePersonIntelligence, Change: Policies.HandlePersonIntelligence),
        Summaries = new(
            Get: "One missing episode. Requires a Justification header; logged.",
            Create: "Record a missing episode of a child at risk for your agency. Send an Idempotency-Key header to make retries safe.",
            Update: "Replace a missing episode, e.g. to record the child's return (your agency's episodes only).",
            Delete: "Delete a missing episode (your agency's episodes only)."),
        ReadsAreConsultations = true,
        PersonsConcerned = episode => [episode.PersonId],
        New = recording => new MissingEpisode { Id = Guid.CreateVersion7(recording.Now), CreatedAt = recording.Now },
        ApplyAsync = ApplyAsync,
        View = MissingEpisodeView.Of,
    };

    public static IEndpointRouteBuilder MapMissingEpisodesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Kind.Route).WithTags("Missing episodes").RequireAuthorization(Policies.HandlePersonIntelligence);
        api.MapGet("/", ListMissingEpisodesAsync).WithName("ListMissingEpisodes")
            .WithSummary("List missing episodes filtered by child, the time they started and agency, newest first. Requires a Justification header; logged.");
        api.MapRecordEndpoints(Kind);
        return app;
    }

    public static async Task<Results<Ok<Page<MissingEpisodeView>>, ValidationProblem>> ListMissingEpisodesAsync(
        HotspotIntelDbContext db, AuditLog audit,
        [AsParameters] JustificationHeader justification,
        [Description("The child")] Guid? personId,
        [Description("Earliest missingFrom, inclusive (ISO 8601)")] DateTimeOffset? from,
        [Description("Latest missingFrom, exclusive (ISO 8601)")] DateTimeOffset? to,
        [Description("Recording agency")] Guid? agencyId,
        [AsParameters] PagingRequest paging,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        justification.Require(errors);
        var page = paging.Read(errors);
        if (from >= to)
        {
            errors.Add("to", "Must be later than from.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (episodes, next) = await page.ReadAsync(Filter(db.MissingEpisodes.AsNoTracking(), personId, from, to, agencyId), e => e.Id, cancellationToken);
        await audit.RecordConsultationAsync(Kind.Table(db), [.. episodes.Select(e => e.Id)], justification.Value!, cancellationToken,
            episodes.Select(e => (Guid?)e.PersonId));
        return TypedResults.Ok(new Page<MissingEpisodeView>([.. episodes.Select(MissingEpisodeView.Of)], next));
    }

    /// <summary>The list filter; a child's episodes in a window come from the (person_id, missing_from) index.</summary>
    internal static IQueryable<MissingEpisode> Filter(IQueryable<MissingEpisode> episodes, Guid? personId, DateTimeOffset? from,
        DateTimeOffset? to, Guid? agencyId)
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

        return episodes;
    }

    private static async Task ApplyAsync(MissingEpisodeRequest request, MissingEpisode episode, RecordWrite write)
    {
        var (db, recording, errors, cancellationToken) = (write.Db, write.Recording, write.Errors, write.CancellationToken);
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
