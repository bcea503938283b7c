using System.ComponentModel;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Records;
using HotspotIntel.Core;
using HotspotIntel.Core.MissingEpisodes;
using HotspotIntel.Core.Persons;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
        // Outside the group: counts are for every operational role, not only those who may read episodes.
        app.MapGet(Kind.Route + "/frequently-missing", CountFrequentlyMissingAsync).WithName("CountFrequentlyMissing").WithTags("Missing episodes")
            .RequireAuthorization(Policies.ReadRecords)
            .WithSummary("Children frequently missing at the end of each month, in all and per ward or 500 m cell where their episodes were found: "
                + "counts only, small counts withheld.");
        return app;
    }

    /// <summary>The longest period the counts cover in one request, months.</summary>
    public const int MostMonths = 36;

    /// <summary>
    /// The frequently-missing flag (<c>Partnership:FrequentlyMissing</c>) as counts, computed in the database by
    /// <c>frequently_missing_counts()</c> (migrations/0036), which returns counts only and withholds small ones, over the
    /// episodes the caller's agency may read; so tasking members and licensing officers, who may not read episodes, get
    /// the counts, and nobody gets an id. Not logged as a consultation: like hotspot and tile counts, it names no record.
    /// </summary>
    public static async Task<Results<Ok<FrequentlyMissingCountsView>, ValidationProblem>> CountFrequentlyMissingAsync(
        HotspotIntelDbContext db, TimeProvider time, IOptions<PartnershipOptions> partnership,
        [Description("ward (default): the basemap's wards; cell: 500 m masking cells")] string? areaType,
        [Description("First month, yyyy-MM (default: eleven months before the last)")] string? from,
        [Description("Last month, yyyy-MM, not after the current month (default: the current month)")] string? to,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var type = FrequentlyMissingAreaType.Ward;
        if (areaType is not null && !EnumCodes<FrequentlyMissingAreaType>.TryParse(areaType, out type))
        {
            errors.Add("areaType", $"Must be one of: {string.Join(", ", EnumCodes<FrequentlyMissingAreaType>.All)}.");
        }

        var thisMonth = Month(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var last = ReadMonth(to, "to", errors) ?? thisMonth;
        var first = ReadMonth(from, "from", errors) ?? last.AddMonths(-11);
        if (last > thisMonth)
        {
            errors.Add("to", $"Must not be after the current month ({thisMonth:yyyy-MM}).");
        }

        if (first > last)
        {
            errors.Add("from", "Must not be after to.");
        }
        else if (first < last.AddMonths(1 - MostMonths))
        {
            errors.Add("from", $"The period may cover at most {MostMonths} months.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var rule = partnership.Value.FrequentlyMissing;
        var typeCode = EnumCodes<FrequentlyMissingAreaType>.ToCode(type);
        var rows = await db.Database.SqlQuery<FrequentlyMissingRow>(
            $"SELECT month, area_code, children FROM frequently_missing_counts({typeCode}, {first}, {last}, {rule.EpisodeThreshold}, {rule.WindowDays})")
            .ToListAsync(cancellationToken);
        var months = rows.GroupBy(row => row.Month).OrderBy(month => month.Key).Select(month =>
        {
            var total = month.Single(row => row.AreaCode is null);
            return new FrequentlyMissingMonth(month.Key.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), total.Children, total.Children is null,
                [.. month.Where(row => row.AreaCode is not null).OrderBy(row => row.AreaCode, StringComparer.Ordinal)
                    .Select(row => new FrequentlyMissingArea(row.AreaCode!, row.Children, row.Children is null))]);
        }).ToList();
        return TypedResults.Ok(new FrequentlyMissingCountsView(type, rule.EpisodeThreshold, rule.WindowDays, HotspotPrivacyFloors.MaskingMinimumCount, months));
    }

    private static DateOnly Month(DateOnly day) => new(day.Year, day.Month, 1);

    private static DateOnly? ReadMonth(string? value, string field, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var month))
        {
            return month;
        }

        errors.Add(field, "Must be a month, yyyy-MM.");
        return null;
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

        foreach (var (field, time) in new[] { ("returnInterviewOfferedAt", request.ReturnInterviewOfferedAt), ("returnInterviewDoneAt", request.ReturnInterviewDoneAt) })
        {
            if (time is { } given)
            {
                TimeInput.NotInFuture(given, recording.Now, field, errors);
            }
        }

        foreach (var (field, message) in ReturnHomeInterview.Problems(request.ReturnedAt, request.ReturnInterviewOfferedAt,
            request.ReturnInterviewDoneAt, request.ReturnInterviewDeclined))
        {
            errors.Add(field, message);
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
        episode.ReturnInterviewOfferedAt = request.ReturnInterviewOfferedAt;
        episode.ReturnInterviewDoneAt = request.ReturnInterviewDoneAt;
        episode.ReturnInterviewDeclined = request.ReturnInterviewDeclined;
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
