using Microsoft.AspNetCore.Http.HttpResults;

namespace HotspotIntel.Api.Audit;

/// <summary>
/// A disclosed file as every download gives it: its name starts with its security marking and the
/// <c>Security-Marking</c> header carries it, so the marking stays with the file however it is saved or forwarded.
/// </summary>
public static class MarkedFile
{
    public const string Header = "Security-Marking";

    /// <summary>A file held in memory (a pack, a chart).</summary>
    public static FileContentHttpResult Of(HttpResponse response, string marking, byte[] content, string contentType, string name)
    {
        response.Headers[Header] = marking;
        return TypedResults.File(content, contentType, $"{marking} {name}");
    }

    /// <summary>A file streamed as it is written (a list export); the result disposes the stream once sent.</summary>
    public static FileStreamHttpResult Of(HttpResponse response, string marking, Stream content, string contentType, string name)
    {
        response.Headers[Header] = marking;
        return TypedResults.File(content, contentType, $"{marking} {name}");
    }
}
