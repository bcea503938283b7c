using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using HotspotIntel.Core;
using HotspotIntel.Core.Access;
using Microsoft.IdentityModel.Tokens;

namespace HotspotIntel.Api.Infrastructure.Auth;

/// <summary>Signs tokens with the configured local key: for development sign-in, the <c>issue-token</c> command and tests.</summary>
public static class LocalTokens
{
    public static SymmetricSecurityKey Key(AuthOptions options) => new(Convert.FromBase64String(
        options.SigningKey ?? throw new InvalidOperationException("Auth:SigningKey is not configured.")));

    public static string Issue(AuthOptions options, string userId, UserRole role, Guid? agencyId, TimeSpan lifetime, DateTimeOffset now)
    {
        var claims = new List<Claim>
        {
            new("sub", userId),
            new("name", userId),
            new(HotspotIntelClaims.Role, EnumCodes<UserRole>.ToCode(role)),
        };
        if (agencyId is { } agency)
        {
            claims.Add(new(HotspotIntelClaims.Agency, agency.ToString()));
        }

        var token = new JwtSecurityToken(options.Issuer, options.Audience, claims, now.UtcDateTime, (now + lifetime).UtcDateTime,
            new SigningCredentials(Key(options), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
