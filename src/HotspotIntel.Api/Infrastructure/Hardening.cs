using System.Globalization;
using System.Threading.RateLimiting;
using HotspotIntel.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// What every response gets regardless of endpoint: a per-user rate limit (429 Problem Details with Retry-After),
/// security headers, CORS closed unless origins are configured (<c>Cors:AllowedOrigins</c>), HSTS outside development.
/// Request size limits are in <see cref="RequestLimits"/>, Kestrel's own refusals get bodies from <see cref="KestrelRejections"/>; stack traces and SQL never reach a response
/// (<see cref="BadRequestExceptionHandler"/> and the Problem Details for anything else).
/// </summary>
internal static class Hardening
{
    public const string CorsPolicy = "configured-origins";

    public static void AddHotspotIntelHardening(this WebApplicationBuilder builder)
    {
        // A map pan fetches dozens of tiles a second; the default allows that and stops bulk scraping.
        var permitsPerMinute = builder.Configuration.GetValue("RateLimiting:PermitsPerMinute", 3000);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = permitsPerMinute,
                    TokensPerPeriod = permitsPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
                        detail: $"You may make {permitsPerMinute} requests a minute; try again in {response.Headers.RetryAfter} s.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = RequestLimits.KestrelMaxRequestLineBytes;
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(KestrelRejections.AsProblemDetails));
        });

        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            if (origins.Length > 0)
            {
                policy.WithOrigins(origins).WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "Justification").AllowAnyMethod();
            }
        }));
    }

    /// <summary>First in the pipeline, so that every response, Swagger UI's and errors' included, carries the headers.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/ogc"))
            {
                // API answers are data, never documents to render, and may hold personal data: no caching.
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                headers.CacheControl = "no-store";
            }

            return next(context);
        });
        app.UseCors(CorsPolicy);
    }

    /// <summary>After authentication, so the limit is per signed-in user (per address for anonymous calls).</summary>
    public static void UsePerUserRateLimit(this WebApplication app) => app.UseRateLimiter();

    private static string PartitionKey(HttpContext context) =>
        context.User.FindFirst("sub")?.Value is { } user ? $"user:{user}"
        : $"address:{context.Connection.RemoteIpAddress}";
}
