using DbUp;
using DbUp.Engine;

namespace HotspotIntel.Api.Data;

/// <summary>
/// Applies the numbered SQL files of <c>migrations/</c> (embedded in this assembly) with DbUp, each once,
/// in name order, recording them in <c>schemaversions</c>.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>Brings the database at <paramref name="connectionString"/> up to date; throws with the failing script's error.</summary>
    public static void Migrate(string connectionString, bool quiet = false)
    {
        var builder = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.Contains(".migrations.", StringComparison.Ordinal))
            .WithTransactionPerScript();
        builder = quiet ? builder.LogToNowhere() : builder.LogToConsole();
        DatabaseUpgradeResult result = builder.Build().PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed.", result.Error);
        }
    }
}
