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

/// <summary>
/// The database owner edits an entry and recomputes every later hash with the public hash function, so the SHA-256
/// chain holds: the keyed seals, whose key the database does not hold, no longer match from that entry on.
/// </summary>
public sealed class AuditRehashDetectionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task An_owner_s_edit_with_every_later_hash_recomputed_is_detected_by_verification()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "AUD6");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var id = await analyst.CreateAsync("/api/reports", TestData.Report());
        await analyst.CreateAsync("/api/reports", TestData.Report());
        await database.Application.SealAuditLogAsync();
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        Assert.True((await (await supervisor.GetAsync("/api/audit-log/verification")).ReadObjectAsync())["intact"]!.GetValue<bool>());

        var tampered = await database.ScalarAsync<long>($"SELECT id FROM audit_log WHERE entity_id = '{id}'");
        await database.ExecuteAsync($"""
            DO $$
            DECLARE
                entry audit_log%ROWTYPE;
                previous bytea;
            BEGIN
                UPDATE audit_log SET user_id = 'someone-else' WHERE id = {tampered};
                SELECT hash INTO previous FROM audit_log WHERE id < {tampered} ORDER BY id DESC LIMIT 1;
                FOR entry IN SELECT * FROM audit_log WHERE id >= {tampered} ORDER BY id LOOP
                    UPDATE audit_log SET previous_hash = previous,
                        hash = audit_entry_hash(previous, entry.id, entry.occurred_at, entry.user_id, entry.agency_id, entry.role,
                            entry.action, entry.entity_kind, entry.entity_id, entry.row_count, entry.justification, entry.recipient,
                            entry.details, entry.entity_ids, entry.database_login)
                    WHERE id = entry.id RETURNING hash INTO previous;
                END LOOP;
            END
            $$
            """);
        var verification = await (await supervisor.GetAsync("/api/audit-log/verification")).ReadObjectAsync();

        Assert.Null(await database.ScalarAsync<long?>("SELECT first_broken_id FROM verify_audit_chain()"));
        Assert.False(verification["intact"]!.GetValue<bool>());
        Assert.Equal(tampered, verification["firstBrokenId"]!.GetValue<long>());
    }
}

/// <summary>
/// The database owner deletes the newest entries and their seals: the chain and seals that are left are intact, but the
/// last checkpoint, kept outside the database, names an entry the log no longer has.
/// </summary>
public sealed class AuditTruncationDetectionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Deleting_the_newest_entries_is_detected_by_verification()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "AUD7");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var kept = await analyst.CreateAsync("/api/reports", TestData.Report());
        var deleted = await analyst.CreateAsync("/api/reports", TestData.Report());
        await database.Application.SealAuditLogAsync();
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        Assert.True((await (await supervisor.GetAsync("/api/audit-log/verification")).ReadObjectAsync())["intact"]!.GetValue<bool>());

        await database.DeleteNewestAuditEntriesAsync(deleted);
        var verification = await (await supervisor.GetAsync("/api/audit-log/verification")).ReadObjectAsync();

        Assert.Null(await database.ScalarAsync<long?>("SELECT first_broken_id FROM verify_audit_chain()"));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE entity_id = '{kept}'"));
        Assert.False(verification["intact"]!.GetValue<bool>());
    }
}

/// <summary>Operators verify with the <c>verify-audit</c> verb, on the jobs' login, with the same key and checkpoints as the API.</summary>
public sealed class AuditVerificationCommandTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_verify_audit_verb_exits_0_on_an_intact_log_and_1_naming_the_checkpoint_when_the_newest_entries_are_deleted()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "AUD9");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var deleted = await analyst.CreateAsync("/api/reports", TestData.Report());
        await database.Application.SealAuditLogAsync();
        var (intactExit, intactOutput) = await VerifyAuditAsync();

        await database.DeleteNewestAuditEntriesAsync(deleted);
        var (brokenExit, brokenOutput) = await VerifyAuditAsync();

        Assert.True(intactExit == 0, intactOutput);
        Assert.StartsWith("Audit log intact", intactOutput);
        Assert.Equal(1, brokenExit);
        Assert.Contains("which the log no longer has", brokenOutput);
    }

    private async Task<(int? ExitCode, string Output)> VerifyAuditAsync()
    {
        using var output = new StringWriter();
        var exitCode = await Api.Infrastructure.CommandLine.RunAsync(
            ["verify-audit", $"--ConnectionStrings:HotspotIntel={database.AppConnectionString}",
             $"--Audit:SealingKey={HotspotIntelApplication.AuditSealingKey}",
             $"--Audit:CheckpointDirectory={database.Application.AuditCheckpointDirectory}"],
            output, TextWriter.Null);
        return (exitCode, output.ToString());
    }
}

/// <summary>What a database owner covering their tracks would do.</summary>
internal static class AuditTampering
{
    /// <summary>Deletes the entry about <paramref name="recordId"/>, every entry after it, and their seals.</summary>
    public static Task DeleteNewestAuditEntriesAsync(this DatabaseFixture database, Guid recordId) => database.ExecuteAsync($"""
        DELETE FROM audit_seals WHERE audit_id >= (SELECT id FROM audit_log WHERE entity_id = '{recordId}');
        DELETE FROM audit_log WHERE id >= (SELECT id FROM audit_log WHERE entity_id = '{recordId}');
        """);
}
