using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace HotspotIntel.Api.Infrastructure.Auth;

internal static class AuthSetup
{
    public static void AddHotspotIntelAuth(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (options.Authority is null && options.SigningKey is null)
        {
            throw new InvalidOperationException("Configure Auth:Authority (OpenID Connect) or Auth:SigningKey (local tokens).");
        }

        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.Authority = options.Authority;
            jwt.Audience = options.Audience;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudience = options.Audience,
                ValidIssuer = options.Authority is null ? options.Issuer : null,
                ValidateIssuer = true,
                IssuerSigningKey = options.Authority is null ? LocalTokens.Key(options) : null,
                NameClaimType = "name",
                RoleClaimType = HotspotIntelClaims.Role,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
        });
        builder.Services.AddAuthorizationBuilder().AddHotspotIntelPolicies();
    }
}
