using HotspotIntel.Core.Records;

namespace HotspotIntel.Core.Tasking;

/// <summary>
/// What a partner does about a hotspot, premises, vehicle, place or person: a tactic, its owner, its dates, where it
/// stands and what came of it. Owned, marked and reviewed like every record (<see cref="RecordRestrictions"/>).
/// </summary>
public sealed class DisruptionAction : RecordRestrictions
{
    /// <summary>The tactic's code (<see cref="Tactic.Code"/>).</summary>
    public string TacticCode { get; set; } = "";

    /// <summary>What kind of thing the action is taken against; exactly that kind's id below is set, as with <see cref="Links.Link"/>'s ends.</summary>
    public ActionTargetKind TargetKind { get; set; }

    /// <summary>The hotspot it is taken against (its stable id, which survives re-analysis).</summary>
    public Guid? HotspotId { get; set; }

    /// <summary>The premises it is taken against.</summary>
    public Guid? PremisesId { get; set; }

    /// <summary>The vehicle it is taken against.</summary>
    public Guid? VehicleId { get; set; }

    /// <summary>The named public place it is taken against.</summary>
    public Guid? LocationId { get; set; }

    /// <summary>The person it is taken against; such an action is seen only by those who may see the person.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>The agency that owns the action and answers for it at the tasking meeting (may differ from the recording agency).</summary>
    public Guid OwnerAgencyId { get; set; }

    /// <summary>The officer or worker who carries it out, as the owner agency names them.</summary>
    public string? OwnerOfficer { get; set; }

    /// <summary>Where it stands (<see cref="ActionWorkflow"/>).</summary>
    public ActionStatus Status { get; set; }

    /// <summary>The day it starts or started; its impact is counted from here.</summary>
    public DateOnly? StartOn { get; set; }

    /// <summary>The day it is due to be done by.</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>The day it was done; only a done action has one.</summary>
    public DateOnly? DoneOn { get; set; }

    /// <summary>What came of it (e.g. "closure order granted for 3 months"); required once done.</summary>
    public string? Outcome { get; set; }

    /// <summary>Anything else the owner or the tasking group records about it.</summary>
    public string? Notes { get; set; }

    /// <summary>The intelligence that led to it or that it produced: reports its owner could read when linking them.</summary>
    public List<Reports.IntelligenceReport> Reports { get; set; } = [];

    /// <summary>
    /// The problems with this action as recorded, each naming the field (camelCase, as in JSON); none when valid.
    /// <paramref name="tactic"/> is the partnership's tactic with <see cref="TacticCode"/>, null when it has none;
    /// <paramref name="today"/> is the partnership's current date. Status moves are <see cref="ActionWorkflow"/>'s.
    /// </summary>
    public IReadOnlyList<(string Field, string Message)> Problems(Tactic? tactic, DateOnly today)
    {
        var problems = new List<(string, string)>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                problems.Add((field, message));
            }
        }

        if (tactic is null)
        {
            problems.Add(("tacticCode", $"'{TacticCode}' is not one of the partnership's tactics."));
        }
        else
        {
            Check(tactic.AppliesTo(TargetKind), "targetKind",
                $"{tactic.Name} is not taken against a {Code(TargetKind)}; it applies to {string.Join(", ", tactic.TargetKinds.Select(Code))}.");
        }

        foreach (var (kind, field, id) in TargetIds())
        {
            var kindCode = Code(kind);
            Check(kind != TargetKind || (id is { } set && set != Guid.Empty), field, $"An action against a {kindCode} needs its {kindCode}.");
            Check(kind == TargetKind || id is null, field, $"Only the target's id is set: this action is against a {Code(TargetKind)}.");
        }

        Check(OwnerAgencyId != Guid.Empty, "ownerAgencyId", "Required.");

        var isDone = Status == ActionStatus.Done;
        Check(!isDone || !string.IsNullOrWhiteSpace(Outcome), "outcome", "A done action needs its outcome.");
        Check(!isDone || DoneOn is not null, "doneOn", "A done action needs the date it was done.");
        Check(isDone || DoneOn is null, "doneOn", "Only a done action has a done date.");
        var started = Status is ActionStatus.InProgress or ActionStatus.Done;
        Check(!started || StartOn is not null, "startOn", "An action in progress or done needs its start date.");
        Check(!started || !(StartOn > today), "startOn", "An action in progress or done cannot start in the future.");
        Check(!(DueOn < StartOn), "dueOn", "Must not be before startOn.");
        Check(!(DoneOn < StartOn), "doneOn", "Must not be before startOn.");
        Check(!(DoneOn > today), "doneOn", "Must not be in the future.");
        return problems;
    }

    private IEnumerable<(ActionTargetKind Kind, string Field, Guid? Id)> TargetIds()
    {
        yield return (ActionTargetKind.Hotspot, "hotspotId", HotspotId);
        yield return (ActionTargetKind.Premises, "premisesId", PremisesId);
        yield return (ActionTargetKind.Vehicle, "vehicleId", VehicleId);
        yield return (ActionTargetKind.Location, "locationId", LocationId);
        yield return (ActionTargetKind.Person, "personId", PersonId);
    }

    private static string Code(ActionTargetKind kind) => EnumCodes<ActionTargetKind>.ToCode(kind);
}
