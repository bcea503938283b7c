using System.ComponentModel;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.Panels;
using HotspotIntel.Core.Persons;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Panels;

/// <summary>
/// Panels (issue 16 §3): MACE/CMOG-style panels and perpetrator forums. A panel is a record of its agency; its list names
/// adults of concern, premises, vehicles and places, each shown only to whoever may read that record (row-level
/// security, migrations/0051) with its current intelligence and actions; children appear only as social-care case
/// references. Its meetings record attendees by agency, decisions, and the disruption actions agreed (the action board's
/// own records). A meeting's pack (PDF, HTML, a CSV per table) is a logged disclosure, built as the meeting packs are.
/// </summary>
public static class PanelsApi
{
    internal static readonly RecordKind<Panel, PanelRequest, PanelView> Kind = new()
    {
        Route = "/api/panels",
        Noun = "panel",
        Name = "Panel",
        Access = new(Read: Policies.ReadRecords, Create: Policies.ReadRecords, Change: Policies.ReadRecords),
        Summaries = new(
            Get: "One panel: its kind, name and restrictions.",
            Create: "Record a panel (MACE, CMOG or perpetrator forum) for your agency. Send an Idempotency-Key header to make retries safe.",
            Update: "Rename a panel or change its restrictions (your agency's panels only).",
            Delete: "Delete a panel with its list, case references and meetings (your agency's panels only); the actions it agreed stay on the board."),
        New = recording => new Panel { Id = Guid.CreateVersion7(recording.Now), CreatedAt = recording.Now },
        ApplyAsync = Apply,
        View = PanelView.Of,
    };

    public const string ListItemsRoute = "/api/panel-list-items";
    public const string CaseReferencesRoute = "/api/panel-case-references";
    public const string MeetingsRoute = "/api/panel-meetings";
    public const string DecisionsRoute = "/api/panel-decisions";

    private const int MostAttendees = 100;
    private const int MostDecisions = 200;
    private const int MostActions = 200;

