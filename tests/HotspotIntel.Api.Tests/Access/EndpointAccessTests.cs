using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
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
/// a 403; naming a record the caller cannot see, a 404; changing a record shared with the caller's agency but owned by
/// another, a 403. The endpoint × role table these probes produce is written to endpoint-access.md beside the test binaries.
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

    [Fact]
    public async Task The_import_endpoints_are_probed_under_the_policies_of_what_they_record()
    {
        // Endpoints() finds every mapped endpoint; this pins the imports among them, so the probes above cover them.
        var imports = Endpoints().Where(e => e.Pattern.StartsWith("/api/imports", StringComparison.Ordinal)).Select(e => e.ToString() + " " + e.Policy).Order();

        Assert.Equal(["GET /api/imports/{id} " + Policies.ReadRecords, "POST /api/imports/premises " + Policies.RecordPlaces,
            "POST /api/imports/reports " + Policies.SubmitReports], imports);
        using var anonymous = database.Application.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/imports/reports", new StringContent("", Encoding.UTF8, "text/csv"))).StatusCode);
    }

    [Fact]
    public async Task Every_endpoint_that_names_a_record_is_a_404_for_one_held_by_an_agency_that_does_not_share_it()
    {
        var hidden = await RecordsOfEveryKindAsync(await TestData.CreateAgencyAsync(database.Application, "ACCESS2"));
        var outsider = await TestData.CreateAgencyAsync(database.Application, "ACCESS3");
        var wrong = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => e.Pattern.Contains("{id}", StringComparison.Ordinal)))
        {
            if (!RecordProbes.TryGetValue(endpoint.ToString(), out var probe))
            {
                wrong.Add($"{endpoint}: no probe; add one to {nameof(RecordProbes)}");
                continue;
            }

            using var client = ClientAdmittedTo(endpoint, outsider);
            var id = probe.Kind is null ? Guid.NewGuid() : hidden[probe.Kind];
            var response = await client.SendAsync(probe.Request(endpoint, id));
            if (response.StatusCode != HttpStatusCode.NotFound || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                wrong.Add($"{endpoint}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task The_same_probes_straight_against_PostgreSQL_under_RLS_find_no_record_of_an_agency_that_does_not_share_it()
    {
        var owner = await TestData.CreateAgencyAsync(database.Application, "ACCESS6");
        var outsider = await TestData.CreateAgencyAsync(database.Application, "ACCESS7");
        var records = await RecordsOfEveryKindAsync(owner);
        var wrong = new List<string>();
        foreach (var (kind, id) in records)
        {
            var table = TablesByKind[kind];
            foreach (var role in new[] { "analyst", "supervisor", "tasking_member", "licensing_officer" })
            {
                var seen = await database.CountAsSessionAsync(outsider, role, $"SELECT count(*) FROM {table} WHERE id = '{id}'");
                var changed = await database.CountAsSessionAsync(outsider, role, $"WITH changed AS (UPDATE {table} SET updated_at = now() WHERE id = '{id}' RETURNING 1) SELECT count(*) FROM changed");
                var deleted = await database.CountAsSessionAsync(outsider, role, $"WITH gone AS (DELETE FROM {table} WHERE id = '{id}' RETURNING 1) SELECT count(*) FROM gone");
                if (seen + changed + deleted != 0)
                {
                    wrong.Add($"{table} as an outsider's {role}: seen {seen}, updated {changed}, deleted {deleted}");
                }
            }

            if (await database.CountAsSessionAsync(owner, "supervisor", $"SELECT count(*) FROM {table} WHERE id = '{id}'") != 1)
            {
                wrong.Add($"{table}: its own agency's supervisor does not see it, so the probe proves nothing");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Every_endpoint_that_changes_a_record_is_a_403_for_one_shared_by_the_agency_that_owns_it()
    {
        var owner = await TestData.CreateAgencyAsync(database.Application, "ACCESS4");
        var partner = await TestData.CreateAgencyAsync(database.Application, "ACCESS5");
        var shared = await RecordsOfEveryKindAsync(owner);
        await TestData.ShareAsync(database.Application, owner, partner);
        var changes = Endpoints().Where(e => e.Method is "PUT" or "DELETE" && RecordProbes.TryGetValue(e.ToString(), out var probe) && probe.Kind is not null).ToList();
        var wrong = new List<string>();
        foreach (var endpoint in changes)
        {
            var probe = RecordProbes[endpoint.ToString()];
            using var client = ClientAdmittedTo(endpoint, partner);
            var response = await client.SendAsync(probe.Request(endpoint, shared[probe.Kind!]));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Forbidden || !body.Contains("belongs to another agency", StringComparison.Ordinal))
            {
                wrong.Add($"{endpoint}: {(int)response.StatusCode} {body}");
            }
        }

        Assert.Empty(wrong);
        // A PUT and a DELETE for every kind of record an agency owns.
        Assert.Equal(2 * shared.Count, changes.Count);
    }

    // What each endpoint that names a record is sent: one of the records another agency holds, by kind (the route's
    // name for it), or a fresh id where records belong to no agency; and a body the endpoint can read, so that
    // finding the record, not validation, decides the answer.
    private static readonly Dictionary<string, RecordProbe> RecordProbes = new()
    {
        ["GET /api/agencies/{id}"] = new(null),
        ["PUT /api/agencies/{id}"] = new(null, () => new() { ["code"] = "ACCESS-X", ["name"] = "Synthetic Access Agency", ["kind"] = "police" }),
        ["DELETE /api/agencies/{id}"] = new(null),
        ["DELETE /api/sharing-agreements/{id}"] = new(null),
        ["GET /api/reports/{id}"] = new("reports"),
        ["GET /api/reports/{id}/named"] = new("reports"),
        ["PUT /api/reports/{id}"] = new("reports", () => TestData.Report()),
        ["POST /api/reports/{id}/disclosures"] = new("reports", Disclosure),
        ["DELETE /api/reports/{id}"] = new("reports"),
        ["POST /api/reviews/{kind}/{id}/retain"] = new("reports", () => new()
        {
            ["justification"] = SignedInClients.Justification,
            ["reviewOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("O"),
        }),
        ["POST /api/reviews/{kind}/{id}/erase"] = new("reports", () => new() { ["justification"] = SignedInClients.Justification }),
        ["GET /api/persons/{id}"] = new("persons"),
        ["POST /api/persons/{id}/disclosures"] = new("persons", Disclosure),
        ["PUT /api/persons/{id}"] = new("persons", () => EntityTestData.Person()),
        ["DELETE /api/persons/{id}"] = new("persons"),
        ["GET /api/premises/{id}"] = new("premises"),
        ["GET /api/premises/{id}/concerns"] = new("premises"),
        ["PUT /api/premises/{id}"] = new("premises", () => EntityTestData.Premises()),
        ["DELETE /api/premises/{id}"] = new("premises"),
        ["GET /api/locations/{id}"] = new("locations"),
        ["GET /api/locations/{id}/concerns"] = new("locations"),
        ["PUT /api/locations/{id}"] = new("locations", () => EntityTestData.Location(EntityTestData.Point(TestData.CentreLongitude, TestData.CentreLatitude))),
        ["DELETE /api/locations/{id}"] = new("locations"),
        ["GET /api/vehicles/{id}"] = new("vehicles"),
        ["GET /api/vehicles/{id}/concerns"] = new("vehicles"),
        ["PUT /api/vehicles/{id}"] = new("vehicles", () => EntityTestData.Vehicle()),
        ["DELETE /api/vehicles/{id}"] = new("vehicles"),
        ["GET /api/phone-numbers/{id}"] = new("phone-numbers"),
        ["PUT /api/phone-numbers/{id}"] = new("phone-numbers", () => EntityTestData.PhoneNumber()),
        ["DELETE /api/phone-numbers/{id}"] = new("phone-numbers"),
        ["GET /api/online-identifiers/{id}"] = new("online-identifiers"),
        ["PUT /api/online-identifiers/{id}"] = new("online-identifiers", () => EntityTestData.OnlineIdentifier()),
        ["DELETE /api/online-identifiers/{id}"] = new("online-identifiers"),
        ["GET /api/entity-resolution/merges/{id}"] = new(null),
        ["POST /api/entity-resolution/merges/{id}/reversal"] = new(null, () => new() { ["justification"] = SignedInClients.Justification }),
        ["GET /api/links/{id}"] = new("links"),
        ["PUT /api/links/{id}"] = new("links", () => EntityTestData.Link("person", Guid.NewGuid(), "person", Guid.NewGuid())),
        ["DELETE /api/links/{id}"] = new("links"),
        ["GET /api/missing-episodes/{id}"] = new("missing-episodes"),
        ["PUT /api/missing-episodes/{id}"] = new("missing-episodes", () => EntityTestData.MissingEpisode(Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-1))),
        ["DELETE /api/missing-episodes/{id}"] = new("missing-episodes"),
        ["GET /api/disruption-actions/{id}"] = new("disruption-actions"),
        ["PUT /api/disruption-actions/{id}"] = new("disruption-actions", () => EntityTestData.DisruptionAction("premises", Guid.NewGuid(), Guid.NewGuid())),
        ["DELETE /api/disruption-actions/{id}"] = new("disruption-actions"),
        ["GET /api/disruption-actions/{id}/impact"] = new("disruption-actions"),
        ["GET /api/imports/{id}"] = new(null),
        ["GET /api/hotspots/{id}"] = new(null),
        ["GET /api/hotspots/{id}/indicator-counts"] = new(null),
        ["GET /api/hotspot-runs/{id}"] = new(null),
        ["GET /api/hotspot-runs/{id}/changes"] = new(null),
        ["POST /api/hotspot-runs/{id}/publication"] = new(null),
        ["GET /api/meeting-packs/{id}"] = new(null),
        ["GET /api/meeting-packs/{id}/{file}"] = new(null),
        ["GET /api/panels/{id}"] = new("panels"),
        ["PUT /api/panels/{id}"] = new("panels", () => EntityTestData.Panel()),
        ["DELETE /api/panels/{id}"] = new("panels"),
        ["GET /api/panels/{id}/list"] = new("panels"),
        ["POST /api/panels/{id}/list-items"] = new("panels", () => new() { ["entityKind"] = "premises", ["entityId"] = Guid.NewGuid(), ["reason"] = "Synthetic reason" }),
        ["POST /api/panels/{id}/case-references"] = new("panels", () => new() { ["caseReference"] = "LCS-204518", ["holdingAgencyId"] = Guid.NewGuid() }),
        ["GET /api/panels/{id}/meetings"] = new("panels"),
        ["POST /api/panels/{id}/meetings"] = new("panels", () => new() { ["heldAt"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("O") }),
        ["PUT /api/panel-list-items/{id}"] = new(null, () => new() { ["reason"] = "Synthetic reason" }),
        ["DELETE /api/panel-list-items/{id}"] = new(null),
        ["DELETE /api/panel-case-references/{id}"] = new(null),
        ["GET /api/panel-meetings/{id}"] = new(null),
        ["PUT /api/panel-meetings/{id}"] = new(null, () => new() { ["heldAt"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("O") }),
        ["DELETE /api/panel-meetings/{id}"] = new(null),
        ["POST /api/panel-meetings/{id}/decisions"] = new(null, () => new() { ["text"] = "Synthetic decision" }),
        ["GET /api/panel-meetings/{id}/pack/{file}"] = new(null),
        ["PUT /api/panel-decisions/{id}"] = new(null, () => new() { ["text"] = "Synthetic decision" }),
        ["DELETE /api/panel-decisions/{id}"] = new(null),
        ["DELETE /api/meeting-packs/{id}"] = new(null),
        ["POST /api/meeting-packs/{id}/retry"] = new(null),
        ["GET /api/areas/{id}"] = new(null),
        ["GET /api/areas/{id}/profile"] = new(null),
    };

    private static readonly Dictionary<string, string> TablesByKind = new()
    {
        ["reports"] = "intelligence_reports",
        ["persons"] = "persons",
        ["premises"] = "premises",
        ["locations"] = "locations",
        ["vehicles"] = "vehicles",
        ["links"] = "links",
        ["missing-episodes"] = "missing_episodes",
        ["phone-numbers"] = "phone_numbers",
        ["online-identifiers"] = "online_identifiers",
        ["disruption-actions"] = "disruption_actions",
        ["panels"] = "panels",
    };

    /// <summary>One record of every kind an agency owns, recorded by an analyst of <paramref name="agencyId"/>, by the route's name for its kind.</summary>
    private async Task<Dictionary<string, Guid>> RecordsOfEveryKindAsync(Guid agencyId)
    {
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var childId = await analyst.CreateAsync("/api/persons", EntityTestData.Person(role: "child_at_risk"));
        var premisesId = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        return new()
        {
            ["reports"] = await analyst.CreateAsync("/api/reports", TestData.Report()),
            ["persons"] = childId,
            ["premises"] = premisesId,
            ["locations"] = await analyst.CreateAsync("/api/locations", EntityTestData.Location(EntityTestData.Point(TestData.CentreLongitude, TestData.CentreLatitude))),
            ["vehicles"] = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle()),
            ["phone-numbers"] = await analyst.CreateAsync("/api/phone-numbers", EntityTestData.PhoneNumber()),
            ["online-identifiers"] = await analyst.CreateAsync("/api/online-identifiers", EntityTestData.OnlineIdentifier()),
            ["links"] = await analyst.CreateAsync("/api/links", EntityTestData.Link("person", childId, "premises", premisesId)),
            ["missing-episodes"] = await analyst.CreateAsync("/api/missing-episodes", EntityTestData.MissingEpisode(childId, DateTimeOffset.UtcNow.AddDays(-1))),
            ["disruption-actions"] = await analyst.CreateAsync("/api/disruption-actions", EntityTestData.DisruptionAction("premises", premisesId, agencyId)),
            ["panels"] = await analyst.CreateAsync("/api/panels", EntityTestData.Panel()),
        };
    }

    /// <summary>A client of <paramref name="agencyId"/> with a role the endpoint's policy admits (a supervisor where it may), stating a justification.</summary>
    private HttpClient ClientAdmittedTo(ProbedEndpoint endpoint, Guid agencyId)
    {
        var admitted = endpoint.Policy is null ? [UserRole.Supervisor] : Policies.RolesByPolicy[endpoint.Policy];
        var role = admitted.Contains(UserRole.Supervisor) ? UserRole.Supervisor : admitted[0];
        return database.Application.CreateClient(role, role == UserRole.Administrator ? null : agencyId).Justified();
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

    /// <summary>The kind of record an endpoint names (null: a fresh id) and the body to send it.</summary>
    private static JsonObject Disclosure() => new() { ["recipient"] = "Synthetic Borough licensing sub-committee", ["justification"] = SignedInClients.Justification };

    private sealed record RecordProbe(string? Kind, Func<JsonObject>? Body = null)
    {
        public HttpRequestMessage Request(ProbedEndpoint endpoint, Guid id) =>
            new(new HttpMethod(endpoint.Method), endpoint.Pattern.Replace("{kind}", Kind, StringComparison.Ordinal).Replace("{id}", id.ToString(), StringComparison.Ordinal))
            {
                Content = Body is null ? null : JsonContent.Create(Body()),
            };
    }
}
