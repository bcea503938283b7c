using System.Text.RegularExpressions;

namespace HotspotIntel.Core.Tasking;

/// <summary>
/// A kind of disruption action partners take: patrols, a Child Abduction Warning Notice, a closure order… Data, not
/// code: the built-in ones (<see cref="BuiltInTactics"/>) are seeded and administrators add their own.
/// </summary>
/// <param name="Code">Stable identifier: lower-case letters, digits and underscores, starting with a letter (e.g. <c>closure_notice_and_order</c>).</param>
/// <param name="Name">What partners call it.</param>
/// <param name="LegalBasis">The power it rests on, where it has one (e.g. "Anti-social Behaviour, Crime and Policing Act 2014 s116"); null when none is needed.</param>
/// <param name="TargetKinds">What it can be taken against.</param>
public sealed partial record Tactic(string Code, string Name, string? LegalBasis, IReadOnlyList<ActionTargetKind> TargetKinds)
{
    /// <summary>True when the tactic can be taken against a <paramref name="kind"/>.</summary>
    public bool AppliesTo(ActionTargetKind kind) => TargetKinds.Contains(kind);

    /// <summary>The problems with this tactic as an administrator defined it, each naming the field (camelCase, as in JSON); none when valid.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (!CodePattern().IsMatch(Code ?? ""))
        {
            problems.Add(("code", "Must be 2 to 64 lower-case letters, digits or underscores, starting with a letter."));
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add(("name", "Required."));
        }

        if (LegalBasis is not null && string.IsNullOrWhiteSpace(LegalBasis))
        {
            problems.Add(("legalBasis", "Leave it out when the tactic needs no legal power, rather than blank."));
        }

        if (TargetKinds is null || TargetKinds.Count == 0)
        {
            problems.Add(("targetKinds", "Must name at least one of hotspot, premises, vehicle, location, person."));
        }
        else if (TargetKinds.Any(kind => !Enum.IsDefined(kind)) || TargetKinds.Distinct().Count() != TargetKinds.Count)
        {
            problems.Add(("targetKinds", "Must name each of hotspot, premises, vehicle, location, person at most once."));
        }

        return problems;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$")]
    private static partial Regex CodePattern();
}
