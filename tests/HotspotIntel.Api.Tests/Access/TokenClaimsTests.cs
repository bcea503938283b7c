using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Microsoft.IdentityModel.Tokens;

namespace HotspotIntel.Api.Tests.Access;

/// <summary>
/// A correctly signed token is still refused with 401 Problem Details unless it names exactly one user, one known role
/// and (for every role but administrator) exactly one agency that exists: the API's policies and the database's session
/// settings read the same claims, so they must not be able to read them differently.
/// </summary>
public sealed class TokenClaimsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private Guid _agencyId;

    public async Task InitializeAsync() => _agencyId = await TestData.CreateAgencyAsync(database.Application, $"CLAIMS-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}");

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string[]> Refused => new()
    {
        { "sub", ["role=analyst", "agency=AGENCY"] },
        { "sub", ["sub=", "role=analyst", "agency=AGENCY"] },
        { "sub", ["sub=one", "sub=two", "role=analyst", "agency=AGENCY"] },
        { "sub", ["sub=bad\u0000user", "role=analyst", "agency=AGENCY"] },
        { HotspotIntelClaims.Role, ["sub=user", "agency=AGENCY"] },
        { HotspotIntelClaims.Role, ["sub=user", "role=analyst", "role=administrator", "agency=AGENCY"] },
        { HotspotIntelClaims.Role, ["sub=user", "role=system", "agency=AGENCY"] },
        { HotspotIntelClaims.Role, ["sub=user", "role=Analyst", "agency=AGENCY"] },
        { HotspotIntelClaims.Agency, ["sub=user", "role=analyst"] },
        { HotspotIntelClaims.Agency, ["sub=user", "role=analyst", "agency=not-a-guid"] },
        { HotspotIntelClaims.Agency, ["sub=user", "role=analyst", "agency=AGENCY", "agency=AGENCY"] },
        { HotspotIntelClaims.Agency, ["sub=user", "role=analyst", $"agency={Guid.Empty}"] },
        { HotspotIntelClaims.Agency, ["sub=user", "role=supervisor", "agency=MISSING"] },
        { HotspotIntelClaims.Agency, ["sub=user", "role=administrator", "agency=not-a-guid"] },
        { HotspotIntelClaims.Agency, ["sub=user", "role=administrator", "agency=MISSING"] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_token_without_exactly_one_valid_subject_role_and_agency_is_a_401_naming_the_claim(string claim, string[] claims)
    {
        using var client = Client(claims);

        // Writing is where a bad agency used to give a 500 and two roles let the policy and the database disagree.
        var response = await client.PostAsJsonAsync("/api/reports", TestData.Report());

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(claim, problem["detail"]!.GetValue<string>());
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM intelligence_reports WHERE agency_id = '{_agencyId}'"));
    }

    [Theory]
    [InlineData("sub=admin", "role=administrator")]
    [InlineData("sub=admin", "role=administrator", "agency=AGENCY")]
    public async Task An_administrator_may_name_no_agency_or_one(params string[] claims)
    {
        using var client = Client(claims);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/agencies")).StatusCode);
    }

    [Fact]
    public async Task A_token_whose_agency_was_deleted_is_a_401()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "GONE1");
        using var administrator = database.Application.CreateClient(UserRole.Administrator, null);
        (await administrator.DeleteAsync($"/api/agencies/{agencyId}")).EnsureSuccessStatusCode();
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);

        var problem = await (await analyst.GetAsync("/api/reports")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Contains(HotspotIntelClaims.Agency, problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_write_for_an_agency_deleted_while_still_known_is_a_401_that_names_no_constraint()
    {
        // The agency is known (and cached) when the token is first used, then removed behind the API's back.
        await using var application = new HotspotIntelApplication(database.AppConnectionString,
            new Dictionary<string, string> { ["Auth:KnownAgencySeconds"] = "3600" });
        var agencyId = await TestData.CreateAgencyAsync(application, "GONE2");
        using var analyst = application.CreateClient(UserRole.Analyst, agencyId);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/reports")).StatusCode);
        await database.ExecuteAsync($"DELETE FROM agencies WHERE id = '{agencyId}'");

        var response = await analyst.PostAsJsonAsync("/api/reports", TestData.Report());

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("fkey", problem.ToJsonString());
    }

    [Fact]
    public async Task The_dashboard_cookie_is_set_only_for_a_valid_administrator_s_token()
    {
        using var client = database.Application.CreateClient();

        async Task<bool> SetsCookieAsync(string token) =>
            (await client.GetAsync($"/hangfire?access_token={Uri.EscapeDataString(token)}")).Headers.Contains("Set-Cookie");

        Assert.False(await SetsCookieAsync("not-a-token"));
        Assert.False(await SetsCookieAsync(Token(["role=administrator"])));
        Assert.False(await SetsCookieAsync(HotspotIntelApplication.Token(UserRole.Analyst, _agencyId)));
        Assert.True(await SetsCookieAsync(HotspotIntelApplication.Token(UserRole.Administrator, null)));
    }

    private HttpClient Client(string[] claims)
    {
        var client = database.Application.CreateClient().Justified();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(claims));
        return client;
    }

    /// <summary>A token signed with the test key, carrying exactly the claims given as <c>name=value</c> (sub, role, agency).</summary>
    private string Token(string[] claims)
    {
        var options = HotspotIntelApplication.Auth;
        var now = DateTime.UtcNow;
        var token = new JwtSecurityToken(options.Issuer, options.Audience, claims.Select(Claim), now, now.AddHours(1),
            new SigningCredentials(LocalTokens.Key(options), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    private Claim Claim(string nameAndValue)
    {
        var (name, value) = (nameAndValue.Split('=', 2)[0], nameAndValue.Split('=', 2)[1]);
        value = value switch
        {
            "AGENCY" => _agencyId.ToString(),
            "MISSING" => Guid.CreateVersion7().ToString(),
            _ => value,
        };
        return name switch
        {
            "role" => new Claim(HotspotIntelClaims.Role, value),
            "agency" => new Claim(HotspotIntelClaims.Agency, value),
            _ => new Claim(name, value),
        };
    }
}
