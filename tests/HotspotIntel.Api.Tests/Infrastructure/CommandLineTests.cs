using System.Net;
using System.Net.Http.Headers;
using HotspotIntel.Api.Infrastructure;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Infrastructure;

/// <summary>The API binary's verbs, run in-process through the same entry point as <c>dotnet HotspotIntel.Api.dll …</c>.</summary>
public sealed class CommandLineTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Help_lists_the_verbs_and_exit_codes_and_exits_0_without_serving()
    {
        var (exitCode, output, _) = await RunAsync("--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        foreach (var verb in new[] { "migrate", "issue-token", "verify-audit", "import" })
        {
            Assert.Contains(verb, output);
        }

        Assert.Contains("Exit codes", output);
    }

    [Theory]
    [InlineData("migrate", "HotspotIntelAdmin")]
    [InlineData("issue-token", "--user")]
    [InlineData("verify-audit", "hash chain")]
    [InlineData("import", "--key")]
    public async Task Each_verb_has_help_that_exits_0(string verb, string expected)
    {
        var (exitCode, output, _) = await RunAsync(verb, "--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("Usage:", output);
        Assert.Contains($" {verb} ", output);
        Assert.Contains(expected, output);
    }

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://127.0.0.1:5999")]
    [InlineData("--environment=Production")]
    [InlineData("urls=http://127.0.0.1:5999")]
    public async Task No_verb_or_only_host_options_start_the_web_server(params string[] args)
    {
        Assert.Null(await CommandLine.RunAsync(args, TextWriter.Null, TextWriter.Null));
    }

    [Theory]
    [InlineData(ExitCodes.Usage, "--user", "issue-token", "--role", "administrator")]
    [InlineData(ExitCodes.Usage, "--role must be one of", "issue-token", "--user", "someone", "--role", "chief")]
    [InlineData(ExitCodes.Usage, "--hours must be a number", "issue-token", "--user", "someone", "--role", "administrator", "--hours", "abc")]
    [InlineData(ExitCodes.Usage, "--agency is required", "issue-token", "--user", "someone", "--role", "analyst")]
    [InlineData(ExitCodes.Usage, "NO-SUCH-AGENCY", "issue-token", "--user", "someone", "--role", "analyst", "--agency", "NO-SUCH-AGENCY")]
    [InlineData(ExitCodes.Usage, "--colour", "issue-token", "--user", "someone", "--role", "administrator", "--colour", "red")]
    [InlineData(ExitCodes.Usage, "'frobnicate' is not a verb", "frobnicate")]
    [InlineData(ExitCodes.Usage, "reports", "import", "persons", "file.csv", "--agency", "X", "--key", "k")]
    [InlineData(ExitCodes.Usage, "no such file", "import", "reports", "/nonexistent/file.csv", "--agency", "X", "--key", "k")]
    [InlineData(ExitCodes.Configuration, "ConnectionStrings:HotspotIntelAdmin", "migrate", "--ConnectionStrings:HotspotIntelAdmin=")]
    [InlineData(ExitCodes.Configuration, "Auth:SigningKey", "issue-token", "--user", "someone", "--role", "administrator", "--Auth:SigningKey=")]
    public async Task A_user_error_is_one_line_and_its_exit_code(int expectedExitCode, string expectedMessage, params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);

        Assert.True(expectedExitCode == exitCode, $"Expected exit code {expectedExitCode}, got {exitCode}: {error}");
        Assert.Contains(expectedMessage, error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", error);
        Assert.Empty(output);
    }

    [Fact]
    public async Task An_unreachable_database_is_its_own_exit_code_without_a_stack_trace()
    {
        var (exitCode, _, error) = await RunAsync("verify-audit", "--ConnectionStrings:HotspotIntel=Host=127.0.0.1;Port=1;Database=none;Username=nobody;Timeout=2",
            $"--Audit:SealingKey={Convert.ToBase64String(new byte[32])}");

        Assert.Equal(ExitCodes.Database, exitCode);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Migrate_runs_on_the_schema_owner_s_connection()
    {
        var (exitCode, _, error) = await RunAsync("migrate", $"--ConnectionStrings:HotspotIntelAdmin={database.ConnectionString}");

        Assert.True(exitCode == ExitCodes.Success, error);
    }

    [Fact]
    public async Task Issue_token_prints_a_token_the_api_accepts_for_the_agency_it_names()
    {
        await TestData.CreateAgencyAsync(database.Application, "CLITOKEN");

        var (exitCode, output, error) = await RunAsync("issue-token", "--user", "cli-user", "--role", "analyst", "--agency", "clitoken", "--hours", "1");

        Assert.True(exitCode == ExitCodes.Success, error);
        using var client = database.Application.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", output.Trim());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reports")).StatusCode);
    }

    private async Task<(int? ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // The test's own database and signing key; an argument given later (a blank override) wins.
        string[] settings = [$"--ConnectionStrings:HotspotIntel={database.AppConnectionString}", $"--Auth:SigningKey={HotspotIntelApplication.Auth.SigningKey}"];
        var exitCode = await CommandLine.RunAsync([.. settings, .. args], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
