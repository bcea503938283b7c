using System.Net;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using static HotspotIntel.Api.Tests.Imports.ImportFiles;

namespace HotspotIntel.Api.Tests.Imports;

public sealed class ImportIdempotencyTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_retry_with_the_same_key_and_file_returns_the_first_import_and_imports_nothing_again()
    {
        var (agencyId, client) = await SignInAsync(database, "IDEM1");
        var csv = ReportsCsv(2);

        var first = await PostAsync(client, "reports", csv, key: "import-retry-1");
        var retry = await PostAsync(client, "reports", csv, key: "import-retry-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal((await first.ReadObjectAsync()).ToJsonString(), (await retry.ReadObjectAsync()).ToJsonString());
        Assert.Equal(2L, await database.ScalarAsync<long>($"SELECT count(*) FROM intelligence_reports WHERE agency_id = '{agencyId}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM imports WHERE agency_id = '{agencyId}'"));
    }

    [Fact]
    public async Task The_same_key_with_a_different_file_is_a_409()
    {
        var (agencyId, client) = await SignInAsync(database, "IDEM2");
        (await PostAsync(client, "reports", ReportsCsv(2), key: "import-retry-2")).EnsureSuccessStatusCode();

        var other = await PostAsync(client, "reports", ReportsCsv(3), key: "import-retry-2");

        await other.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(2L, await database.ScalarAsync<long>($"SELECT count(*) FROM intelligence_reports WHERE agency_id = '{agencyId}'"));
    }

    [Fact]
    public async Task Keys_are_per_user_so_another_user_s_same_key_imports_their_own_file()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "IDEM6");
        using var first = database.Application.CreateClient(UserRole.Analyst, agencyId, "analyst-idem6-a");
        using var second = database.Application.CreateClient(UserRole.Analyst, agencyId, "analyst-idem6-b");

        var mine = await PostAsync(first, "reports", ReportsCsv(2), key: "shared-key");
        var theirs = await PostAsync(second, "reports", ReportsCsv(3), key: "shared-key");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (mine.StatusCode, theirs.StatusCode));
        Assert.Equal(5L, await database.ScalarAsync<long>($"SELECT count(*) FROM intelligence_reports WHERE agency_id = '{agencyId}'"));
    }

    [Fact]
    public async Task Concurrent_attempts_with_the_same_key_import_once()
    {
        var (agencyId, client) = await SignInAsync(database, "IDEM3");
        var csv = ReportsCsv(200);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(client, "reports", csv, key: "import-retry-3")));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Created], responses.Select(r => r.StatusCode).Order());
        var importIds = await Task.WhenAll(responses.Select(async r => (await r.ReadObjectAsync())["importId"]!.GetValue<Guid>()));
        Assert.Single(importIds.Distinct());
        Assert.Equal(200L, await database.ScalarAsync<long>($"SELECT count(*) FROM intelligence_reports WHERE agency_id = '{agencyId}'"));
    }

    [Fact]
    public async Task A_key_whose_import_was_refused_can_be_used_again_for_the_corrected_file()
    {
        var (_, client) = await SignInAsync(database, "IDEM4");
        var invalid = Csv(ReportsHeader, ReportRow(0), ReportRow(1, category: "gossip"));
        await (await PostAsync(client, "reports", invalid, key: "import-retry-4")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var corrected = await PostAsync(client, "reports", ReportsCsv(2), key: "import-retry-4");

        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task An_import_without_an_idempotency_key_is_a_400(string? key)
    {
        var (_, client) = await SignInAsync(database, $"IDEM5{key?.Length}");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports/reports")
        {
            Content = new StringContent(ReportsCsv(1), System.Text.Encoding.UTF8, "text/csv"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        await (await client.SendAsync(request)).AssertFieldErrorAsync("Idempotency-Key");
    }
}
