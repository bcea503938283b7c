using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Infrastructure;

/// <summary>Every class of bad input gets Problem Details that name the field and the reason, never a 500.</summary>
public sealed class BadInputTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private HttpClient _client = null!;
    private Guid _agencyId;

    public async Task InitializeAsync()
    {
        _agencyId = await TestData.CreateAgencyAsync(database.Application, $"BAD-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}");
        _client = database.Application.CreateClient(UserRole.Analyst, _agencyId);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_position()
    {
        var response = await PostRawAsync("/api/reports", """{ "category": "party_house", """, "application/json");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]);
    }

    [Fact]
    public async Task A_wrong_type_is_a_400_naming_the_field()
    {
        var request = TestData.Report();
        request["locationPrecisionMeters"] = "near";

        await (await _client.PostAsJsonAsync("/api/reports", request)).AssertFieldErrorAsync("$.locationPrecisionMeters");
    }

    [Fact]
    public async Task An_unknown_enum_code_is_a_400_naming_the_field()
    {
        var request = TestData.Report();
        request["intelligenceAssessment"] = "F";

        var message = await (await _client.PostAsJsonAsync("/api/reports", request)).AssertFieldErrorAsync("$.intelligenceAssessment");
        Assert.Contains("Allowed values: A, B, C, D, E", message);
    }

    [Fact]
    public async Task A_missing_required_field_is_a_400()
    {
        var request = TestData.Report();
        request.Remove("narrative");

        var problem = await (await _client.PostAsJsonAsync("/api/reports", request)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("narrative", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_member_is_a_400_so_typos_are_not_silently_dropped()
    {
        var request = TestData.Report();
        request["lattitude"] = 52.4;

        var problem = await (await _client.PostAsJsonAsync("/api/reports", request)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("lattitude", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_malformed_geometry_is_a_400_naming_the_field()
    {
        var request = TestData.Report();
        request["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(-1.89) };

        await (await _client.PostAsJsonAsync("/api/reports", request)).AssertFieldErrorAsync("$.location");
    }

    [Fact]
    public async Task A_geometry_of_the_wrong_type_is_a_400()
    {
        var request = TestData.Report();
        request["location"] = JsonNode.Parse("""{ "type": "LineString", "coordinates": [[-1.89, 52.48], [-1.88, 52.49]] }""");

        var message = await (await _client.PostAsJsonAsync("/api/reports", request)).AssertFieldErrorAsync("location");
        Assert.Contains("Point", message);
    }

    [Fact]
    public async Task Coordinates_outside_the_region_are_a_400_that_suggests_swapped_axes()
    {
        var request = TestData.Report(longitude: TestData.CentreLatitude, latitude: TestData.CentreLongitude);

        var message = await (await _client.PostAsJsonAsync("/api/reports", request)).AssertFieldErrorAsync("location");
        Assert.Contains("swapped", message);
    }

    [Fact]
    public async Task A_time_in_the_future_is_a_400()
    {
        var request = TestData.Report(occurredAt: DateTimeOffset.UtcNow.AddDays(1));

        await (await _client.PostAsJsonAsync("/api/reports", request)).AssertFieldErrorAsync("occurredAt");
    }

    [Fact]
    public async Task A_conditional_handling_code_without_conditions_is_a_400()
    {
        var request = TestData.Report();
        request["handlingCode"] = "C";

        await (await _client.PostAsJsonAsync("/api/reports", request)).AssertFieldErrorAsync("handlingConditions");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(32)]
    public async Task An_oversized_body_is_a_413_that_a_client_sending_all_of_it_before_reading_still_reads(int megabytes)
    {
        // Written on a socket as the simplest clients do: the whole body, then the response. Kestrel alone closes the
        // connection with the rest of the body unread, and such a client sees a reset instead of the 413.
        var length = megabytes * 1024 * 1024;
        using var tcp = await PostHeadAsync(length);
        var stream = tcp.GetStream();
        var body = new byte[length];
        Array.Fill(body, (byte)' ');
        await stream.WriteAsync(body);

        var (status, headers, problem) = await ReadResponseAsync(stream);

        Assert.Equal(413, status);
        Assert.Contains("content-type: application/problem+json", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("The request body is too large.", problem["title"]!.GetValue<string>());
        Assert.Contains($"{length} bytes", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_oversized_body_held_back_for_100_continue_is_refused_unsent_and_the_answer_closes_the_connection()
    {
        // Refused, such a client never sends the body, so nothing it sends next on the connection may be read as it: the
        // answer says the connection ends.
        using var tcp = await PostHeadAsync(8 * 1024 * 1024, "Expect: 100-continue\r\n");
        var stream = tcp.GetStream();

        var (status, headers, problem) = await ReadResponseAsync(stream);

        Assert.Equal(413, status);
        Assert.Contains("connection: close", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("The request body is too large.", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_oversized_body_sent_without_its_length_is_a_413()
    {
        var request = TestData.Report();
        request["narrative"] = new string('x', 2 * 1024 * 1024);

        // JsonContent streams the body chunked, its length unknown until it is all read.
        await (await _client.PostAsJsonAsync("/api/reports", request)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        var response = await PostRawAsync("/api/reports", "category=party_house", "application/x-www-form-urlencoded");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_and_a_malformed_id_a_400()
    {
        await (await _client.GetAsync($"/api/reports/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/reports/not-a-guid")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("bbox=-1.8,52.5,-1.9,52.4", "bbox")]
    [InlineData("category=party_houses", "category")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=%25%25", "cursor")]
    public async Task Bad_list_parameters_are_400s_naming_the_parameter(string query, string field)
    {
        await (await _client.GetAsync($"/api/reports?{query}")).AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task An_unparsable_query_value_is_a_400()
    {
        await (await _client.GetAsync("/api/reports?from=yesterday")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_duplicate_agency_code_is_a_409_and_deleting_an_agency_with_records_is_a_409()
    {
        using var administrator = database.Application.CreateClient(UserRole.Administrator, null);
        (await _client.PostAsJsonAsync("/api/reports", TestData.Report())).EnsureSuccessStatusCode();
        var code = (await (await administrator.GetAsync($"/api/agencies/{_agencyId}")).ReadObjectAsync())["code"]!.GetValue<string>();

        await (await administrator.PostAsJsonAsync("/api/agencies", new { code, name = "Another", kind = "council" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await administrator.DeleteAsync($"/api/agencies/{_agencyId}")).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    private Task<HttpResponseMessage> PostRawAsync(string path, string body, string contentType) =>
        _client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    /// <summary>A connection on which a JSON report's POST has been sent up to its body, declaring <paramref name="length"/> bytes.</summary>
    private async Task<TcpClient> PostHeadAsync(int length, string moreHeaders = "")
    {
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(_client.BaseAddress!.Host, _client.BaseAddress.Port);
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"POST /api/reports HTTP/1.1\r\nHost: {_client.BaseAddress.Authority}\r\n"
                + $"Authorization: {_client.DefaultRequestHeaders.Authorization}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n{moreHeaders}\r\n"));
            return tcp;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>An HTTP/1.1 response read off the socket: its status, its header lines, and its JSON body (sent chunked).</summary>
    private static async Task<(int Status, string Headers, JsonNode Body)> ReadResponseAsync(NetworkStream stream)
    {
        var received = new StringBuilder();
        var buffer = new byte[8192];
        while (!received.ToString().Contains("\r\n0\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            Assert.True(read > 0, $"The connection closed before the response ended, after: {received}");
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var text = received.ToString();
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = text[..headEnd];
        Assert.Contains("transfer-encoding: chunked", headers, StringComparison.OrdinalIgnoreCase);
        var body = new StringBuilder();
        var rest = text[(headEnd + 4)..];
        for (var size = Convert.ToInt32(rest[..rest.IndexOf("\r\n", StringComparison.Ordinal)], 16); size > 0;
             size = Convert.ToInt32(rest[..rest.IndexOf("\r\n", StringComparison.Ordinal)], 16))
        {
            var start = rest.IndexOf("\r\n", StringComparison.Ordinal) + 2;
            body.Append(rest, start, size);
            rest = rest[(start + size + 2)..];
        }

        return (int.Parse(headers.Split(' ')[1], CultureInfo.InvariantCulture), headers, JsonNode.Parse(body.ToString())!);
    }
}