    public static IEndpointRouteBuilder MapPanelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Kind.Route).WithTags("Panels");
        api.MapGet("/", ListPanelsAsync).WithName("ListPanels").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("Panels you may read (your agency's, and partners' shared with handling code P), newest first.");
        api.MapRecordEndpoints(Kind);
        api.MapGet("/{id}/list", GetPanelListAsync).WithName("GetPanelList").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("A panel's list: the adults, premises, vehicles and places on it that you may see (no others, and no count of them), each "
                + "with its intelligence (reports, latest grading) and actions, and the case references of the children it concerns. "
                + "Requires a Justification header; logged with the persons it names.");
        api.MapPost("/{id}/list-items", AddListItemAsync).WithName("AddPanelListItem").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("Put a person (never a child), premises, vehicle or named place you may see on your agency's panel's list. Idempotency-Key makes retries safe.");
        api.MapPost("/{id}/case-references", AddCaseReferenceAsync).WithName("AddPanelCaseReference").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("Record a child the panel is concerned with, as a social-care case reference and the agency holding the case: never a name. "
                + "Idempotency-Key makes retries safe.");
        api.MapGet("/{id}/meetings", ListMeetingsAsync).WithName("ListPanelMeetings").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("A panel's meetings, latest first, with attendees by agency, decisions and the actions agreed that you may see.");
        api.MapPost("/{id}/meetings", CreateMeetingAsync).WithName("CreatePanelMeeting").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("Record a meeting of your agency's panel: attendees by agency, decisions, and the disruption actions agreed. "
                + "Idempotency-Key makes retries safe.");

        var items = app.MapGroup(ListItemsRoute).WithTags("Panels").RequireAuthorization(Policies.ReadRecords);
        items.MapPut("/{id}", UpdateListItemAsync).WithName("UpdatePanelListItem").WithSummary("Change why a panel follows a list entry (your agency's panels only).");
        items.MapDelete("/{id}", DeleteListItemAsync).WithName("DeletePanelListItem").WithSummary("Take an entry off a panel's list (your agency's panels only).");

        var references = app.MapGroup(CaseReferencesRoute).WithTags("Panels").RequireAuthorization(Policies.ReadRecords);
        references.MapDelete("/{id}", DeleteCaseReferenceAsync).WithName("DeletePanelCaseReference")
            .WithSummary("Remove a case reference from a panel (your agency's panels only).");

        var meetings = app.MapGroup(MeetingsRoute).WithTags("Panels").RequireAuthorization(Policies.ReadRecords);
        meetings.MapGet("/{id}", GetMeetingAsync).WithName("GetPanelMeeting").WithSummary("One panel meeting.");
        meetings.MapPut("/{id}", UpdateMeetingAsync).WithName("UpdatePanelMeeting")
            .WithSummary("Replace a meeting's time, attendees, decisions and agreed actions (your agency's panels only).");
        meetings.MapDelete("/{id}", DeleteMeetingAsync).WithName("DeletePanelMeeting")
            .WithSummary("Delete a meeting with its attendees and decisions (your agency's panels only); its actions stay on the board.");
        meetings.MapPost("/{id}/decisions", AddDecisionAsync).WithName("AddPanelDecision")
            .WithSummary("Add a decision to a meeting (your agency's panels only). Idempotency-Key makes retries safe.");
        meetings.MapGet("/{id}/pack/{file}", DownloadPanelPackAsync).WithName("DownloadPanelPack")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/pdf", "text/html", "text/csv")
            .WithSummary("The meeting's pack as you may see it (pack.pdf, pack.html or a table's CSV: list.csv, list-actions.csv, case-references.csv, "
                + "attendees.csv, decisions.csv, new-actions.csv): a disclosure, so name its recipient and the reason; logged. No child is named in it, "
                + "only case references. Its name starts with its marking and the Security-Marking header carries it.");

        var decisions = app.MapGroup(DecisionsRoute).WithTags("Panels").RequireAuthorization(Policies.ReadRecords);
        decisions.MapPut("/{id}", UpdateDecisionAsync).WithName("UpdatePanelDecision").WithSummary("Change a decision (your agency's panels only).");
        decisions.MapDelete("/{id}", DeleteDecisionAsync).WithName("DeletePanelDecision").WithSummary("Delete a decision (your agency's panels only).");
        return app;
    }

    private static Task Apply(PanelRequest request, Panel panel, RecordWrite write)
    {
        var (recording, errors) = (write.Recording, write.Errors);
        request.ApplyRestrictions(panel, recording, recording.Partnership.ReviewPeriods.EntityDays, errors);
        var name = TextInput.Required(request.Name, 200, "name", errors);
        if (!Enum.IsDefined(request.Kind))
        {
            errors.Add("kind", "Must be mace, cmog or perpetrator_forum.");
        }

        if (errors.Any)
        {
            return Task.CompletedTask;
        }

        panel.Kind = request.Kind;
        panel.Name = name;
        panel.UpdatedAt = recording.Now;
        return Task.CompletedTask;
    }

    public static async Task<Results<Ok<Page<PanelView>>, ValidationProblem>> ListPanelsAsync(
        HotspotIntelDbContext db, [AsParameters] PagingRequest paging, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = paging.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (panels, next) = await page.ReadAsync(db.Panels.AsNoTracking(), p => p.Id, cancellationToken);
        return TypedResults.Ok(new Page<PanelView>([.. panels.Select(PanelView.Of)], next));
    }

    public static async Task<Results<Ok<PanelListView>, ValidationProblem, ProblemHttpResult>> GetPanelListAsync(
        [Description("Panel id")] Guid id, [AsParameters] JustificationHeader justification, HotspotIntelDbContext db, CurrentUser user, AuditLog audit,
        RecordingContext recording, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        justification.Require(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var panel = await db.Panels.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (panel is null)
        {
            return Problems.NotFound(Kind.Noun, id);
        }

        var list = await PanelListReader.ReadAsync(db, panel, user.Role, recording.Today, cancellationToken);
        await AuditListAsync(db, audit, panel.Id, list, justification.Value!, cancellationToken);
        return TypedResults.Ok(list);
    }

    /// <summary>Logs a read of a panel's list: the entries it showed, and the persons among them, by id (or the panel, for an empty list).</summary>
    internal static Task AuditListAsync(HotspotIntelDbContext db, AuditLog audit, Guid panelId, PanelListView list, string justification,
        CancellationToken cancellationToken, DisclosureRequest? disclosure = null)
    {
        var persons = list.Items.Where(i => i.EntityKind == PanelEntityKind.Person).Select(i => (Guid?)i.EntityId).ToList();
        var (kind, ids) = list.Items.Count == 0
            ? (Kind.Table(db), (IReadOnlyList<Guid>)[panelId])
            : (TableOf<PanelListItem>(db), [.. list.Items.Select(i => i.Id)]);
        return disclosure is null
            ? audit.RecordConsultationAsync(kind, ids, justification, cancellationToken, persons)
            : audit.RecordAsync(AuditAction.Disclosure, kind, ids, disclosure.Justification, cancellationToken, disclosure.Recipient!.Trim(), persons);
    }

    public static async Task<Results<Created<PanelListItemView>, ValidationProblem, ProblemHttpResult>> AddListItemAsync(
        [Description("Panel id")] Guid id, PanelListItemRequest request, [AsParameters] IdempotencyKeyHeader idempotencyKey, HotspotIntelDbContext db,
        IdempotencyKeys idempotency, RecordingContext recording, CurrentUser user, CancellationToken cancellationToken) =>
        await CreateOnceAsync<PanelListItem, PanelListItemView>(db, idempotency, idempotencyKey.Value, $"{Kind.Route}/{id}/list-items", request, async () =>
    {
        if (await Ownership.ProblemAsync(db.Panels, id, Kind.Noun, recording, cancellationToken) is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var reason = TextInput.Required(request.Reason, 2000, "reason", errors);
        var item = new PanelListItem
        {
            Id = Guid.CreateVersion7(recording.Now),
            PanelId = id,
            EntityKind = request.EntityKind,
            PersonId = request.EntityKind == PanelEntityKind.Person ? request.EntityId : null,
            PremisesId = request.EntityKind == PanelEntityKind.Premises ? request.EntityId : null,
            VehicleId = request.EntityKind == PanelEntityKind.Vehicle ? request.EntityId : null,
            LocationId = request.EntityKind == PanelEntityKind.Location ? request.EntityId : null,
            Reason = reason,
            AddedAt = recording.Now,
            AddedBy = user.UserId!,
        };
        await CheckEntityAsync(db, item, errors, cancellationToken);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await db.PanelListItems.AnyAsync(i => i.PanelId == id && i.PersonId == item.PersonId && i.PremisesId == item.PremisesId
            && i.VehicleId == item.VehicleId && i.LocationId == item.LocationId, cancellationToken))
        {
            return Problems.Conflict("Already on the list.", $"The {Code(item.EntityKind)} {item.EntityId} is already on the panel's list; change its reason instead.");
        }

        db.PanelListItems.Add(item);
        return TypedResults.Created($"{ListItemsRoute}/{item.Id}", PanelListItemView.Of(item));
    }, cancellationToken);

    /// <summary>
    /// The record a list entry names must be one the caller may see (row-level security: one they may not is as missing as
    /// one that does not exist) and never a child, whom a panel knows only by case reference.
    /// </summary>
    private static async Task CheckEntityAsync(HotspotIntelDbContext db, PanelListItem item, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var id = item.EntityId;
        switch (item.EntityKind)
        {
            case PanelEntityKind.Person:
                var role = await db.Persons.Where(p => p.Id == id).Select(p => (PersonRole?)p.Role).SingleOrDefaultAsync(cancellationToken);
                if (role == PersonRole.ChildAtRisk)
                {
                    errors.Add("entityId", "A child is never put on a panel's list: record the case reference of the social-care system that holds the case instead.");
                }

                if (role is null)
                {
                    errors.Add("entityId", $"There is no person with id {id} that you can see.");
                }

                break;
            case PanelEntityKind.Premises:
                if (!await db.Premises.AnyAsync(p => p.Id == id, cancellationToken))
                {
                    errors.Add("entityId", $"There is no premises with id {id} that you can see.");
                }

                break;
            case PanelEntityKind.Vehicle:
                if (!await db.Vehicles.AnyAsync(v => v.Id == id, cancellationToken))
                {
                    errors.Add("entityId", $"There is no vehicle with id {id} that you can see.");
                }

                break;
            case PanelEntityKind.Location:
                if (!await db.Locations.AnyAsync(l => l.Id == id, cancellationToken))
                {
                    errors.Add("entityId", $"There is no named place with id {id} that you can see.");
                }

                break;
            default:
                errors.Add("entityKind", "Must be person, premises, vehicle or location.");
                break;
        }
    }

    public static async Task<Results<Ok<PanelListItemView>, ValidationProblem, ProblemHttpResult>> UpdateListItemAsync(
        [Description("List entry id")] Guid id, PanelListItemChange request, HotspotIntelDbContext db, RecordingContext recording,
        CancellationToken cancellationToken)
    {
        var item = await db.PanelListItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null)
        {
            return Problems.NotFound("panel list entry", id);
        }

        if (await Ownership.ProblemAsync(db.Panels, item.PanelId, Kind.Noun, recording, cancellationToken) is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var reason = TextInput.Required(request.Reason, 2000, "reason", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        item.Reason = reason;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PanelListItemView.Of(item));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteListItemAsync(
        [Description("List entry id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken) =>
        await DeleteChildAsync(db.PanelListItems, id, i => i.Id == id, i => i.PanelId, "panel list entry", db, recording, cancellationToken);

    public static async Task<Results<Created<PanelCaseReferenceView>, ValidationProblem, ProblemHttpResult>> AddCaseReferenceAsync(
        [Description("Panel id")] Guid id, PanelCaseReferenceRequest request, [AsParameters] IdempotencyKeyHeader idempotencyKey, HotspotIntelDbContext db,
        IdempotencyKeys idempotency, RecordingContext recording, CurrentUser user, CancellationToken cancellationToken) =>
        await CreateOnceAsync<PanelCaseReference, PanelCaseReferenceView>(db, idempotency, idempotencyKey.Value, $"{Kind.Route}/{id}/case-references", request,
            async () =>
    {
        if (await Ownership.ProblemAsync(db.Panels, id, Kind.Noun, recording, cancellationToken) is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        if (CaseReferences.Problem(request.CaseReference) is { } wrong)
        {
            errors.Add("caseReference", wrong);
        }

        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == request.HoldingAgencyId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken);
        if (agency is null)
        {
            errors.Add("holdingAgencyId", $"There is no agency with id {request.HoldingAgencyId}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var reference = new PanelCaseReference
        {
            Id = Guid.CreateVersion7(recording.Now),
            PanelId = id,
            CaseReference = request.CaseReference.Trim(),
            HoldingAgencyId = request.HoldingAgencyId,
            AddedAt = recording.Now,
            AddedBy = user.UserId!,
        };
        if (await db.PanelCaseReferences.AnyAsync(c => c.PanelId == id && c.HoldingAgencyId == reference.HoldingAgencyId
            && c.CaseReference == reference.CaseReference, cancellationToken))
        {
            return Problems.Conflict("Already recorded.", $"The case reference {reference.CaseReference} of that agency is already on the panel.");
        }

        db.PanelCaseReferences.Add(reference);
        return TypedResults.Created($"{CaseReferencesRoute}/{reference.Id}", PanelCaseReferenceView.Of(reference, agency!));
    }, cancellationToken);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCaseReferenceAsync(
        [Description("Case reference id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken) =>
        await DeleteChildAsync(db.PanelCaseReferences, id, c => c.Id == id, c => c.PanelId, "panel case reference", db, recording, cancellationToken);

    public static async Task<Results<Ok<IReadOnlyList<PanelMeetingView>>, ProblemHttpResult>> ListMeetingsAsync(
        [Description("Panel id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken)
    {
        if (!await db.Panels.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problems.NotFound(Kind.Noun, id);
        }

        var meetings = await Meetings(db).AsNoTracking().Where(m => m.PanelId == id).OrderByDescending(m => m.HeldAt).ThenByDescending(m => m.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PanelMeetingView>>([.. meetings.Select(m => PanelMeetingView.Of(m, recording.Today))]);
    }

    public static async Task<Results<Ok<PanelMeetingView>, ProblemHttpResult>> GetMeetingAsync(
        [Description("Panel meeting id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken)
    {
        var meeting = await Meetings(db).AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        return meeting is null ? Problems.NotFound("panel meeting", id) : TypedResults.Ok(PanelMeetingView.Of(meeting, recording.Today));
    }

    public static async Task<Results<Created<PanelMeetingView>, ValidationProblem, ProblemHttpResult>> CreateMeetingAsync(
        [Description("Panel id")] Guid id, PanelMeetingRequest request, [AsParameters] IdempotencyKeyHeader idempotencyKey, HotspotIntelDbContext db,
        IdempotencyKeys idempotency, RecordingContext recording, CancellationToken cancellationToken) =>
        await CreateOnceAsync<PanelMeeting, PanelMeetingView>(db, idempotency, idempotencyKey.Value, $"{Kind.Route}/{id}/meetings", request, async () =>
    {
        if (await Ownership.ProblemAsync(db.Panels, id, Kind.Noun, recording, cancellationToken) is { } problem)
        {
            return problem;
        }

        var meeting = new PanelMeeting { Id = Guid.CreateVersion7(recording.Now), PanelId = id, CreatedAt = recording.Now };
        var errors = new ValidationErrors();
        await ApplyMeetingAsync(db, request, meeting, recording, errors, cancellationToken);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        db.PanelMeetings.Add(meeting);
        return TypedResults.Created($"{MeetingsRoute}/{meeting.Id}", PanelMeetingView.Of(meeting, recording.Today));
    }, cancellationToken);

    public static async Task<Results<Ok<PanelMeetingView>, ValidationProblem, ProblemHttpResult>> UpdateMeetingAsync(
        [Description("Panel meeting id")] Guid id, PanelMeetingRequest request, HotspotIntelDbContext db, RecordingContext recording,
        CancellationToken cancellationToken)
    {
        var meeting = await Meetings(db).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return Problems.NotFound("panel meeting", id);
        }

        if (await Ownership.ProblemAsync(db.Panels, meeting.PanelId, Kind.Noun, recording, cancellationToken) is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        await ApplyMeetingAsync(db, request, meeting, recording, errors, cancellationToken);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PanelMeetingView.Of(meeting, recording.Today));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteMeetingAsync(
        [Description("Panel meeting id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken) =>
        await DeleteChildAsync(db.PanelMeetings, id, m => m.Id == id, m => m.PanelId, "panel meeting", db, recording, cancellationToken);

    /// <summary>Checks a meeting's request into <paramref name="errors"/> and, when it passes, replaces the meeting's time, attendees, decisions and actions.</summary>
    private static async Task ApplyMeetingAsync(HotspotIntelDbContext db, PanelMeetingRequest request, PanelMeeting meeting, RecordingContext recording,
        ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (request.HeldAt > recording.Now)
        {
            errors.Add("heldAt", $"Must not be after now ({recording.Now:O}): record a meeting once it is held.");
        }

        var attendees = request.Attendees ?? [];
        var decisions = request.Decisions ?? [];
        var actionIds = request.ActionIds ?? [];
        if (attendees.Count > MostAttendees)
        {
            errors.Add("attendees", $"At most {MostAttendees}.");
        }

        if (decisions.Count > MostDecisions)
        {
            errors.Add("decisions", $"At most {MostDecisions}.");
        }

        if (actionIds.Count > MostActions)
        {
            errors.Add("actionIds", $"At most {MostActions}.");
        }

        var agencyIds = attendees.Select(a => a.AgencyId).Distinct().ToList();
        var knownAgencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        var newAttendees = new List<PanelMeetingAttendee>();
        for (var i = 0; i < attendees.Count; i++)
        {
            var attendee = attendees[i];
            if (!knownAgencies.Contains(attendee.AgencyId))
            {
                errors.Add($"attendees[{i}].agencyId", $"There is no agency with id {attendee.AgencyId}.");
            }

            newAttendees.Add(new PanelMeetingAttendee
            {
                Id = Guid.CreateVersion7(recording.Now),
                MeetingId = meeting.Id,
                AgencyId = attendee.AgencyId,
                Role = TextInput.Required(attendee.Role, 200, $"attendees[{i}].role", errors),
                Name = TextInput.Optional(attendee.Name, 200, $"attendees[{i}].name", errors),
            });
        }

        var newDecisions = new List<PanelDecision>();
        for (var i = 0; i < decisions.Count; i++)
        {
            newDecisions.Add(NewDecision(decisions[i], meeting.Id, request.HeldAt, recording, $"decisions[{i}].", errors));
        }

        // An action the caller cannot see (row-level security) is as missing as one that does not exist.
        var actions = await References.LoadAsync(db.DisruptionActions.Include(a => a.Reports), actionIds, a => a.Id, "actionIds", "disruption action", errors,
            cancellationToken);
        if (errors.Any)
        {
            return;
        }

        meeting.HeldAt = request.HeldAt;
        meeting.UpdatedAt = recording.Now;
        // New rows added explicitly: found through a navigation with their ids already set, EF would take them for existing rows.
        db.RemoveRange(meeting.Attendees);
        db.RemoveRange(meeting.Decisions);
        db.AddRange(newAttendees);
        db.AddRange(newDecisions);
        meeting.Attendees = newAttendees;
        meeting.Decisions = newDecisions;
        var chosen = actions.Select(a => a.Id).ToHashSet();
        meeting.Actions.RemoveAll(a => !chosen.Contains(a.Id));
        meeting.Actions.AddRange(actions.Where(a => meeting.Actions.All(kept => kept.Id != a.Id)));
    }

    /// <summary>A decision from its request, its fields checked into <paramref name="errors"/> under <paramref name="prefix"/> (a meeting's <c>decisions[i].</c>).</summary>
    private static PanelDecision NewDecision(PanelDecisionRequest request, Guid meetingId, DateTimeOffset heldAt, RecordingContext recording, string prefix,
        ValidationErrors errors)
    {
        if (request.DecidedAt > recording.Now)
        {
            errors.Add($"{prefix}decidedAt", $"Must not be after now ({recording.Now:O}).");
        }

        return new PanelDecision
        {
            Id = Guid.CreateVersion7(recording.Now),
            MeetingId = meetingId,
            Text = TextInput.Required(request.Text, 5000, $"{prefix}text", errors),
            DecidedAt = request.DecidedAt ?? heldAt,
        };
    }

    public static async Task<Results<Created<PanelDecisionView>, ValidationProblem, ProblemHttpResult>> AddDecisionAsync(
        [Description("Panel meeting id")] Guid id, PanelDecisionRequest request, [AsParameters] IdempotencyKeyHeader idempotencyKey, HotspotIntelDbContext db,
        IdempotencyKeys idempotency, RecordingContext recording, CancellationToken cancellationToken) =>
        await CreateOnceAsync<PanelDecision, PanelDecisionView>(db, idempotency, idempotencyKey.Value, $"{MeetingsRoute}/{id}/decisions", request, async () =>
    {
        var meeting = await db.PanelMeetings.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.PanelId, m.HeldAt }).SingleOrDefaultAsync(cancellationToken);
        if (meeting is null)
        {
            return Problems.NotFound("panel meeting", id);
        }

        if (await Ownership.ProblemAsync(db.Panels, meeting.PanelId, Kind.Noun, recording, cancellationToken) is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var decision = NewDecision(request, id, meeting.HeldAt, recording, "", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        db.PanelDecisions.Add(decision);
        return TypedResults.Created($"{DecisionsRoute}/{decision.Id}", PanelDecisionView.Of(decision));
    }, cancellationToken);

    public static async Task<Results<Ok<PanelDecisionView>, ValidationProblem, ProblemHttpResult>> UpdateDecisionAsync(
        [Description("Decision id")] Guid id, PanelDecisionRequest request, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken)
    {
        var decision = await db.PanelDecisions.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (decision is null)
        {
            return Problems.NotFound("panel decision", id);
        }

        var panelId = await db.PanelMeetings.Where(m => m.Id == decision.MeetingId).Select(m => m.PanelId).SingleAsync(cancellationToken);
        if (await Ownership.ProblemAsync(db.Panels, panelId, Kind.Noun, recording, cancellationToken) is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var changed = NewDecision(request, decision.MeetingId, decision.DecidedAt, recording, "", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        decision.Text = changed.Text;
        decision.DecidedAt = changed.DecidedAt;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PanelDecisionView.Of(decision));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteDecisionAsync(
        [Description("Decision id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken) =>
        await DeleteChildAsync(db.PanelDecisions, id, d => d.Id == id, d => db.PanelMeetings.Where(m => m.Id == d.MeetingId).Select(m => m.PanelId).First(),
            "panel decision", db, recording, cancellationToken);

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> DownloadPanelPackAsync(
        [Description("Panel meeting id")] Guid id,
        [Description("The file: pack.pdf, pack.html or a table's CSV (list.csv, list-actions.csv, case-references.csv, attendees.csv, decisions.csv, new-actions.csv)")] string file,
        [Description("Who receives it: a named person, role or body, 1 to 300 characters")] string? recipient,
        [Description("Why it is disclosed, 10 to 1000 characters")] string? justification,
        HttpResponse response, HotspotIntelDbContext db, CurrentUser user, AuditLog audit, RecordingContext recording, CancellationToken cancellationToken)
    {
        var meeting = await Meetings(db).AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return Problems.NotFound("panel meeting", id);
        }

        var disclosure = new DisclosureRequest { Recipient = recipient, Justification = justification };
        if (disclosure.Validate() is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        var panel = await db.Panels.AsNoTracking().SingleAsync(p => p.Id == meeting.PanelId, cancellationToken);
        var list = await PanelListReader.ReadAsync(db, panel, user.Role, recording.Today, cancellationToken);
        var pack = await PanelPack.ReadAsync(db, panel, meeting, list, user.UserId!, recording, cancellationToken);
        if (PanelPack.Render(pack, file) is not { } rendered)
        {
            return Problems.NotFound("panel pack file", file);
        }

        // Logged before it is given: the meeting, and the list entries and persons the pack names.
        await audit.RecordDisclosureAsync(TableOf<PanelMeeting>(db), id, disclosure, cancellationToken);
        await AuditListAsync(db, audit, panel.Id, list, disclosure.Justification!, cancellationToken, disclosure);
        return MarkedFile.Of(response, pack.MarkingCode, rendered.Content, rendered.ContentType, file);
    }

    /// <summary>Meetings with what they hold: attendees, decisions, and the agreed actions the reader may see.</summary>
    private static IQueryable<PanelMeeting> Meetings(HotspotIntelDbContext db) =>
        db.PanelMeetings.Include(m => m.Attendees).Include(m => m.Decisions).Include(m => m.Actions).ThenInclude(a => a.Reports).AsSplitQuery();

    /// <summary>
    /// Creates a panel's child row as the records' own create does: in one transaction, a retry with the same Idempotency-Key
    /// gets the first answer (logged as a consultation of <typeparamref name="TRow"/>'s table) and a malformed or reused key
    /// its problem; otherwise <paramref name="create"/> checks the request, adds the row and answers, and its 201 is
    /// remembered for the key and saved with the row.
    /// </summary>
    private static async Task<Results<Created<TView>, ValidationProblem, ProblemHttpResult>> CreateOnceAsync<TRow, TView>(HotspotIntelDbContext db,
        IdempotencyKeys idempotency, string? key, string route, object request, Func<Task<Results<Created<TView>, ValidationProblem, ProblemHttpResult>>> create,
        CancellationToken cancellationToken) where TView : class
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await idempotency.ReplayOrRejectAsync<TView>(key, route, request, TableOf<TRow>(db), cancellationToken) is { } answer)
        {
            await transaction.CommitAsync(cancellationToken);
            return answer;
        }

        var result = await create();
        if (result.Result is Created<TView> created)
        {
            idempotency.Remember(key, route, request, created.Location!, created.Value!);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Deletes a panel's child row (loaded under row-level security) when the caller's agency owns the panel.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteChildAsync<TChild>(IQueryable<TChild> rows, Guid id,
        System.Linq.Expressions.Expression<Func<TChild, bool>> isIt, System.Linq.Expressions.Expression<Func<TChild, Guid>> panelOf, string noun,
        HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken) where TChild : class
    {
        var panelId = await rows.Where(isIt).Select(panelOf).Select(p => (Guid?)p).SingleOrDefaultAsync(cancellationToken);
        if (panelId is null)
        {
            return Problems.NotFound(noun, id);
        }

        if (await Ownership.ProblemAsync(db.Panels, panelId.Value, Kind.Noun, recording, cancellationToken) is { } problem)
        {
            return problem;
        }

        await rows.Where(isIt).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static string TableOf<TEntity>(HotspotIntelDbContext db) => db.Model.FindEntityType(typeof(TEntity))!.GetTableName()!;

    private static string Code(PanelEntityKind kind) => Core.EnumCodes<PanelEntityKind>.ToCode(kind);
}

/// <summary>An entry of a panel's list as recorded (the list itself, GET /api/panels/{id}/list, shows it with its intelligence and actions).</summary>
public sealed record PanelListItemView(Guid Id, Guid PanelId, PanelEntityKind EntityKind, Guid EntityId, string Reason, DateTimeOffset AddedAt, string AddedBy)
{
    public static PanelListItemView Of(PanelListItem item) => new(item.Id, item.PanelId, item.EntityKind, item.EntityId, item.Reason, item.AddedAt, item.AddedBy);
}
