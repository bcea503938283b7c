using System.Net.Http.Json;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Audit;

// Each tampering breaks the chain for the whole database, so each gets a test class, and so a database, of its own.

/// <summary>An edited audit row breaks the hash chain at that row.</summary>
public sealed class AuditEditDetectionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Editing_an_audit_row_is_detected_by_verification()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "AUD3");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var id = (await (await analyst.PostAsJsonAsync("/api/reports", TestData.Report())).ReadObjectAsync())["id"]!.GetValue<Guid>();
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        Assert.True((await (await supervisor.GetAsync("/api/audit-log/verification")).ReadObjectAsync())["intact"]!.GetValue<bool>());

        var tampered = await database.ScalarAsync<long>($"UPDATE audit_log SET user_id = 'someone-else' WHERE entity_id = '{id}' RETURNING id");
        var verification = await (await supervisor.GetAsync("/api/audit-log/verification")).ReadObjectAsync();

        Assert.False(verification["intact"]!.GetValue<bool>());
        Assert.Equal(tampered, verification["firstBrokenId"]!.GetValue<long>());
    }
}

/// <summary>A deleted audit row breaks the hash chain at the row after it.</summary>
public sealed class AuditDeletionDetectionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Deleting_an_audit_row_is_detected_by_verification()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "AUD4");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var first = (await (await analyst.PostAsJsonAsync("/api/reports", TestData.Report())).ReadObjectAsync())["id"]!.GetValue<Guid>();
        (await analyst.PostAsJsonAsync("/api/reports", TestData.Report())).EnsureSuccessStatusCode();

        await database.ScalarAsync<long>($"DELETE FROM audit_log WHERE entity_id = '{first}' RETURNING id");
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        var verification = await (await supervisor.GetAsync("/api/audit-log/verification")).ReadObjectAsync();

        Assert.False(verification["intact"]!.GetValue<bool>());
    }
}
