using System.ComponentModel;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Records;
using HotspotIntel.Core;
using HotspotIntel.Core.Reports;
using HotspotIntel.Core.Tasking;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.DisruptionActions;

/// <summary>
/// Disruption actions (issue 15): what partners do about a hotspot, premises, vehicle, named place or person, for the
/// tasking group's action board. Every operational role records and reads them under its agency and handling code; an
/// action against a person only whoever may read the person (row-level security, migrations/0027).
/// </summary>
public static class DisruptionActionsApi
{
    internal static readonly RecordKind<DisruptionAction, DisruptionActionRequest, DisruptionActionView> Kind = new()
    {
        Route = "/api/disruption-actions",
        Noun = "disruption action",
        Name = "DisruptionAction",
        Access = new(Read: Policies.ReadRecords, Create: Policies.ReadRecords, Change: Policies.ReadRecords),
        Summaries = new(
            Get: "One disruption action.",
            Create: "Record a disruption action for your agency. Send an Idempotency-Key header to make retries safe.",
            Update: "Replace a disruption action, e.g. to move it on or record its outcome (your agency's actions only).",
            Delete: "Delete a disruption action (your agency's actions only)."),
        New = recording => new DisruptionAction { Id = Guid.CreateVersion7(recording.Now), CreatedAt = recording.Now },
        Include = actions => actions.Include(action => action.Reports),
        ApplyAsync = ApplyAsync,
        ViewAsync = (action, _, recording, _) => Task.FromResult(DisruptionActionView.Of(action, recording.Today)),
    };

