using DbUp;
using HotspotIntel.Api.Data;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>Applies only the migrations whose file names <paramref name="scriptNumbered"/> keeps, to test an upgrade from that point.</summary>
internal static class PartialMigration
{
    public static void Apply(string connectionString, Func<string, bool> scriptNumbered)
    {
        const string Folder = ".migrations.";
        var result = DeployChanges.To.PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly,
                script => script.Contains(Folder, StringComparison.Ordinal) && scriptNumbered(script[(script.IndexOf(Folder, StringComparison.Ordinal) + Folder.Length)..]))
            .WithTransactionPerScript().LogToNowhere().Build().PerformUpgrade();
        Assert.True(result.Successful, result.Error?.Message);
    }
}
