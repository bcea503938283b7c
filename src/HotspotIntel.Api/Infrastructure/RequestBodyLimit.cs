using Microsoft.AspNetCore.Http.Features;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// Refuses a request body larger than its endpoint reads (<see cref="RequestLimits.JsonBodyBytes"/>, or the endpoint's
/// <c>RequestSizeLimitAttribute</c>, which routing has already applied) with a 413 the client can read. Kestrel refuses
/// such a body by closing the connection with the rest of it unread, which resets it while a client is still sending:
/// most clients send the whole body before reading, and then see a broken connection instead of the 413. Here the limit
/// is raised by <see cref="DrainBytes"/> so that Kestrel reads and discards the rest after the 413 (for up to its drain
/// timeout of 5 seconds), keeping the connection; a body beyond that is still cut off.
/// </summary>
public static class RequestBodyLimit
{
    /// <summary>How much more than the limit is read and discarded so that the client hears why: a few seconds' upload.</summary>
    public const long DrainBytes = 64L * 1024 * 1024;

    public static void UseRequestBodyLimit(this WebApplication app) => app.Use((context, next) =>
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is not { IsReadOnly: false, MaxRequestBodySize: { } limit } feature)
        {
            return next(context);
        }

        feature.MaxRequestBodySize = limit + DrainBytes;
        if (context.Request.ContentLength is { } length)
        {
            if (length <= limit)
            {
                return next(context);
            }

            if (context.Request.Headers.Expect.Any(expect => "100-continue".Equals(expect, StringComparison.OrdinalIgnoreCase)))
            {
                // The client holds the body back until asked for it and, refused, never sends it: nothing is left to
                // read, and what it sends next on this connection must not be read as this body.
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.Connection = "close";
                    return Task.CompletedTask;
                });
            }

            throw TooLarge(limit, $"The body declares {length} bytes");
        }

        // A body sent without its length (chunked) is counted as it is read.
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true })
        {
            context.Request.Body = new LimitedRequestBody(context.Request.Body, limit);
        }

        return next(context);
    });

    internal static BadHttpRequestException TooLarge(long limit, string what) =>
        new($"{what}; this endpoint reads at most {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
}
