using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// Answers 503 Problem Details with Retry-After, never a 500, when the database cannot be reached or turns work away
/// for a while: a refused, lost or timed-out connection, the server shutting down or starting up (57P01, 57P02, 57P03),
/// too many clients (53300). Registered before <see cref="BadRequestExceptionHandler"/>, which answers everything else.
/// </summary>
internal sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problemDetails, ILogger<DatabaseUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>How long a client should wait before retrying: about what a PostgreSQL restart or failover takes.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnavailable(exception))
        {
            return false;
        }

        logger.LogWarning(exception, "Database unavailable in {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable for a moment.",
                Detail = $"Retry in {RetryAfterSeconds} seconds. A create sent with an Idempotency-Key header is safe to retry with the same key.",
            },
            Exception = exception,
        });
    }

    /// <summary>Whether <paramref name="exception"/>, or one it wraps (EF Core, Hangfire), says the database is out of reach for now.</summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                // An error the server sent: only those that mean it cannot serve anyone just now, not a rule this request broke.
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
                // No answer at all: refused, reset or timed out (Npgsql's IsTransient: a socket, I/O or timeout failure).
                case NpgsqlException { IsTransient: true }:
                    return true;
            }
        }

        return false;
    }
}
