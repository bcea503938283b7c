using System.ComponentModel;
using System.Globalization;
using Hangfire;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Paging;
using HotspotIntel.Core;
using HotspotIntel.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.MeetingPacks;

/// <summary>
/// Tasking meeting packs (issue 16 §1): for an area and a period, the new, intensifying and persistent hotspots with a
/// map and trend chart each, what changed since the last meeting's run, premises and vehicles with concerns, open and
/// overdue actions by owner agency, frequently-missing counts and the impact of actions done in the period; as PDF,
/// HTML and CSV per table, built by <see cref="MakeMeetingPackJob"/> under the maker's access. Downloading one hands
/// it outside the system: a disclosure, named and logged.
/// </summary>
public static class MeetingPacksApi
{
    public const string Route = "/api/meeting-packs";

    /// <summary>The audit log's name for a pack, as the triggers name records by their table.</summary>
    public const string EntityKind = "meeting_packs";

    /// <summary>The largest area a pack covers, degrees each way (about 55 by 35 km in England): a meeting's area, not the country.</summary>
    public const double MostDegrees = 0.5;

    public static IEndpointRouteBuilder MapMeetingPacksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Meeting packs").RequireAuthorization(Policies.ReadRecords);
        api.MapPost("/", MakeMeetingPackAsync).WithName("MakeMeetingPack")
            .WithSummary("Ask for a tasking meeting pack of an area and period: a job builds it under your own access (what you may see, masked as you "
                + "see it) and reports its progress on GET /api/meeting-packs/{id}.");
        api.MapGet("/", ListMeetingPacksAsync).WithName("ListMeetingPacks")
            .WithSummary("Meeting packs made in your agency by users in your role (who see what you see), newest first: who made each, when, its area, "
                + "period, status and progress.");
        api.MapGet("/{id}", GetMeetingPackAsync).WithName("GetMeetingPack")
            .WithSummary("One meeting pack: its status, progress, marking and the files it has.");
        api.MapGet("/{id}/{file}", DownloadMeetingPackAsync).WithName("DownloadMeetingPack")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/pdf", "text/html", "text/csv")
            .WithSummary("A file of a built pack (pack.pdf, pack.html or a table's CSV, e.g. hotspots.csv): a disclosure, so name its recipient and "
                + "the reason; logged. Its name starts with its marking and the Security-Marking header carries it.");
        return app;
    }

    public static async Task<Results<Accepted<MeetingPackView>, ValidationProblem>> MakeMeetingPackAsync(
        MeetingPackRequest request, HotspotIntelDbContext db, CurrentUser user, IBackgroundJobClient jobs, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var now = time.GetUtcNow();
        var area = request.Bbox is null ? null : BoundingBox.Read(request.Bbox, errors);
        if (request.Bbox is null)
        {
            errors.Add("bbox", "Give the area as minLon,minLat,maxLon,maxLat (WGS84 degrees).");
        }
        else if (area is { } box && (box.EnvelopeInternal.Width > MostDegrees || box.EnvelopeInternal.Height > MostDegrees))
        {
            errors.Add("bbox", $"A pack covers at most {MostDegrees} degrees each way.");
        }

        if (request.From is null)
        {
            errors.Add("from", "Give the period's start (ISO 8601), usually the last meeting.");
        }

        if (request.To is null)
        {
            errors.Add("to", "Give the period's end (ISO 8601).");
        }
        else if (request.To > now)
        {
            errors.Add("to", $"Must not be after now ({now:O}).");
        }
        else if (request.From >= request.To)
        {
            errors.Add("from", "Must be before to.");
        }
        else if (request.From < request.To.Value.AddYears(-3))
        {
            errors.Add("from", "The period may cover at most three years.");
        }

        var title = TextInput.Optional(request.Title, 200, "title", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var pack = new MeetingPack
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = user.RecordingAgencyId,
            MadeBy = user.UserId!,
            MadeByRole = EnumCodes<Core.Access.UserRole>.ToCode(user.Role!.Value),
            Title = title ?? string.Create(CultureInfo.InvariantCulture, $"Tasking meeting pack, {request.From!.Value.UtcDateTime:d MMM yyyy} to {request.To!.Value.UtcDateTime:d MMM yyyy}"),
            Area = area!,
            PeriodFrom = request.From!.Value,
            PeriodTo = request.To!.Value,
            Status = MeetingPackStatus.Queued,
            RequestedAt = now,
        };
        db.MeetingPacks.Add(pack);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<MakeMeetingPackJob>(job => job.RunAsync(pack.Id, pack.MadeBy, pack.AgencyId, pack.MadeByRole, CancellationToken.None));
        return TypedResults.Accepted($"{Route}/{pack.Id}", MeetingPackView.Of(pack, []));
    }

    public static async Task<Results<Ok<Page<MeetingPackView>>, ValidationProblem>> ListMeetingPacksAsync(
        HotspotIntelDbContext db, [AsParameters] PagingRequest paging, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = paging.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // Row-level security: your agency's packs made in your role.
        var (packs, next) = await page.ReadAsync(db.MeetingPacks.AsNoTracking(), p => p.Id, cancellationToken);
        var files = await FilesAsync(db, [.. packs.Select(p => p.Id)], cancellationToken);
        return TypedResults.Ok(new Page<MeetingPackView>([.. packs.Select(p => MeetingPackView.Of(p, files[p.Id]))], next));
    }

    public static async Task<Results<Ok<MeetingPackView>, ProblemHttpResult>> GetMeetingPackAsync(
        [Description("Meeting pack id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var pack = await db.MeetingPacks.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return pack is null ? Problems.NotFound("meeting pack", id) : TypedResults.Ok(MeetingPackView.Of(pack, (await FilesAsync(db, [id], cancellationToken))[id]));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> DownloadMeetingPackAsync(
        [Description("Meeting pack id")] Guid id,
        [Description("The file: pack.pdf, pack.html or a table's CSV (hotspots.csv, changes.csv, premises.csv, vehicles.csv, actions.csv, frequently-missing.csv, impact.csv)")] string file,
        [Description("Who receives it: a named person, role or body, 1 to 300 characters")] string? recipient,
        [Description("Why it is disclosed, 10 to 1000 characters")] string? justification,
        HttpResponse response, HotspotIntelDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var pack = await db.MeetingPacks.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pack is null)
        {
            return Problems.NotFound("meeting pack", id);
        }

        var disclosure = new DisclosureRequest { Recipient = recipient, Justification = justification };
        var errors = disclosure.Validate();
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (pack.Status != MeetingPackStatus.Succeeded)
        {
            return Problems.Conflict("The pack is not built.", $"The meeting pack {id} is {EnumCodes<MeetingPackStatus>.ToCode(pack.Status)}: its files come once it has succeeded.");
        }

        var stored = await db.MeetingPackFiles.AsNoTracking().SingleOrDefaultAsync(f => f.PackId == id && f.Name == file, cancellationToken);
        if (stored is null)
        {
            return Problems.NotFound("meeting pack file", file);
        }

        // Logged before it is given: a file whose disclosure cannot be logged is not given.
        await audit.RecordDisclosureAsync(EntityKind, id, disclosure, cancellationToken);
        var marking = EnumCodes<SecurityMarking>.ToCode(pack.SecurityMarking ?? SecurityMarking.OfficialSensitive);
        response.Headers["Security-Marking"] = marking;
        return TypedResults.File(stored.Content, stored.ContentType, $"{marking} {file}");
    }

    private static async Task<Dictionary<Guid, List<string>>> FilesAsync(HotspotIntelDbContext db, List<Guid> ids, CancellationToken cancellationToken)
    {
        var files = await db.MeetingPackFiles.AsNoTracking().Where(f => ids.Contains(f.PackId)).OrderBy(f => f.Name)
            .Select(f => new { f.PackId, f.Name }).ToListAsync(cancellationToken);
        return ids.ToDictionary(id => id, id => files.Where(f => f.PackId == id).Select(f => f.Name).ToList());
    }
}
