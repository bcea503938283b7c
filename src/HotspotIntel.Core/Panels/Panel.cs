using System.Text.RegularExpressions;
using HotspotIntel.Core.Records;

namespace HotspotIntel.Core.Panels;

/// <summary>What kind of multi-agency panel it is; codes as in JSON (snake_case).</summary>
public enum PanelKind
{
    /// <summary>Multi-Agency Child Exploitation meeting: children at risk and the adults, places and vehicles around them.</summary>
    Mace,

    /// <summary>Child Missing and Out-of-area Group (or a local Child Exploitation Operational Group): missing and exploited children.</summary>
    Cmog,

    /// <summary>A perpetrator forum: adults of concern and how partners disrupt them.</summary>
    PerpetratorForum,
}

/// <summary>What a panel's list entry is: a person, premises, vehicle or named place, as a disruption action's target.</summary>
public enum PanelEntityKind
{
    /// <summary>An adult of concern, associate or licence holder (never a child: the panel knows children by case reference).</summary>
    Person,

    /// <summary>A premises.</summary>
    Premises,

    /// <summary>A vehicle.</summary>
    Vehicle,

    /// <summary>A named public place.</summary>
    Location,
}

/// <summary>
/// A MACE/CMOG-style panel or perpetrator forum: a standing multi-agency meeting with a list of the adults, premises,
/// vehicles and places it follows, the case references of the children it is concerned with, and its meetings. Owned,
/// marked and reviewed like every record (<see cref="RecordRestrictions"/>).
/// </summary>
public sealed class Panel : RecordRestrictions
{
    /// <summary>What kind of panel it is.</summary>
    public PanelKind Kind { get; set; }

    /// <summary>Its name, e.g. "Northfield MACE".</summary>
    public string Name { get; set; } = "";
}

/// <summary>One entry of a panel's list: exactly one of the ids is set, the one <see cref="EntityKind"/> names.</summary>
public sealed class PanelListItem
{
    /// <summary>Identity (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The panel whose list it is on.</summary>
    public Guid PanelId { get; set; }

    /// <summary>What kind of record it names.</summary>
    public PanelEntityKind EntityKind { get; set; }

    /// <summary>The person, when <see cref="EntityKind"/> is person.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>The premises, when <see cref="EntityKind"/> is premises.</summary>
    public Guid? PremisesId { get; set; }

    /// <summary>The vehicle, when <see cref="EntityKind"/> is vehicle.</summary>
    public Guid? VehicleId { get; set; }

    /// <summary>The named place, when <see cref="EntityKind"/> is location.</summary>
    public Guid? LocationId { get; set; }

    /// <summary>Why the panel follows it.</summary>
    public string Reason { get; set; } = "";

    /// <summary>When it was added to the list.</summary>
    public DateTimeOffset AddedAt { get; set; }

    /// <summary>The user who added it.</summary>
    public string AddedBy { get; set; } = "";

    /// <summary>The id of the record it names.</summary>
    public Guid EntityId => PersonId ?? PremisesId ?? VehicleId ?? LocationId ?? Guid.Empty;
}

/// <summary>
/// A child a panel is concerned with, known only by the case reference of the social-care system that holds the case
/// and the agency that holds it: never a name or a date of birth.
/// </summary>
public sealed class PanelCaseReference
{
    /// <summary>Identity (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The panel.</summary>
    public Guid PanelId { get; set; }

    /// <summary>The social-care system's case reference (<see cref="CaseReferences"/>).</summary>
    public string CaseReference { get; set; } = "";

    /// <summary>The agency whose social-care system holds the case.</summary>
    public Guid HoldingAgencyId { get; set; }

    /// <summary>When it was added.</summary>
    public DateTimeOffset AddedAt { get; set; }

    /// <summary>The user who added it.</summary>
    public string AddedBy { get; set; } = "";
}

/// <summary>The rule for a social-care case reference: it must not be able to carry a child's name.</summary>
public static partial class CaseReferences
{
    /// <summary>
    /// Why <paramref name="reference"/> is not a case reference, or null when it is: 4 to 40 letters, digits, / and -,
    /// starting with a letter or digit, with at least three digits, no run of more than four letters and no spaces.
    /// Case systems number their cases with short prefixes (e.g. LCS-204518, CS/2026/00412); a name is a longer run
    /// of letters, and a name with a date of birth has spaces or such a run.
    /// </summary>
    public static string? Problem(string? reference) =>
        string.IsNullOrWhiteSpace(reference) ? "Give the social-care case reference, e.g. LCS-204518."
        : !Shape().IsMatch(reference) || reference.Count(char.IsAsciiDigit) < 3 || LongWord().IsMatch(reference)
            ? "A case reference is 4 to 40 letters, digits, / or -, with at least three digits, letters in runs of at most four, and no "
                + "spaces: never a child's name or date of birth."
            : null;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9/-]{3,39}$")]
    private static partial Regex Shape();

    [GeneratedRegex("[A-Za-z]{5}")]
    private static partial Regex LongWord();
}

/// <summary>One meeting of a panel: when it was held, who attended, what it decided and which actions it agreed.</summary>
public sealed class PanelMeeting
{
    /// <summary>Identity (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The panel.</summary>
    public Guid PanelId { get; set; }

    /// <summary>When it was held (UTC).</summary>
    public DateTimeOffset HeldAt { get; set; }

    /// <summary>Who attended, by agency.</summary>
    public List<PanelMeetingAttendee> Attendees { get; set; } = [];

    /// <summary>What it decided.</summary>
    public List<PanelDecision> Decisions { get; set; } = [];

    /// <summary>The disruption actions it agreed (recorded on the action board, linked here).</summary>
    public List<Tasking.DisruptionAction> Actions { get; set; } = [];

    /// <summary>When it was first recorded.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A professional at a panel meeting: their agency and role, and their name only where the panel records it.</summary>
public sealed class PanelMeetingAttendee
{
    /// <summary>Identity (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The meeting.</summary>
    public Guid MeetingId { get; set; }

    /// <summary>The agency they attended for.</summary>
    public Guid AgencyId { get; set; }

    /// <summary>Their role, e.g. "DS, exploitation team" or "Social worker, exploitation hub".</summary>
    public string Role { get; set; } = "";

    /// <summary>Their name, if the panel records it.</summary>
    public string? Name { get; set; }
}

/// <summary>A decision of a panel meeting.</summary>
public sealed class PanelDecision
{
    /// <summary>Identity (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The meeting.</summary>
    public Guid MeetingId { get; set; }

    /// <summary>What was decided.</summary>
    public string Text { get; set; } = "";

    /// <summary>When it was decided (UTC).</summary>
    public DateTimeOffset DecidedAt { get; set; }
}
