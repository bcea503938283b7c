using System.Net;
using System.Text;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core;
using HotspotIntel.Core.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HotspotIntel.Api.Tests.Access;

/// <summary>
/// Every endpoint the app maps, probed over HTTP: without a token it is a 401; with a role its policy does not admit,
/// a 403. The endpoint × role table these probes produce is written to endpoint-access.md beside the test binaries.
/// </summary>
public sealed class EndpointAccessTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Every_endpoint_but_health_and_the_OpenAPI_document_requires_a_token()
    {
        using var anonymous = database.Application.CreateClient();
        var admitted = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => !e.Anonymous))
        {
            var response = await anonymous.SendAsync(endpoint.Request());
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                admitted.Add($"{endpoint} answered {(int)response.StatusCode}");
            }
        }

        Assert.Empty(admitted);
        Assert.Contains(Endpoints(), e => e.Anonymous && e.Pattern == "/health");
    }

    [Fact]
    public async Task A_role_outside_an_endpoint_s_policy_gets_a_403_and_the_table_is_written()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "ACCESS1");
        var table = new StringBuilder("| endpoint | " + string.Join(" | ", Enum.GetValues<UserRole>().Select(EnumCodes<UserRole>.ToCode)) + " |\n");
        table.Append("|---|" + string.Concat(Enum.GetValues<UserRole>().Select(_ => "---|")) + "\n");
        var wrong = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => !e.Anonymous).OrderBy(e => e.Pattern).ThenBy(e => e.Method))
        {
            table.Append($"| {endpoint} |");
            foreach (var role in Enum.GetValues<UserRole>())
            {
                using var client = database.Application.CreateClient(role, role == UserRole.Administrator ? null : agencyId);
                var status = (await client.SendAsync(endpoint.Request())).StatusCode;
                var allowedByPolicy = endpoint.Policy is null || Policies.RolesByPolicy[endpoint.Policy].Contains(role);
                if (allowedByPolicy == (status == HttpStatusCode.Forbidden))
                {
                    wrong.Add($"{endpoint} as {role}: {(int)status}, policy {endpoint.Policy ?? "signed-in"}");
                }

                table.Append(status == HttpStatusCode.Forbidden ? " denied |" : " allowed |");
            }

            table.Append('\n');
        }

        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "endpoint-access.md"), table.ToString());
        Assert.Empty(wrong);
    }

    private List<ProbedEndpoint> Endpoints() => database.Application.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => new ProbedEndpoint(
            method,
            endpoint.RoutePattern.RawText!,
            endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
            endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().LastOrDefault(data => data.Policy is not null)?.Policy)))
        .Where(endpoint => endpoint.Pattern.StartsWith("/api/", StringComparison.Ordinal) || endpoint.Pattern.StartsWith("/tiles/", StringComparison.Ordinal) || endpoint.Anonymous)
        .ToList();

    private sealed record ProbedEndpoint(string Method, string Pattern, bool Anonymous, string? Policy)
    {
        // Route parameters get a fresh id; bodies are empty JSON: authorization is decided before either is read.
        public HttpRequestMessage Request() => new(new HttpMethod(Method), System.Text.RegularExpressions.Regex.Replace(Pattern, "{[^}]+}", Guid.NewGuid().ToString()))
        {
            Content = Method is "POST" or "PUT" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
        };

        public override string ToString() => $"{Method} {Pattern}";
    }
}
