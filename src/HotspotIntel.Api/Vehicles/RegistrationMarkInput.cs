using System.Text.RegularExpressions;
using HotspotIntel.Api.Errors;

namespace HotspotIntel.Api.Vehicles;

/// <summary>Reads a vehicle registration mark however it was typed (<c>ab12 cde</c>) into the one spelling stored and searched: <c>AB12CDE</c>.</summary>
public static partial class RegistrationMarkInput
{
    /// <summary>The mark upper case without spaces, or null with the reason in <paramref name="errors"/>.</summary>
    public static string? Read(string? registrationMark, string field, ValidationErrors errors)
    {
        var compact = string.Concat((registrationMark ?? "").Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (!Mark().IsMatch(compact))
        {
            errors.Add(field, "Must be 1 to 8 letters and digits, spaces aside, e.g. AB12 CDE.");
            return null;
        }

        return compact;
    }

    // The vehicles.registration_mark check in migrations/0001_records_schema.sql: UK marks are at most 7 characters,
    // and foreign marks seen locally are kept as they are read.
    [GeneratedRegex("^[A-Z0-9]{1,8}$")]
    private static partial Regex Mark();
}
