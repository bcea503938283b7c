using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Tests.Imports;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Infrastructure;

/// <summary>Input that once reached a 500 or an empty framework answer: each is now Problem Details naming what is wrong.</summary>
public sealed class HostileInputTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, $"HOST-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}");
        _client = database.Application.CreateClient(UserRole.Analyst, agencyId).Justified();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/api/reports", 21)]
    [InlineData("/api/reports", 23)]
    [InlineData("/api/reports", 24)]
    [InlineData("/api/reports", 100)]
    [InlineData("/api/reports", 5000)]
    [InlineData("/api/premises", 24)]
    [InlineData("/api/persons", 24)]
    [InlineData("/api/vehicles", 24)]
    public async Task A_cursor_of_any_other_length_is_a_400_naming_the_cursor(string path, int length)
    {
        await (await _client.GetAsync($"{path}?cursor={new string('A', length)}")).AssertFieldErrorAsync("cursor");
    }

    [Theory]
    [InlineData("%00")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA%00A")]
    [InlineData("%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80")]
    public async Task A_cursor_with_other_characters_is_a_400_naming_the_cursor(string cursor)
    {
        await (await _client.GetAsync($"/api/reports?cursor={cursor}")).AssertFieldErrorAsync("cursor");
    }

    [Theory]
    [InlineData("narrative", "before\u0000after")]
    [InlineData("narrative", "bell\u0007")]
    [InlineData("narrative", "escape\u001b[31m")]
    public async Task A_control_character_in_a_text_field_is_a_400_naming_the_field(string field, string value)
    {
        var request = TestData.Report();
        request[field] = value;

        var message = await (await _client.PostAsJsonAsync("/api/reports", request)).AssertFieldErrorAsync($"$.{field}");
        Assert.Contains("control character", message);
    }

    [Fact]
    public async Task Line_breaks_and_tabs_in_text_are_kept()
    {
        var request = TestData.Report();
        request["narrative"] = "Synthetic: first line\r\nsecond line\tafter a tab";

        var created = await (await _client.PostAsJsonAsync("/api/reports", request)).ReadObjectAsync();

        Assert.Equal("Synthetic: first line\r\nsecond line\tafter a tab", created["properties"]!["narrative"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/premises?q=abc%00def", "q")]
    [InlineData("/api/persons?q=%00", "q")]
    [InlineData("/api/vehicles?q=AB%0012", "q")]
    [InlineData("/api/reports?category=party_house%00", "category")]
    public async Task A_control_character_in_a_query_parameter_is_a_400_naming_it(string pathAndQuery, string field)
    {
        await (await _client.GetAsync(pathAndQuery)).AssertFieldErrorAsync(field);
    }

    [Theory]
    [InlineData("[-1.89, 52.48, 10, 20]")]
    [InlineData("[-1.89, 52.48, 10, 20, 30]")]
    [InlineData("[[-1.89, 52.48]]")]
    [InlineData("[-1.89, \"52.48\"]")]
    public async Task A_point_with_the_wrong_coordinates_is_a_400_naming_the_field(string coordinates)
    {
        var request = TestData.Report();
        request["location"] = JsonNode.Parse($$"""{ "type": "Point", "coordinates": {{coordinates}} }""");

        await (await _client.PostAsJsonAsync("/api/reports", request)).AssertFieldErrorAsync("$.location");
    }

    [Fact]
    public async Task A_point_with_an_altitude_is_recorded_without_it()
    {
        var request = TestData.Report();
        request["location"] = JsonNode.Parse("""{ "type": "Point", "coordinates": [-1.89, 52.48, 140.5] }""");

        var response = await _client.PostAsJsonAsync("/api/reports", request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var coordinates = (await response.Content.ReadFromJsonAsync<JsonObject>())!["geometry"]!["coordinates"]!.AsArray();
        Assert.Equal([-1.89, 52.48], coordinates.Select(c => c!.GetValue<double>()));
    }

    [Fact]
    public async Task A_polygon_with_four_number_positions_is_a_400_naming_the_field()
    {
        var request = EntityTestData.Location(JsonNode.Parse("""
            { "type": "Polygon", "coordinates": [[[-1.89, 52.48, 0, 0], [-1.88, 52.48, 0, 0], [-1.88, 52.49, 0, 0], [-1.89, 52.48, 0, 0]]] }
            """)!);

        await (await _client.PostAsJsonAsync("/api/locations", request)).AssertFieldErrorAsync("$.geometry");
    }

    [Fact]
    public async Task An_import_feature_with_four_coordinates_is_refused_naming_the_row()
    {
        var collection = JsonNode.Parse(ImportFiles.ReportsGeoJson([(TestData.CentreLongitude, TestData.CentreLatitude)]))!;
        collection["features"]![0]!["geometry"]!["coordinates"] = new JsonArray(-1.89, 52.48, 10, 20);

        var response = await ImportFiles.PostAsync(_client, "reports", collection.ToJsonString(), "application/geo+json");

        var problem = await response.AssertProblemAsync(response.StatusCode is HttpStatusCode.BadRequest ? HttpStatusCode.BadRequest : HttpStatusCode.UnprocessableEntity);
        Assert.Contains("geometry", problem.ToJsonString());
    }

    [Fact]
    public async Task A_nul_in_the_path_is_a_400_problem_details()
    {
        var response = await SendRawAsync("GET /api/reports/%00 HTTP/1.1");

        Assert.Contains("400", response.StatusLine);
        Assert.Contains("application/problem+json", response.Headers);
        Assert.Contains("\"status\":400", response.Body);
    }

    [Fact]
    public async Task A_bbox_of_twenty_thousand_numbers_is_a_414_problem_details()
    {
        var bbox = string.Join(',', Enumerable.Range(0, 20_000).Select(i => (i % 90).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var response = await _client.GetAsync($"/api/reports?bbox={bbox}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestUriTooLong);
        Assert.Contains("query", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bbox_with_the_wrong_count_of_numbers_within_the_limit_is_a_400_naming_it()
    {
        var bbox = string.Join(',', Enumerable.Range(0, 500).Select(i => (i % 90).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        await (await _client.GetAsync($"/api/reports?bbox={bbox}")).AssertFieldErrorAsync("bbox");
    }

    /// <summary>Sends a request line as written (HttpClient would normalise it) with this test's token; returns the response's parts.</summary>
    private async Task<(string StatusLine, string Headers, string Body)> SendRawAsync(string requestLine)
    {
        var address = _client.BaseAddress!;
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        await using var stream = socket.GetStream();
        var request = $"{requestLine}\r\nHost: {address.Authority}\r\nAuthorization: {_client.DefaultRequestHeaders.Authorization}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var text = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();
        var head = text.Split("\r\n\r\n", 2);
        return (head[0].Split("\r\n")[0], head[0], head.Length > 1 ? head[1] : "");
    }
}
