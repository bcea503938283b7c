using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// Turns what the framework throws for a request it cannot read (malformed JSON, a wrong type, an unknown enum code,
/// a body too large, a wrong content type, an unparsable query parameter) into Problem Details that name the field
/// and the reason. Anything else is a 500 that says nothing about the server's internals.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = await SignedInAgencyGoneAsync(httpContext, exception, cancellationToken) ? AgencyGone() : exception switch
        {
            BadHttpRequestException badRequest => Describe(badRequest),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The record changed or was removed while this request ran.",
                Detail = "Read it again and retry.",
            },
            _ when FindPostgresException(exception) is { } postgres && DescribeConstraint(postgres) is { } constraint => constraint,
            _ => Unexpected(),
        };
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            // Since .NET 10 the middleware logs nothing for an exception a handler handled: the promise the response
            // makes ("the error has been logged") is kept here.
            logger.LogError(exception, "Unexpected error in {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// Whether a write failed on an agency foreign key because the signed-in user's agency is gone: removed after
    /// <see cref="KnownAgencies"/> last saw it. The user is then no longer signed in as anyone the API knows.
    /// </summary>
    private static async Task<bool> SignedInAgencyGoneAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (FindPostgresException(exception) is not { SqlState: PostgresErrorCodes.ForeignKeyViolation } foreignKey
            || foreignKey.ConstraintName != $"{foreignKey.TableName}_agency_id_fkey"
            || httpContext.RequestServices.GetRequiredService<CurrentUser>() is not { AgencyId: { } agencyId } user)
        {
            return false;
        }

        return !await httpContext.RequestServices.GetRequiredService<KnownAgencies>().ForgetAsync(agencyId, user.Session, cancellationToken);
    }

    private static ProblemDetails AgencyGone() => new()
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = "Not signed in.",
        Detail = AuthSetup.NoSuchAgency,
    };

    private static PostgresException? FindPostgresException(Exception? exception) => exception switch
    {
        null => null,
        PostgresException postgres => postgres,
        _ => FindPostgresException(exception.InnerException),
    };

    // The database is the last line of defence for integrity; when a constraint catches what validation did not
    // (a race between two requests, a record still referenced), the client hears which rule it broke, not a 500.
    private static ProblemDetails? DescribeConstraint(PostgresException postgres) => postgres.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The record conflicts with one that exists.",
            Detail = $"Another record already has the same value ({postgres.ConstraintName}); if this was a retry, the first attempt succeeded.",
        },
        PostgresErrorCodes.ForeignKeyViolation => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Other records depend on this one, or it refers to one that does not exist.",
            Detail = $"Constraint {postgres.ConstraintName} on {postgres.TableName}.",
        },
        PostgresErrorCodes.CheckViolation or PostgresErrorCodes.NotNullViolation => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The record breaks a rule of the database.",
            Detail = $"Constraint {postgres.ConstraintName ?? postgres.ColumnName} on {postgres.TableName}.",
        },
        _ => null,
    };

    private static ProblemDetails Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            var reason = WithAllowedCodes(WithoutTypeNamespaces(JsonReason(json)));
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body could not be read.",
                Detail = $"{field}: {reason}",
            };
        }

        if (UnboundParameter().Match(exception.Message) is { Success: true } unbound)
        {
            var (type, field, value) = (unbound.Groups["type"].Value, unbound.Groups["name"].Value, unbound.Groups["value"].Value);
            var reason = $"'{value}' is not a valid {ReadableType(type)}.";
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request could not be read.",
                Detail = $"{field}: {reason}",
            };
        }

        return new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = exception.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request body's content type is not supported here.",
                _ => "The request could not be read.",
            },
            Detail = WithoutTypeNamespaces(exception.Message),
        };
    }

    // "Nullable<Guid>" reads as "Guid"; the type is how the client learns what the parameter takes.
    private static string ReadableType(string type) => type.StartsWith("Nullable<", StringComparison.Ordinal) ? type[9..^1] : type;

    // STJ appends "Path: … | LineNumber: … | BytePositionInLine: …" to its own messages; the path is reported as the field.
    private static string JsonReason(JsonException json) =>
        PositionSuffix().Replace(json.Message, "").Trim();

    private static string WithoutTypeNamespaces(string message) => Namespaces().Replace(message, "");

    // "could not be converted to ReportCategory" helps nobody without the codes it accepts.
    private static string WithAllowedCodes(string reason) =>
        ConvertedTo().Match(reason) is { Success: true } match && AllowedCodesByEnumName.TryGetValue(match.Groups[1].Value, out var codes)
            ? $"{reason} Allowed values: {codes}."
            : reason;

    private static readonly FrozenDictionary<string, string> AllowedCodesByEnumName = new[] { typeof(Core.Grading.Grading).Assembly, typeof(HotspotIntel.Analysis.HotspotParameters).Assembly }
        .SelectMany(assembly => assembly.GetTypes())
        .Where(type => type.IsEnum && type.IsPublic)
        .GroupBy(type => type.Name)
        .Where(group => group.Count() == 1)
        .ToFrozenDictionary(group => group.Key, group => string.Join(", ",
            (IReadOnlyList<string>)typeof(EnumCodes<>).MakeGenericType(group.Single()).GetProperty(nameof(EnumCodes<Core.Links.LinkKind>.All))!.GetValue(null)!));

    private static ProblemDetails Unexpected() => new()
    {
        Status = StatusCodes.Status500InternalServerError,
        Title = "An unexpected error occurred.",
        Detail = "The error has been logged; quote the traceId when reporting it.",
    };

    // An optional enum member is reported as System.Nullable`1[TheEnum] (namespace already removed).
    [GeneratedRegex(@"could not be converted to (?:System\.Nullable`1\[)?(\w+)\]?\.")]
    private static partial Regex ConvertedTo();

    // What minimal APIs throw for a route or query value they cannot convert: Failed to bind parameter "Guid? id" from "x".
    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>.+) (?<name>\w+)"" from ""(?<value>.*)""\.$", RegexOptions.Singleline)]
    private static partial Regex UnboundParameter();

    [GeneratedRegex(@"\s*Path: .*$", RegexOptions.Singleline)]
    private static partial Regex PositionSuffix();

    [GeneratedRegex(@"\b(?:HotspotIntel|System|NetTopologySuite)(?:\.[A-Za-z]+)+\.(?=[A-Z][A-Za-z]*\b)")]
    private static partial Regex Namespaces();
}
