using System.Security.Claims;
using HotspotIntel.Api.Data;
using HotspotIntel.Core;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Infrastructure.Auth;

/// <summary>Who is making the request: user id, role and agency from the validated token; null properties when anonymous.</summary>
public sealed class CurrentUser(IHttpContextAccessor httpContext)
{
    private ClaimsPrincipal? Principal => httpContext.HttpContext?.User;

    /// <summary>The token's <c>sub</c>: exactly one, checked when the token was validated (<see cref="TokenClaims"/>).</summary>
    public string? UserId => Principal?.FindFirstValue("sub");

    public UserRole? Role => EnumCodes<UserRole>.TryParse(Principal?.FindFirstValue(HotspotIntelClaims.Role), out var role) ? role : null;

    public Guid? AgencyId => Guid.TryParse(Principal?.FindFirstValue(HotspotIntelClaims.Agency), out var agency) ? agency : null;

    /// <summary>The agency a record this user creates belongs to.</summary>
    public Guid RecordingAgencyId => AgencyId ?? throw new InvalidOperationException("The signed-in user has no agency.");

    /// <summary>The identity row-level security sees for this user: nobody's, with no rights, when anonymous.</summary>
    public AccessSession Session => new(UserId ?? "", AgencyId, Role is { } role ? EnumCodes<UserRole>.ToCode(role) : "none");
}
