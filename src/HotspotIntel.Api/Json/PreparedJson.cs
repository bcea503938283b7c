using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace HotspotIntel.Api.Json;

/// <summary>
/// A 200 answer of <typeparamref name="T"/> written as JSON before it is returned, by the API's rules, and sent as
/// <see cref="Microsoft.AspNetCore.Http.HttpResults.Ok{TValue}"/> sends it (same body, content type and OpenAPI
/// description). For an answer large enough that writing it is worth doing while the database does something else
/// that must finish before it is sent (a network's audit entry).
/// </summary>
public sealed class PreparedJson<T> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private readonly byte[] _body;

    private PreparedJson(byte[] body) => _body = body;

    /// <summary><paramref name="value"/> written with <paramref name="options"/> (the API's: <see cref="JsonSetup"/>).</summary>
    public static PreparedJson<T> Of(T value, JsonSerializerOptions options) => new(JsonSerializer.SerializeToUtf8Bytes(value, options));

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = _body.Length;
        return response.Body.WriteAsync(_body, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
