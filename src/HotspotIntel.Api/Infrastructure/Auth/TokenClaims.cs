using System.Security.Claims;
using HotspotIntel.Core;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Infrastructure.Auth;

/// <summary>
/// The shape a validly signed token must have before anything acts on it: exactly one non-empty <c>sub</c>, exactly one
/// <see cref="HotspotIntelClaims.Role"/> with a known role code, and exactly one <see cref="HotspotIntelClaims.Agency"/>
/// that is an agency id (none allowed for administrators). The API's policies and the database's session settings read
/// the first of each claim; with exactly one they cannot read different ones.
/// </summary>
internal static class TokenClaims
{
    /// <summary>Audit rows and idempotency keys store the user id: it must fit and be plain text.</summary>
    private const int MaxSubjectLength = 256;

    /// <summary>What is wrong with the claims of <paramref name="principal"/>, or null with the role and agency they name.</summary>
    public static string? Problem(ClaimsPrincipal principal, out UserRole role, out Guid? agencyId)
    {
        role = default;
        agencyId = null;
        var subjects = Values(principal, "sub");
        if (subjects is not [var subject] || string.IsNullOrWhiteSpace(subject))
        {
            return $"The token must carry exactly one non-empty sub claim (the user id); it has {Describe(subjects)}.";
        }

        if (subject.Length > MaxSubjectLength || subject.Any(char.IsControl))
        {
            return $"The sub claim must be at most {MaxSubjectLength} characters without control characters.";
        }

        var roles = Values(principal, HotspotIntelClaims.Role);
        if (roles is not [var roleCode] || !EnumCodes<UserRole>.TryParse(roleCode, out role) || roleCode != EnumCodes<UserRole>.ToCode(role))
        {
            return $"The token must carry exactly one {HotspotIntelClaims.Role} claim, one of {string.Join(", ", EnumCodes<UserRole>.All)}; "
                + $"it has {Describe(roles)}.";
        }

        var agencies = Values(principal, HotspotIntelClaims.Agency);
        var agencyRequired = role != UserRole.Administrator;
        if (agencies is [] && !agencyRequired)
        {
            return null;
        }

        if (agencies is not [var agency] || !Guid.TryParse(agency, out var id) || id == Guid.Empty)
        {
            return $"The token must carry {(agencyRequired ? $"exactly one {HotspotIntelClaims.Agency} claim" : $"at most one {HotspotIntelClaims.Agency} claim")}, "
                + $"the id (a GUID) of the user's agency; it has {Describe(agencies)}.";
        }

        agencyId = id;
        return null;
    }

    private static string[] Values(ClaimsPrincipal principal, string type) => [.. principal.FindAll(type).Select(claim => claim.Value)];

    // The values themselves may be long or hostile; their count and a short quotation say enough.
    private static string Describe(string[] values) => values switch
    {
        [] => "none",
        [var one] => $"'{Quote(one)}'",
        _ => $"{values.Length}",
    };

    private static string Quote(string value) => new([.. value.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
}
