using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>How large a request may be, and what its path and query string may hold.</summary>
public static class RequestLimits
{
    /// <summary>
    /// The longest path and query string the API reads, in characters: the longest real query (every filter of a
    /// list set) is a few hundred. Longer is a 414 Problem Details from <see cref="UseRequestTargetChecks"/>.
    /// </summary>
    public const int MaxRequestTargetLength = 8 * 1024;

    /// <summary>
    /// Kestrel's own limit on the request line, raised well above <see cref="MaxRequestTargetLength"/> (Kestrel's
    /// default is 8 KB) so that a long query string reaches the pipeline and gets Problem Details; Kestrel answers
    /// anything longer itself, with a 414 that <see cref="KestrelRejections"/> gives a body.
    /// </summary>
    public const int KestrelMaxRequestLineBytes = 1024 * 1024;

    /// <summary>A JSON record is a few kilobytes; a megabyte leaves room for a long narrative or a detailed polygon.</summary>
    public const long JsonBodyBytes = 1024 * 1024;

    /// <summary>
    /// Refuses, before anything reads them, a path and query string longer than <see cref="MaxRequestTargetLength"/>
    /// (414) and query parameters holding what cannot be stored as text (<see cref="TextInput.Unstorable"/>: a NUL once
    /// reached a 500 from PostgreSQL in search terms), each as Problem Details naming the parameter.
    /// </summary>
    public static void UseRequestTargetChecks(this WebApplication app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var length = request.Path.Value?.Length + request.QueryString.Value?.Length ?? 0;
        if (length > MaxRequestTargetLength)
        {
            var longest = request.Query.OrderByDescending(parameter => parameter.Value.Sum(value => value?.Length ?? 0)).Select(parameter => parameter.Key).FirstOrDefault();
            var culprit = longest is null || request.Path.Value?.Length > request.QueryString.Value?.Length ? "The path" : $"The query parameter {longest}";
            await Results.Problem(statusCode: StatusCodes.Status414RequestUriTooLong, title: "The request's path and query string are too long.",
                    detail: $"The path and query string hold {length} characters; at most {MaxRequestTargetLength} are read. {culprit} is the longest part "
                        + "(bbox takes four numbers).")
                .ExecuteAsync(context);
            return;
        }

        var errors = new ValidationErrors();
        foreach (var (name, values) in request.Query)
        {
            if (TextInput.Unstorable(name) is { } nameProblem)
            {
                errors.Add("query", $"A parameter name: {nameProblem}");
            }
            else if (values.Select(value => TextInput.Unstorable(value)).FirstOrDefault(problem => problem is not null) is { } valueProblem)
            {
                errors.Add(name, valueProblem);
            }
        }

        if (errors.Any)
        {
            await errors.ToProblem().ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}