    public static IEndpointRouteBuilder MapDisruptionActionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Kind.Route).WithTags("Disruption actions");
        api.MapGet("/", ListDisruptionActionsAsync).WithName("ListDisruptionActions").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("The action board: disruption actions filtered by status, owner agency, overdue, target kind and target, "
                + "due soonest first. A hotspot's actions include those on the hotspots it was split or merged from.");
        api.MapRecordEndpoints(Kind);
        return app;
    }

    public static async Task<Results<Ok<Page<DisruptionActionView>>, ValidationProblem>> ListDisruptionActionsAsync(
        HotspotIntelDbContext db, TimeProvider time,
        [Description("Statuses: proposed, agreed, in_progress, done, cancelled; repeated or comma-separated")] string[]? status,
        [Description("The agency that carries the actions out")] Guid? ownerAgencyId,
        [Description("true: only open actions past their due date")] bool? overdue,
        [Description("Target kinds: hotspot, premises, vehicle, location, person; repeated or comma-separated")] string[]? targetKind,
        [Description("Actions on this hotspot or on any hotspot it was split or merged from")] Guid? hotspotId,
        [Description("Actions on this premises")] Guid? premisesId,
        [Description("Actions on this vehicle")] Guid? vehicleId,
        [Description("Actions on this named place")] Guid? locationId,
        [Description("Actions on this person")] Guid? personId,
        [Description("minLon,minLat,maxLon,maxLat in WGS84 degrees: actions at a place in it (a hotspot's area, a premises, a named place); "
            + "actions on vehicles and persons have no place and are left out")] string? bbox,
        [AsParameters] PagingRequest paging,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var area = BoundingBox.Read(bbox, errors);
        var statuses = CodeListInput.Read<ActionStatus>(status, "status", errors);
        var kinds = CodeListInput.Read<ActionTargetKind>(targetKind, "targetKind", errors);
        var page = paging.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var actions = Filter(db, db.DisruptionActions.AsNoTracking().Include(a => a.Reports), statuses, ownerAgencyId, overdue == true ? today : null, kinds,
            hotspotId, premisesId, vehicleId, locationId, personId);
        actions = area is null ? actions : AtPlacesIn(db, actions, area);
        var (found, next) = await page.ReadAsync(actions, a => a.Id, cancellationToken);
        return TypedResults.Ok(new Page<DisruptionActionView>([.. found.Select(a => DisruptionActionView.Of(a, today))], next));
    }

    /// <summary>The board's filter; <paramref name="overdueOn"/> keeps only open actions due before that day.</summary>
    internal static IQueryable<DisruptionAction> Filter(HotspotIntelDbContext db, IQueryable<DisruptionAction> actions, List<ActionStatus> statuses,
        Guid? ownerAgencyId, DateOnly? overdueOn, List<ActionTargetKind> kinds, Guid? hotspotId, Guid? premisesId, Guid? vehicleId,
        Guid? locationId, Guid? personId)
    {
        if (statuses.Count > 0)
        {
            actions = actions.Where(a => statuses.Contains(a.Status));
        }

        if (ownerAgencyId is not null)
        {
            actions = actions.Where(a => a.OwnerAgencyId == ownerAgencyId);
        }

        if (overdueOn is { } day)
        {
            actions = actions.Where(a => (a.Status == ActionStatus.Proposed || a.Status == ActionStatus.Agreed || a.Status == ActionStatus.InProgress)
                && a.DueOn < day);
        }

        if (kinds.Count > 0)
        {
            actions = actions.Where(a => kinds.Contains(a.TargetKind));
        }

        if (hotspotId is { } hotspot)
        {
            var ancestry = db.Database.SqlQuery<Guid>($"""SELECT id AS "Value" FROM hotspot_ancestry({hotspot}) id""");
            actions = actions.Where(a => a.HotspotId != null && ancestry.Contains(a.HotspotId.Value));
        }

        actions = premisesId is null ? actions : actions.Where(a => a.PremisesId == premisesId);
        actions = vehicleId is null ? actions : actions.Where(a => a.VehicleId == vehicleId);
        actions = locationId is null ? actions : actions.Where(a => a.LocationId == locationId);
        return personId is null ? actions : actions.Where(a => a.PersonId == personId);
    }

    /// <summary>
    /// Actions whose target lies in <paramref name="area"/> (SRID 4326): a hotspot of the latest run whose area, as the
    /// reader sees it (<c>hotspots_seen</c>), intersects it, a premises or named place in it, each as the reader may read
    /// them; actions on vehicles and persons, and on hotspots the latest run no longer finds, have no place.
    /// </summary>
    internal static IQueryable<DisruptionAction> AtPlacesIn(HotspotIntelDbContext db, IQueryable<DisruptionAction> actions, Geometry area) =>
        actions.Where(a =>
            (a.HotspotId != null && db.HotspotsSeen(null, null).Any(h => h.HotspotId == a.HotspotId && h.Area.Intersects(area)))
            || (a.PremisesId != null && db.Premises.Any(p => p.Id == a.PremisesId && p.Location.Intersects(area)))
            || (a.LocationId != null && db.Locations.Any(l => l.Id == a.LocationId && l.Geometry.Intersects(area))));

    private static async Task ApplyAsync(DisruptionActionRequest request, DisruptionAction action, RecordWrite write)
    {
        var (db, recording, errors, cancellationToken) = (write.Db, write.Recording, write.Errors, write.CancellationToken);
        request.ApplyRestrictions(action, recording, recording.Partnership.ReviewPeriods.EntityDays, errors);
        var officer = TextInput.Optional(request.OwnerOfficer, 200, "ownerOfficer", errors);
        var outcome = TextInput.Optional(request.Outcome, 5000, "outcome", errors);
        var notes = TextInput.Optional(request.Notes, 5000, "notes", errors);
        var isNew = action.TacticCode.Length == 0;
        foreach (var (field, message) in ActionWorkflow.Problems(isNew ? null : action.Status, request.Status))
        {
            errors.Add(field, message);
        }

        var proposed = new DisruptionAction
        {
            TacticCode = request.TacticCode ?? "",
            TargetKind = request.TargetKind,
            HotspotId = request.HotspotId,
            PremisesId = request.PremisesId,
            VehicleId = request.VehicleId,
            LocationId = request.LocationId,
            PersonId = request.PersonId,
            OwnerAgencyId = request.OwnerAgencyId,
            Status = request.Status,
            StartOn = request.StartOn,
            DueOn = request.DueOn,
            DoneOn = request.DoneOn,
            Outcome = outcome,
        };
        var tactic = await db.Tactics.AsNoTracking().SingleOrDefaultAsync(t => t.Code == proposed.TacticCode, cancellationToken);
        foreach (var (field, message) in proposed.Problems(tactic?.ToTactic(), recording.Today))
        {
            errors.Add(field, message);
        }

        // A retired tactic takes no new action; an action that already has it keeps working under it.
        if (tactic is { Retired: true } && (isNew || action.TacticCode != tactic.Code))
        {
            errors.Add("tacticCode", $"{tactic.Name} ({tactic.Code}) is retired: no new action takes it.");
        }

        if (request.ReportIds.Count > MostLinkedReports)
        {
            errors.Add("reportIds", $"At most {MostLinkedReports} reports may be linked to one action.");
        }

        if (!errors.Any)
        {
            await CheckTargetAsync(request, db, errors, cancellationToken);
            if (!await db.Agencies.AnyAsync(a => a.Id == request.OwnerAgencyId, cancellationToken))
            {
                errors.Add("ownerAgencyId", $"There is no agency with id {request.OwnerAgencyId}.");
            }
        }

        var reports = errors.Any ? [] : await References.LoadAsync(LinkableReports(db), request.ReportIds, r => r.Id, "reportIds",
            "intelligence report you may read", errors, cancellationToken);
        if (errors.Any)
        {
            return;
        }

        action.Reports.Clear();
        action.Reports.AddRange(reports);
        (action.TacticCode, action.TargetKind, action.HotspotId, action.PremisesId, action.VehicleId, action.LocationId, action.PersonId) =
            (proposed.TacticCode, proposed.TargetKind, proposed.HotspotId, proposed.PremisesId, proposed.VehicleId, proposed.LocationId, proposed.PersonId);
        (action.OwnerAgencyId, action.OwnerOfficer, action.Status, action.StartOn, action.DueOn, action.DoneOn, action.Outcome, action.Notes) =
            (request.OwnerAgencyId, officer, request.Status, request.StartOn, request.DueOn, request.DoneOn, outcome, notes);
        action.UpdatedAt = recording.Now;
    }

    /// <summary>Most reports one action may link.</summary>
    public const int MostLinkedReports = 200;

    /// <summary>
    /// The reports the caller may link: those they may read, less child-linked ones for a role that sees their
    /// locations masked (who would otherwise learn of them through the action), as the links' read policy has it
    /// (migrations/0045).
    /// </summary>
    private static IQueryable<IntelligenceReport> LinkableReports(HotspotIntelDbContext db) => db.Reports.FromSql($"""
        SELECT * FROM intelligence_reports o
        WHERE NOT (app_sees_masked_locations() AND (o.mentions_child OR o.category = 'missing_found_location'))
        """);

    /// <summary>The target exists and the caller may read it (row-level security): a hotspot must be one of the published run's.</summary>
    private static async Task CheckTargetAsync(DisruptionActionRequest request, HotspotIntelDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var (field, found) = request.TargetKind switch
        {
            ActionTargetKind.Hotspot => ("hotspotId", await db.HotspotsSeen(null, null).AnyAsync(h => h.HotspotId == request.HotspotId, cancellationToken)),
            ActionTargetKind.Premises => ("premisesId", await db.Premises.AnyAsync(p => p.Id == request.PremisesId, cancellationToken)),
            ActionTargetKind.Vehicle => ("vehicleId", await db.Vehicles.AnyAsync(v => v.Id == request.VehicleId, cancellationToken)),
            ActionTargetKind.Location => ("locationId", await db.Locations.AnyAsync(l => l.Id == request.LocationId, cancellationToken)),
            _ => ("personId", await db.Persons.AnyAsync(p => p.Id == request.PersonId, cancellationToken)),
        };
        if (!found)
        {
            errors.Add(field, request.TargetKind == ActionTargetKind.Hotspot
                ? "There is no hotspot with that id in the published run that you may see."
                : $"There is no {EnumCodes<ActionTargetKind>.ToCode(request.TargetKind)} with that id that you may see.");
        }
    }
}
