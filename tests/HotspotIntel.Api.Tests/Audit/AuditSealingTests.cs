using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Npgsql;

namespace HotspotIntel.Api.Tests.Audit;

/// <summary>The sealing job on several servers at once: one seals, the others leave the entries to it.</summary>
public sealed class AuditSealingTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_sealing_run_leaves_the_entries_to_the_server_already_sealing_and_the_next_run_seals_them_once()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "SEAL1");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        await analyst.CreateAsync("/api/reports", TestData.Report());
        await using var otherServer = new NpgsqlConnection(database.JobsConnectionString);
        await otherServer.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({SealAuditLogJob.LockKey})", otherServer))
        {
            await take.ExecuteNonQueryAsync();
        }

        var whileHeld = await database.Application.SealAuditLogAsync();
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({SealAuditLogJob.LockKey})", otherServer))
        {
            await release.ExecuteNonQueryAsync();
        }

        var afterwards = await database.Application.SealAuditLogAsync();
        var again = await database.Application.SealAuditLogAsync();

        Assert.Equal(0L, whileHeld);
        Assert.Equal(await database.ScalarAsync<long>("SELECT count(*) FROM audit_log"), afterwards);
        Assert.Equal(0L, again);
        Assert.Equal(afterwards, await database.ScalarAsync<long>("SELECT count(*) FROM audit_seals"));
    }
}
