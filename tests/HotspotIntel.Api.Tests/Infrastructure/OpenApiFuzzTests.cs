using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Infrastructure;

/// <summary>
/// Walks the OpenAPI document and sends every operation hostile values, one parameter or body member at a time, as
/// several roles: nothing a client sends may answer 5xx, and every 4xx is Problem Details with a title and its status.
/// </summary>
public sealed class OpenApiFuzzTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // Each request is one value in one place; the count is bounded by the document, not by time.
    private const int Concurrency = 4;

    private static readonly string[] HostileTexts =
    [
        "", " ", new('x', 10_000), "\0", "a\0b", "\u001b[31m", "\ud800", "' OR 1=1 --", "../../etc/passwd", "%00",
        "-1", "1e309", "NaN", "99999999999999999999999", "00000000-0000-0000-0000-000000000000", "not-a-guid",
        "2026-13-45", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "AAAAAAAAAAAAAAAAAAAAAAAA", "😀😀😀",
    ];

    private static readonly JsonNode?[] HostileJson =
    [
        null, true, -1, 0, 2147483648L, 1e308, -1e308, 1.5, JsonValue.Create("12"), new JsonArray(), new JsonObject(),
        new JsonArray(new JsonArray(new JsonArray())),
        JsonNode.Parse("""{ "type": "Point", "coordinates": [-1.89, 52.48, 10, 20] }"""),
        JsonNode.Parse("""{ "type": "Point", "coordinates": [1e308, -1e308] }"""),
        JsonNode.Parse("""{ "type": "Point", "coordinates": [] }"""),
        JsonNode.Parse("""{ "type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 1], [1, 0], [0, 0]]] }"""),
        JsonNode.Parse("""{ "type": "GeometryCollection", "geometries": [] }"""),
        JsonNode.Parse("""{ "type": "Point" }"""),
        JsonNode.Parse("""{ "type": "Nowhere", "coordinates": [0, 0] }"""),
    ];

    private static readonly string[] HostileBodies =
    [
        "", "null", "[]", "{}", "\"x\"", "{", new('[', 5000), "\0", "{\"a\":\"\\u0000\"}",
        "occurred_at,category\n\0,\0\n", "longitude,latitude\n1e999,-1e999\n",
        """{ "type": "FeatureCollection", "features": [{ "type": "Feature", "geometry": { "type": "Point", "coordinates": [-1.89, 52.48, 1, 2] }, "properties": {} }] }""",
    ];

    [Fact]
    public async Task No_operation_answers_5xx_or_a_4xx_without_problem_details_to_hostile_input()
    {
        await using var application = new HotspotIntelApplication(database.AppConnectionString,
            new Dictionary<string, string> { ["RateLimiting:PermitsPerMinute"] = "10000000" });
        var agencyId = await TestData.CreateAgencyAsync(application, "FUZZ");
        var ids = await CreateRecordsAsync(application, agencyId);
        using var anonymous = application.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!.AsObject();

        var requests = new List<(UserRole Role, Func<HttpRequestMessage> Create, string What)>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var httpMethod = new HttpMethod(method.ToUpperInvariant());
                // Reads also run under the masked roles, whose SQL differs; writes as the roles that may make them.
                UserRole[] roles = httpMethod == HttpMethod.Get
                    ? [UserRole.Supervisor, UserRole.TaskingMember, UserRole.LicensingOfficer, UserRole.Administrator]
                    : [UserRole.Supervisor, UserRole.Administrator];
                foreach (var (create, what) in Mutations(document, path, httpMethod, operation!.AsObject(), ids))
                {
                    requests.AddRange(roles.Select(role => (role, create, $"{role} {what}")));
                }
            }
        }

        var clients = new[] { UserRole.Supervisor, UserRole.TaskingMember, UserRole.LicensingOfficer, UserRole.Administrator }
            .ToDictionary(role => role, role => application.CreateClient(role, role == UserRole.Administrator ? null : agencyId).Justified());
        var failures = new List<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (request, cancellationToken) =>
        {
            if (await CheckAsync(clients[request.Role], request.Create()) is { } failure)
            {
                lock (failures)
                {
                    failures.Add($"{request.What}: {failure}");
                }
            }
        });

        Assert.True(requests.Count > 1000, $"Only {requests.Count} requests: the document was not walked.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count} requests failed:\n" + string.Join("\n", failures.Take(40)));
    }

    private static async Task<string?> CheckAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (HttpRequestException refused)
            {
                return $"no answer ({refused.Message})";
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                if (status >= 500)
                {
                    return $"{status} {Shorten(text)}";
                }

                if (status < 400)
                {
                    return null;
                }

                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no body"}";
                }

                // A HEAD answer carries the GET answer's headers and never a body (RFC 9110 §9.3.2).
                if (response.RequestMessage?.Method == HttpMethod.Head)
                {
                    return text.Length == 0 ? null : $"{status} to HEAD with a body";
                }

                try
                {
                    var problem = JsonNode.Parse(text)!.AsObject();
                    return problem["status"]?.GetValue<int>() == status && !string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>())
                        ? null
                        : $"{status} without status and title: {Shorten(text)}";
                }
                catch (JsonException)
                {
                    return $"{status} with a body that is not JSON: {Shorten(text)}";
                }
            }
        }
    }

    /// <summary>Every request for one operation: each parameter and each body member given each hostile value, the rest kept valid.</summary>
    private static IEnumerable<(Func<HttpRequestMessage> Create, string What)> Mutations(JsonObject document, string path, HttpMethod method,
        JsonObject operation, IReadOnlyDictionary<string, Guid> ids)
    {
        var parameters = operation["parameters"]?.AsArray().Select(parameter => parameter!.AsObject()).ToList() ?? [];
        var validPath = ValidPath(path, ids);
        var body = operation["requestBody"]?["content"]?.AsObject();
        var jsonSchema = body?["application/json"]?["schema"];
        var validBody = jsonSchema is null ? null : Example(document, jsonSchema);
        var isStream = body is not null && jsonSchema?["$ref"]?.GetValue<string>() == "#/components/schemas/Stream";
        var operationName = $"{method} {path}";

        HttpRequestMessage Build(string pathAndQuery, string? content, string contentType, (string Name, string Value)? header = null)
        {
            var request = new HttpRequestMessage(method, pathAndQuery);
            if (content is not null)
            {
                request.Content = new StringContent(content, Encoding.UTF8);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            if (header is { } extra)
            {
                request.Headers.Remove(extra.Name);
                request.Headers.TryAddWithoutValidation(extra.Name, extra.Value);
            }

            return request;
        }

        var validContent = isStream ? null : validBody?.ToJsonString();
        foreach (var parameter in parameters)
        {
            var name = parameter["name"]!.GetValue<string>();
            var location = parameter["in"]!.GetValue<string>();
            foreach (var value in HostileTexts)
            {
                var what = $"{operationName} {location} {name}={Shorten(value)}";
                switch (location)
                {
                    case "path":
                        var hostilePath = path.Replace("{" + name + "}", Uri.EscapeDataString(Safe(value)), StringComparison.Ordinal);
                        yield return (() => Build(ValidPath(hostilePath, ids), validContent, "application/json"), what);
                        break;
                    case "query":
                        yield return (() => Build($"{validPath}?{name}={Uri.EscapeDataString(Safe(value))}", validContent, "application/json"), what);
                        break;
                    // HttpClient sends only printable ASCII in headers; Kestrel's refusal of the rest is covered by KestrelRejections.
                    case "header" when value.All(c => c is >= ' ' and <= '~'):
                        yield return (() => Build(validPath, validContent, "application/json", (name, value)), what);
                        break;
                }
            }
        }

        if (isStream)
        {
            foreach (var contentType in body!.Select(pair => pair.Key))
            {
                foreach (var content in HostileBodies)
                {
                    yield return (() => Build(validPath, content, contentType), $"{operationName} body ({contentType}) {Shorten(content)}");
                }
            }
        }
        else if (validBody is JsonObject members)
        {
            foreach (var content in HostileBodies)
            {
                yield return (() => Build(validPath, content, "application/json"), $"{operationName} body {Shorten(content)}");
            }

            foreach (var member in members.Select(pair => pair.Key).ToList())
            {
                IEnumerable<JsonNode?> values = [.. HostileTexts.Select(text => (JsonNode?)JsonValue.Create(text)), .. HostileJson];
                foreach (var value in values)
                {
                    var mutated = members.DeepClone().AsObject();
                    mutated[member] = value?.DeepClone();
                    var content = mutated.ToJsonString();
                    yield return (() => Build(validPath, content, "application/json"), $"{operationName} body {member}={Shorten(value?.ToJsonString() ?? "null")}");
                }
            }
        }
    }

    // A lone surrogate cannot be percent-encoded; it stands for "half a character" in bodies only.
    private static string Safe(string value) => value.Replace("\ud800", "?", StringComparison.Ordinal);

    /// <summary>The path with each <c>{id}</c> of a record kind the test made replaced by that record's id, other placeholders by a kind or a new id.</summary>
    private static string ValidPath(string path, IReadOnlyDictionary<string, Guid> ids)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = segments[i] switch
            {
                "{id}" when i > 0 && ids.TryGetValue(segments[i - 1], out var id) => id.ToString(),
                "{id}" or "{since}" => Guid.NewGuid().ToString(),
                "{kind}" => "reports",
                "{layer}" => "reports",
                "{z}" => "12",
                "{x}" => "2026",
                "{y}.mvt" => "1350.mvt",
                var other => other,
            };
        }

        return string.Join('/', segments);
    }

    /// <summary>A valid body for <paramref name="schema"/> from the document's examples, or plain values of each member's type.</summary>
    private static JsonNode? Example(JsonObject document, JsonNode schema)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var resolved = document["components"]!["schemas"]![reference.Split('/')[^1]]!;
            return schema["examples"]?[0]?.DeepClone() ?? Example(document, resolved);
        }

        if (schema["examples"]?[0] is { } example)
        {
            return example.DeepClone();
        }

        if (schema["oneOf"] is JsonArray oneOf)
        {
            return oneOf.Select(option => Example(document, option!)).FirstOrDefault(value => value is not null);
        }

        if (schema["enum"] is JsonArray values)
        {
            return values[0]?.DeepClone();
        }

        var type = schema["type"] is JsonArray types ? types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") : schema["type"]?.GetValue<string>();
        return type switch
        {
            "object" => new JsonObject(schema["properties"]?.AsObject().Select(property =>
                KeyValuePair.Create(property.Key, Example(document, property.Value!))) ?? []),
            "array" => new JsonArray(),
            "integer" or "number" => 1,
            "boolean" => false,
            "string" when schema["format"]?.GetValue<string>() == "date-time" => DateTimeOffset.UtcNow.AddDays(-1).ToString("O", CultureInfo.InvariantCulture),
            "string" when schema["format"]?.GetValue<string>() == "date" => DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "string" when schema["format"]?.GetValue<string>() == "uuid" => Guid.NewGuid().ToString(),
            "string" => "Synthetic fuzz value",
            _ => null,
        };
    }

    /// <summary>One record of each kind, so that operations on <c>/{id}</c> reach their handlers' validation and SQL.</summary>
    private static async Task<Dictionary<string, Guid>> CreateRecordsAsync(HotspotIntelApplication application, Guid agencyId)
    {
        using var supervisor = application.CreateClient(UserRole.Supervisor, agencyId).Justified();
        async Task<Guid> CreateAsync(string path, JsonObject body) =>
            (await (await supervisor.PostAsJsonAsync(path, body)).ReadObjectAsync())["id"]!.GetValue<Guid>();

        var person = await CreateAsync("/api/persons", EntityTestData.Person(role: "child_at_risk"));
        var premises = await CreateAsync("/api/premises", EntityTestData.Premises());
        return new Dictionary<string, Guid>
        {
            ["agencies"] = agencyId,
            ["reports"] = await CreateAsync("/api/reports", TestData.Report()),
            ["persons"] = person,
            ["premises"] = premises,
            ["vehicles"] = await CreateAsync("/api/vehicles", EntityTestData.Vehicle()),
            ["locations"] = await CreateAsync("/api/locations", EntityTestData.Location(EntityTestData.Point(TestData.CentreLongitude, TestData.CentreLatitude))),
            ["links"] = await CreateAsync("/api/links", EntityTestData.Link("person", person, "premises", premises, "frequents")),
            ["missing-episodes"] = await CreateAsync("/api/missing-episodes", EntityTestData.MissingEpisode(person, DateTimeOffset.UtcNow.AddDays(-3))),
        };
    }

    private static string Shorten(string text) => text.Length > 60 ? $"{text[..60]}… ({text.Length} chars)" : text.Replace("\0", "\\0", StringComparison.Ordinal);
}
