using HotspotIntel.Api.Infrastructure;
using HotspotIntel.Api.Tests.Fixtures;
using static HotspotIntel.Api.Tests.Imports.ImportFiles;

namespace HotspotIntel.Api.Tests.Imports;

/// <summary>The <c>import</c> verb, run in-process through the same entry point as <c>dotnet HotspotIntel.Api.dll import …</c>.</summary>
public sealed class ImportCommandTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("hotspotintel-import-");

    public void Dispose() => _files.Delete(recursive: true);

    [Fact]
    public async Task The_import_verb_imports_a_file_and_prints_the_result()
    {
        await TestData.CreateAgencyAsync(database.Application, "CLI1");
        var path = await WriteAsync("reports.csv", ReportsCsv(3));

        var (exitCode, output, error) = await RunAsync("import", "reports", path, "--agency", "cli1", "--key", "cli-import-1");

        Assert.True(exitCode == 0, error);
        Assert.Contains("\"rowCount\":3", output);
        Assert.Equal(3L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM intelligence_reports r JOIN agencies a ON a.id = r.agency_id WHERE a.code = 'CLI1' AND r.import_id IS NOT NULL"));
    }

    [Fact]
    public async Task The_import_verb_is_audited_as_one_collection_by_the_operator_for_the_agency()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "CLI4");
        var path = await WriteAsync("reports.csv", ReportsCsv(4));

        var (exitCode, _, error) = await RunAsync("import", "reports", path, "--agency", "CLI4", "--key", "cli-import-4");

        Assert.True(exitCode == 0, error);
        Assert.Equal(1L, await database.ScalarAsync<long>($"""
            SELECT count(*) FROM audit_log
            WHERE action = 'collection' AND entity_kind = 'intelligence_reports' AND row_count = 4
              AND user_id = 'operator:{Environment.UserName}' AND role = 'operator' AND agency_id = '{agencyId}'
            """));
    }

    [Fact]
    public async Task The_import_verb_refuses_to_run_without_the_schema_owner_s_connection()
    {
        await TestData.CreateAgencyAsync(database.Application, "CLI5");
        var path = await WriteAsync("reports.csv", ReportsCsv(1));
        var output = new StringWriter();
        var error = new StringWriter();

        // Blank overrides any HotspotIntelAdmin in the environment; the application role's connection is no substitute.
        var exitCode = await CommandLine.RunAsync(["import", "reports", path, "--agency", "CLI5", "--key", "cli-import-5",
            "--ConnectionStrings:HotspotIntelAdmin=", $"--ConnectionStrings:HotspotIntel={database.AppConnectionString}"], output, error);

        Assert.Equal(ExitCodes.Configuration, exitCode);
        Assert.Contains("ConnectionStrings:HotspotIntelAdmin", error.ToString());
        Assert.Equal(0L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM intelligence_reports r JOIN agencies a ON a.id = r.agency_id WHERE a.code = 'CLI5'"));
    }

    [Fact]
    public async Task The_import_verb_prints_row_errors_and_exits_1_importing_nothing()
    {
        await TestData.CreateAgencyAsync(database.Application, "CLI2");
        var path = await WriteAsync("reports.csv", Csv(ReportsHeader, ReportRow(0), ReportRow(1, occurredAt: "last Tuesday")));

        var (exitCode, _, error) = await RunAsync("import", "reports", path, "--agency", "CLI2", "--key", "cli-import-2");

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Contains("row 2, occurred_at:", error);
        Assert.Equal(0L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM intelligence_reports r JOIN agencies a ON a.id = r.agency_id WHERE a.code = 'CLI2'"));
    }

    [Fact]
    public async Task The_import_verb_refuses_an_unknown_agency_code()
    {
        var path = await WriteAsync("premises.csv", Csv(PremisesHeader));

        var (exitCode, _, error) = await RunAsync("import", "premises", path, "--agency", "NO-SUCH", "--key", "cli-import-3");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("NO-SUCH", error);
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_files.FullName, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private async Task<(int? ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // The operator's connection: the schema owner's (here the superuser's), as in production.
        var exitCode = await CommandLine.RunAsync([.. args, $"--ConnectionStrings:HotspotIntelAdmin={database.ConnectionString}"], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
