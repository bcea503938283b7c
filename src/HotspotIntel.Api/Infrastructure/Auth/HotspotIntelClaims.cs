namespace HotspotIntel.Api.Infrastructure.Auth;

/// <summary>The claims a HotspotIntel token carries besides <c>sub</c> and <c>name</c>.</summary>
public static class HotspotIntelClaims
{
    /// <summary>The user's role, as a <see cref="Core.Access.UserRole"/> code (e.g. <c>analyst</c>).</summary>
    public const string Role = "hotspotintel_role";

    /// <summary>The id of the agency the user works for.</summary>
    public const string Agency = "hotspotintel_agency";
}
