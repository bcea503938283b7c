using System.Security.Claims;
using HotspotIntel.Api.Data;
using HotspotIntel.Core;
using HotspotIntel.Core.Access;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace HotspotIntel.Api.Infrastructure.Auth;

internal static class AuthSetup
{
    /// <summary>The detail of a refused token for <see cref="BadRequestExceptionHandler"/>, which meets the same agency through its foreign key.</summary>
    public const string NoSuchAgency = $"The {HotspotIntelClaims.Agency} claim names an agency that does not exist (any longer).";

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
            jwt.Events = new JwtBearerEvents
            {
                OnMessageReceived = ReadDashboardToken,
                OnTokenValidated = CheckClaimsAsync,
                OnChallenge = DescribeRefusalAsync,
            };
        });
        builder.Services.AddSingleton<KnownAgencies>();
        builder.Services.AddAuthorizationBuilder().AddHotspotIntelPolicies();
    }


    // A browser cannot add a bearer header to the Hangfire dashboard's pages: /hangfire?access_token=... signs in once,
    // and once the token has validated as an administrator's (CheckClaimsAsync), it is kept in an HttpOnly cookie
    // scoped to the dashboard.
    private static Task ReadDashboardToken(MessageReceivedContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/hangfire"))
        {
            return Task.CompletedTask;
        }

        if (context.Request.Query["access_token"].FirstOrDefault() is { } token)
        {
            context.Token = token;
            context.HttpContext.Items[DashboardCookie] = token;
        }
        else if (context.Request.Cookies.TryGetValue(DashboardCookie, out var cookie))
        {
            context.Token = cookie;
        }

        return Task.CompletedTask;
    }

    /// <summary>A signed token is refused unless its claims have the shape <see cref="TokenClaims"/> requires and its agency exists.</summary>
    private static async Task CheckClaimsAsync(TokenValidatedContext context)
    {
        var problem = TokenClaims.Problem(context.Principal!, out var role, out var agencyId);
        if (problem is null && agencyId is { } agency)
        {
            var session = new AccessSession(context.Principal!.FindFirstValue("sub")!, agency, EnumCodes<UserRole>.ToCode(role));
            if (!await context.HttpContext.RequestServices.GetRequiredService<KnownAgencies>().ExistsAsync(agency, session, context.HttpContext.RequestAborted))
            {
                problem = NoSuchAgency;
            }
        }

        if (problem is not null)
        {
            context.Fail(new TokenClaimsException(problem));
            return;
        }

        if (role == UserRole.Administrator && context.HttpContext.Items[DashboardCookie] is string token)
        {
            context.Response.Cookies.Append(DashboardCookie, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/hangfire",
                Secure = context.Request.IsHttps,
            });
        }
    }

    /// <summary>A 401 is Problem Details that say why, as every other error; the WWW-Authenticate header stays as RFC 6750 has it.</summary>
    private static async Task DescribeRefusalAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var detail = context.AuthenticateFailure switch
        {
            TokenClaimsException claims => claims.Message,
            not null when !string.IsNullOrEmpty(context.ErrorDescription) => $"The bearer token is not valid: {context.ErrorDescription}",
            // A claim of the wrong JSON type (two sub values, say) fails in the token library's reader, which says which.
            { InnerException: System.Text.Json.JsonException json } => $"The bearer token's payload could not be read: {json.Message}",
            not null => "The bearer token is not valid (malformed, wrongly signed, or issued for another audience).",
            null => "Sign in: send a bearer token in the Authorization header.",
        };
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = "Not signed in.", Detail = detail },
        });
    }

    /// <summary>A validly signed token whose claims cannot be acted on.</summary>
    private sealed class TokenClaimsException(string message) : Exception(message);
}
