using System.Text.RegularExpressions;

namespace HotspotIntel.Core.Reports;

/// <summary>
/// A screening flag a report can carry: a sign, from the partnership's child sexual exploitation screening tool, that a
/// child may be at risk (an older boyfriend, gifts, going missing…). Data, not code: the built-in ones
/// (<see cref="BuiltInRiskIndicators"/>) are seeded and administrators add their own.
/// </summary>
/// <param name="Code">Stable identifier: lower-case letters, digits and underscores, starting with a letter (e.g. <c>going_missing</c>).</param>
/// <param name="Label">What partners call it.</param>
/// <param name="Description">What counts as it, where the label needs saying more; null when it does not.</param>
public sealed partial record RiskIndicator(string Code, string Label, string? Description)
{
    /// <summary>The problems with this indicator as an administrator defined it, each naming the field (camelCase, as in JSON); none when valid.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (!IsCode(Code))
        {
            problems.Add(("code", "Must be 2 to 64 lower-case letters, digits or underscores, starting with a letter."));
        }

        if (string.IsNullOrWhiteSpace(Label))
        {
            problems.Add(("label", "Required."));
        }

        if (Description is not null && string.IsNullOrWhiteSpace(Description))
        {
            problems.Add(("description", "Leave it out when the label says enough, rather than blank."));
        }

        return problems;
    }

    /// <summary>True when <paramref name="code"/> has the shape of an indicator code (whether or not one exists).</summary>
    public static bool IsCode(string? code) => CodePattern().IsMatch(code ?? "");

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$")]
    private static partial Regex CodePattern();
}
