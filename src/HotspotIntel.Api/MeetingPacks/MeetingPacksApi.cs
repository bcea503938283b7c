using System.ComponentModel;
using System.Globalization;
using Hangfire;
using HotspotIntel.Api.Areas;
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
using NetTopologySuite.Geometries;

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

    /// <summary>The most areas a problem profile covers: a region's wards and council areas.</summary>
    public const int MostAreas = 500;

    /// <summary>A pack is reviewed a year after it was asked for (the review worklist), unless a supervisor retains it.</summary>
    public const int KeptMonths = 12;

    public static IEndpointRouteBuilder MapMeetingPacksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Meeting packs").RequireAuthorization(Policies.ReadRecords);
        api.MapPost("/", MakeMeetingPackAsync).WithName("MakeMeetingPack")
            .WithSummary("Ask for a tasking meeting pack of an area and period, or (kind problem_profile) the board's problem profile of a set of "
                + "imported areas: a job builds it under your own access (what you may see, masked as you see it) and reports its progress on "
                + "GET /api/meeting-packs/{id}.");
        api.MapGet("/", ListMeetingPacksAsync).WithName("ListMeetingPacks")
            .WithSummary("Meeting packs made in your agency by users in your role (who see what you see; a supervisor, all of the agency's), newest "
                + "first: who made each, when, its kind, area, period, status and progress.");
        api.MapGet("/{id}", GetMeetingPackAsync).WithName("GetMeetingPack")
            .WithSummary("One meeting pack: its status, progress, marking and the files it has.");
        api.MapDelete("/{id}", DeleteMeetingPackAsync).WithName("DeleteMeetingPack")
            .WithSummary("Delete a meeting pack and its files (its maker, or a supervisor of its agency); logged.");
        api.MapPost("/{id}/retry", RetryMeetingPackAsync).WithName("RetryMeetingPack")
            .WithSummary("Build a failed pack again (its maker): the same request, queued again; its progress on GET /api/meeting-packs/{id}.");
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
        var kind = request.Kind ?? MeetingPackKind.Tasking;
        var (area, areaIds) = kind == MeetingPackKind.ProblemProfile
            ? await ProfileAreasAsync(db, request, errors, cancellationToken)
            : (TaskingArea(request, errors), null);
        if (kind == MeetingPackKind.ProblemProfile)
        {
            AreaProfiles.ReadPeriod(request.From, request.To, now, errors);
        }
        else
        {
            ReadTaskingPeriod(request, now, errors);
        }

        var title = TextInput.Optional(request.Title, 200, "title", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (from, to) = (request.From!.Value, request.To!.Value);
        var pack = new MeetingPack
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            AreaIds = areaIds,
            AgencyId = user.RecordingAgencyId,
            MadeBy = user.UserId!,
            MadeByRole = EnumCodes<Core.Access.UserRole>.ToCode(user.Role!.Value),
            Title = title ?? string.Create(CultureInfo.InvariantCulture,
                $"{(kind == MeetingPackKind.ProblemProfile ? "Problem profile" : "Tasking meeting pack")}, {from.UtcDateTime:d MMM yyyy} to {to.UtcDateTime:d MMM yyyy}"),
            Area = area!,
            PeriodFrom = from,
            PeriodTo = to,
            Status = MeetingPackStatus.Queued,
            RequestedAt = now,
            ReviewOn = DateOnly.FromDateTime(now.UtcDateTime).AddMonths(KeptMonths),
        };
        db.MeetingPacks.Add(pack);
        await db.SaveChangesAsync(cancellationToken);
        Enqueue(jobs, pack);
        return TypedResults.Accepted($"{Route}/{pack.Id}", MeetingPackView.Of(pack, []));
    }

    private static Polygon? TaskingArea(MeetingPackRequest request, ValidationErrors errors)
    {
        var area = request.Bbox is null ? null : BoundingBox.Read(request.Bbox, errors);
        if (request.Bbox is null)
        {
            errors.Add("bbox", "Give the area as minLon,minLat,maxLon,maxLat (WGS84 degrees).");
        }
        else if (area is { } box && (box.EnvelopeInternal.Width > MostDegrees || box.EnvelopeInternal.Height > MostDegrees))
        {
            errors.Add("bbox", $"A pack covers at most {MostDegrees} degrees each way.");
        }

        if (request.AreaIds is not null)
        {
            errors.Add("areaIds", "Only a problem profile (kind problem_profile) covers areas; a tasking pack covers bbox.");
        }

        return area;
    }

    /// <summary>A profile's areas, each one that exists, and their extent as the pack's rectangle.</summary>
    private static async Task<(Polygon? Extent, List<Guid>? AreaIds)> ProfileAreasAsync(HotspotIntelDbContext db, MeetingPackRequest request,
        ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (request.Bbox is not null)
        {
            errors.Add("bbox", "A problem profile covers areaIds, not a rectangle.");
        }

        var ids = request.AreaIds?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MostAreas)
        {
            errors.Add("areaIds", $"Give the profile's areas: 1 to {MostAreas} ids from GET /api/areas.");
            return (null, null);
        }

        var found = await db.Areas.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Geom }).ToListAsync(cancellationToken);
        var missing = ids.Except(found.Select(a => a.Id)).ToList();
        if (missing.Count > 0)
        {
            errors.Add("areaIds", $"No such area: {string.Join(", ", missing)}.");
            return (null, null);
        }

        var extent = new Envelope();
        found.ForEach(a => extent.ExpandToInclude(a.Geom.EnvelopeInternal));
        var box = (Polygon)new GeometryFactory(new PrecisionModel(), 4326).ToGeometry(extent);
        return (box, ids);
    }

    private static void ReadTaskingPeriod(MeetingPackRequest request, DateTimeOffset now, ValidationErrors errors)
    {
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
    }

    private static void Enqueue(IBackgroundJobClient jobs, MeetingPack pack) =>
        jobs.Enqueue<MakeMeetingPackJob>(job => job.RunAsync(pack.Id, pack.MadeBy, pack.AgencyId, pack.MadeByRole, CancellationToken.None));

    /// <summary>Deletes a pack and its files: its maker, or a supervisor of its agency; logged as an erasure by the audit trigger.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteMeetingPackAsync(
        [Description("Meeting pack id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        // Row-level security: the maker's or, for a supervisor, any of the agency's.
        var deleted = await db.MeetingPacks.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            return TypedResults.NoContent();
        }

        return await db.MeetingPacks.AnyAsync(p => p.Id == id, cancellationToken)
            ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your pack.",
                detail: $"Only the maker of the meeting pack {id} or a supervisor of its agency may delete it.")
            : Problems.NotFound("meeting pack", id);
    }

    /// <summary>Builds a failed pack again, as its maker, from the same request.</summary>
    public static async Task<Results<Accepted<MeetingPackView>, ProblemHttpResult>> RetryMeetingPackAsync(
        [Description("Meeting pack id")] Guid id, HotspotIntelDbContext db, CurrentUser user, IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        var pack = await db.MeetingPacks.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pack is null)
        {
            return Problems.NotFound("meeting pack", id);
        }

        if (pack.MadeBy != user.UserId)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your pack.",
                detail: $"Only the maker of the meeting pack {id} may retry it: it is built with what its maker may see.");
        }

        var requeued = await db.MeetingPacks.Where(p => p.Id == id && p.Status == MeetingPackStatus.Failed).ExecuteUpdateAsync(set => set
            .SetProperty(p => p.Status, MeetingPackStatus.Queued)
            .SetProperty(p => p.ProgressPercent, 0)
            .SetProperty(p => p.Failure, (string?)null)
            .SetProperty(p => p.FinishedAt, (DateTimeOffset?)null), cancellationToken);
        if (requeued == 0)
        {
            return Problems.Conflict("Only a failed pack is retried.", $"The meeting pack {id} is {EnumCodes<MeetingPackStatus>.ToCode(pack.Status)}.");
        }

        Enqueue(jobs, pack);
        var again = await db.MeetingPacks.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken);
        return TypedResults.Accepted($"{Route}/{id}", MeetingPackView.Of(again, []));
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
        return MarkedFile.Of(response, EnumCodes<SecurityMarking>.ToCode(pack.SecurityMarking ?? SecurityMarking.OfficialSensitive), stored.Content, stored.ContentType, file);
    }

    private static async Task<Dictionary<Guid, List<string>>> FilesAsync(HotspotIntelDbContext db, List<Guid> ids, CancellationToken cancellationToken)
    {
        var files = await db.MeetingPackFiles.AsNoTracking().Where(f => ids.Contains(f.PackId)).OrderBy(f => f.Name)
            .Select(f => new { f.PackId, f.Name }).ToListAsync(cancellationToken);
        return ids.ToDictionary(id => id, id => files.Where(f => f.PackId == id).Select(f => f.Name).ToList());
    }
}
