using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace HotspotIntel.Api.Infrastructure.Auth;

internal static class AuthSetup
{
    private const string DashboardCookie = "hotspotintel_dashboard_token";

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
            // A browser cannot add a bearer header to the Hangfire dashboard's pages: /hangfire?access_token=... signs
            // in once and keeps the token in an HttpOnly cookie scoped to the dashboard.
            jwt.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (!context.Request.Path.StartsWithSegments("/hangfire"))
                    {
                        return Task.CompletedTask;
                    }

                    if (context.Request.Query["access_token"].FirstOrDefault() is { } token)
                    {
                        context.Token = token;
                        context.Response.Cookies.Append(DashboardCookie, token, new CookieOptions
                        {
                            HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/hangfire", Secure = context.Request.IsHttps,
                        });
                    }
                    else if (context.Request.Cookies.TryGetValue(DashboardCookie, out var cookie))
                    {
                        context.Token = cookie;
                    }

                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddAuthorizationBuilder().AddHotspotIntelPolicies();
    }
}
