using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Lists;
using HotspotIntel.Core;
using HotspotIntel.Core.Tasking;

namespace HotspotIntel.Api.DisruptionActions;

/// <summary>
/// The action board as a flat list for exports: the rows and filters of <c>GET /api/disruption-actions</c>
/// (<see cref="DisruptionActionsApi.Filter"/>) without a place (an action's place is its target's). Actions against a
/// person are left out: a list export is not a disclosure of persons, and such an action names one.
/// </summary>
internal static class DisruptionActionsTable
{
    public sealed record ActionListFilter(List<ActionStatus> Statuses, Guid? OwnerAgencyId, List<ActionTargetKind> TargetKinds,
        Guid? HotspotId, Guid? PremisesId, Guid? VehicleId, Guid? LocationId);

    public static readonly ListTable<DisruptionAction, ActionListFilter> Table = new()
    {
        Id = "disruption-actions",
        Title = "Disruption actions",
        Description = "Disruption actions against hotspots, premises, vehicles and places (as GET /api/disruption-actions); "
            + "actions against a person are not exported here.",
        Geometry = ListGeometry.None,
        Parameters =
        [
            new("status", "Status codes, comma-separated.", ColumnType.String, EnumCodes<ActionStatus>.All),
            new("ownerAgencyId", "The agency that carries the actions out.", ColumnType.String),
            new("targetKind", "Target kind codes, comma-separated (person is never exported).", ColumnType.String,
                [.. EnumCodes<ActionTargetKind>.All.Where(code => code != EnumCodes<ActionTargetKind>.ToCode(ActionTargetKind.Person))]),
            new("hotspotId", "Actions on this hotspot or on any hotspot it was split or merged from.", ColumnType.String),
            new("premisesId", "Actions on this premises.", ColumnType.String),
            new("vehicleId", "Actions on this vehicle.", ColumnType.String),
            new("locationId", "Actions on this named place.", ColumnType.String),
        ],
        RowColumns =
        [
            ListColumns.Text<DisruptionAction>("tacticCode", "The tactic's code (GET /api/disruption-tactics).", a => a.TacticCode),
            ListColumns.Code<DisruptionAction, ActionTargetKind>("targetKind", "What the action is taken against.", a => a.TargetKind),
            ListColumns.Id<DisruptionAction>("hotspotId", "The hotspot it is taken against (its stable id).", a => a.HotspotId),
            ListColumns.Id<DisruptionAction>("premisesId", "The premises it is taken against.", a => a.PremisesId),
            ListColumns.Id<DisruptionAction>("vehicleId", "The vehicle it is taken against.", a => a.VehicleId),
            ListColumns.Id<DisruptionAction>("locationId", "The named place it is taken against.", a => a.LocationId),
            ListColumns.Id<DisruptionAction>("ownerAgencyId", "The agency that owns the action.", a => a.OwnerAgencyId),
            ListColumns.Text<DisruptionAction>("ownerOfficer", "The officer or worker who carries it out.", a => a.OwnerOfficer),
            ListColumns.Code<DisruptionAction, ActionStatus>("status", "Where it stands.", a => a.Status),
            ListColumns.Day<DisruptionAction>("startOn", "The day it starts or started.", a => a.StartOn),
            ListColumns.Day<DisruptionAction>("dueOn", "The day it is due to be done by.", a => a.DueOn),
            ListColumns.Day<DisruptionAction>("doneOn", "The day it was done.", a => a.DoneOn),
            ListColumns.Text<DisruptionAction>("outcome", "What came of it.", a => a.Outcome),
            ListColumns.Text<DisruptionAction>("notes", "Notes.", a => a.Notes),
            .. ListColumns.Restrictions<DisruptionAction>(a => a),
        ],
        Filter = (query, errors) =>
        {
            var kinds = CodeListInput.Read<ActionTargetKind>(query.Values("targetKind"), "targetKind", errors);
            if (kinds.Contains(ActionTargetKind.Person))
            {
                errors.Add("targetKind", "Actions against a person are not exported in a list; read them on the action board.");
            }

            return new ActionListFilter(CodeListInput.Read<ActionStatus>(query.Values("status"), "status", errors), query.Guid("ownerAgencyId", errors),
                kinds, query.Guid("hotspotId", errors), query.Guid("premisesId", errors), query.Guid("vehicleId", errors), query.Guid("locationId", errors));
        },
        Query = (db, filter, _) => DisruptionActionsApi.Filter(db, db.DisruptionActions, filter.Statuses, filter.OwnerAgencyId, null, filter.TargetKinds,
                filter.HotspotId, filter.PremisesId, filter.VehicleId, filter.LocationId, null)
            .Where(a => a.TargetKind != ActionTargetKind.Person),
        Key = a => a.Id,
        Marking = a => a.SecurityMarking,
    };
}
