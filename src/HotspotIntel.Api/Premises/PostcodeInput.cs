using System.Text.RegularExpressions;
using HotspotIntel.Api.Errors;

namespace HotspotIntel.Api.Premises;

/// <summary>Reads a UK postcode however it was typed (<c>b11aa</c>, <c>B1  1AA</c>) into the one spelling stored: upper case, one space.</summary>
public static partial class PostcodeInput
{
    // The inward code (a digit and two letters) is always the last three characters, so the space goes before them.
    private const int InwardCodeLength = 3;

    /// <summary>The normalised postcode, null when none was given, or null with the reason in <paramref name="errors"/>.</summary>
    public static string? Read(string? postcode, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(postcode))
        {
            return null;
        }

        var normalised = Normalise(postcode);
        if (normalised is null)
        {
            errors.Add(field, "Not a UK postcode: an outward code, a space and an inward code, e.g. B1 1AA or SW1A 2AA.");
        }

        return normalised;
    }

    /// <summary>The stored spelling of <paramref name="text"/> when it is a UK postcode, otherwise null (for searches, where other text is fine).</summary>
    public static string? Normalise(string? text)
    {
        var compact = string.Concat((text ?? "").Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        var normalised = compact.Length > InwardCodeLength ? $"{compact[..^InwardCodeLength]} {compact[^InwardCodeLength..]}" : compact;
        return UkPostcode().IsMatch(normalised) ? normalised : null;
    }

    // The same pattern as the premises.postcode check in migrations/0001_records_schema.sql.
    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$")]
    private static partial Regex UkPostcode();
}
