using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>The HTTP steps record tests repeat: create and take the id, create twice with one Idempotency-Key, list and take the ids.</summary>
public static class RecordRequests
{
    public static async Task<Guid> CreateAsync(this HttpClient client, string route, JsonObject body) =>
        (await (await client.PostAsJsonAsync(route, body)).ReadObjectAsync())["id"]!.GetValue<Guid>();

    /// <summary>
    /// Posts <paramref name="body"/> twice with one Idempotency-Key, as a client retrying after a lost response would;
    /// asserts both are 201 Created and returns the id each response gave.
    /// </summary>
    public static async Task<(Guid First, Guid Second)> CreateTwiceWithOneIdempotencyKeyAsync(this HttpClient client, string route,
        JsonObject body, string key)
    {
        var first = await client.PostWithIdempotencyKeyAsync(route, body, key);
        var second = await client.PostWithIdempotencyKeyAsync(route, body, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        return ((await first.ReadObjectAsync())["id"]!.GetValue<Guid>(), (await second.ReadObjectAsync())["id"]!.GetValue<Guid>());
    }

    public static Task<HttpResponseMessage> PostWithIdempotencyKeyAsync(this HttpClient client, string route, JsonObject body, string key)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(body) };
        message.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(message);
    }

    /// <summary>The ids on the first page of a list: <c>items</c> of a Page, or <c>features</c> of a FeatureCollection.</summary>
    public static async Task<List<Guid>> ListIdsAsync(this HttpClient client, string pathAndQuery)
    {
        var page = await (await client.GetAsync(pathAndQuery)).ReadObjectAsync();
        var entries = (page["items"] ?? page["features"])!.AsArray();
        return [.. entries.Select(entry => entry!["id"]!.GetValue<Guid>())];
    }
}
