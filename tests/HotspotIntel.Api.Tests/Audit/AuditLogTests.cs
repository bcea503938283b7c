using System.Net.Http.Json;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Npgsql;

namespace HotspotIntel.Api.Tests.Audit;

/// <summary>Every change of personal data is logged in its own transaction; the log is append-only and tamper-evident.</summary>
public sealed class AuditLogTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Creating_changing_and_deleting_a_report_writes_collection_alteration_and_erasure_entries()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "AUD1");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId, "analyst-aud1");
        var id = (await (await analyst.PostAsJsonAsync("/api/reports", TestData.Report())).ReadObjectAsync())["id"]!.GetValue<Guid>();
        (await analyst.PutAsJsonAsync($"/api/reports/{id}", TestData.Report(category: "party_house"))).EnsureSuccessStatusCode();
        (await analyst.DeleteAsync($"/api/reports/{id}")).EnsureSuccessStatusCode();

        var actions = await ActionsForAsync(id);

        Assert.Equal(["collection", "alteration", "erasure"], actions);
        Assert.Equal(3L, await database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE entity_id = '{id}' AND user_id = 'analyst-aud1' AND agency_id = '{agencyId}'"));
    }

    [Fact]
    public async Task An_erasure_entry_keeps_nothing_of_the_erased_data()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "AUD2");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var report = TestData.Report();
        report["narrative"] = "Synthetic narrative AUD2-UNIQUE-MARKER";
        var id = (await (await analyst.PostAsJsonAsync("/api/reports", report)).ReadObjectAsync())["id"]!.GetValue<Guid>();
        (await analyst.DeleteAsync($"/api/reports/{id}")).EnsureSuccessStatusCode();

        var leaks = await database.ScalarAsync<long>("SELECT count(*) FROM audit_log a WHERE to_jsonb(a)::text LIKE '%AUD2-UNIQUE-MARKER%'");

        Assert.Equal(0L, leaks);
    }

    [Theory]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("UPDATE audit_log SET justification = 'edited'")]
    [InlineData("TRUNCATE audit_log")]
    [InlineData("INSERT INTO audit_log (id, occurred_at, user_id, role, action, entity_kind, row_count, hash) VALUES (-1, now(), 'x', 'x', 'collection', 'x', 1, '\\x00')")]
    public async Task The_application_role_cannot_change_audit_rows_itself(string sql)
    {
        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task A_supervisor_finds_a_record_s_entries_and_other_roles_cannot_search()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "AUD5");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var id = (await (await analyst.PostAsJsonAsync("/api/reports", TestData.Report())).ReadObjectAsync())["id"]!.GetValue<Guid>();
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);

        var page = await (await supervisor.GetAsync($"/api/audit-log?entityId={id}")).ReadObjectAsync();

        var entry = Assert.Single(page["items"]!.AsArray());
        Assert.Equal("collection", entry!["action"]!.GetValue<string>());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await analyst.GetAsync($"/api/audit-log?entityId={id}")).StatusCode);
    }

    [Fact]
    public async Task A_supervisor_s_search_for_a_record_searches_both_indexes_under_row_level_security()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "AUD8");
        var recordId = Guid.NewGuid();

        var searched = await database.IndexConditionsAsSessionAsync(agencyId, "supervisor",
            db => AuditApi.Filter(db.AuditLog, recordId, null, [], null, null, null));

        Assert.Contains(searched, s => s.Index == "audit_log_entity_idx" && s.Condition.StartsWith("(entity_id = "));
        Assert.Contains(searched, s => s.Index == "audit_log_entity_ids_idx" && s.Condition.StartsWith("(entity_ids && "));
    }

    [Fact]
    public async Task An_entry_naming_many_records_waits_in_the_index_s_pending_list_and_is_found_there_by_any_of_them()
    {
        // A network answer names 10,000-15,000 ids in one entry: the index's pending list holds dozens of such entries
        // (migration 0061), merged by autovacuum rather than by the request whose entry fills it.
        var limit = await database.ScalarAsync<string>(
            "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'audit_log_entity_ids_idx'");
        Assert.Contains("gin_pending_list_limit=65536", limit);

        var agencyId = await TestData.CreateAgencyAsync(database.Application, "AUD9");
        var ids = Enumerable.Range(0, 2000).Select(_ => Guid.NewGuid()).ToArray();
        var entry = await database.ScalarAsSessionAsync<long>(agencyId, "analyst",
            $"SELECT record_audit_entry('combination', 'network', ARRAY['{string.Join("','", ids)}']::uuid[], 'Synthetic test of the audit index', NULL, NULL)");

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        foreach (var id in new[] { ids[0], ids[999], ids[^1] })
        {
            await using var search = new NpgsqlCommand($"SELECT array_agg(id) FROM audit_log WHERE entity_ids && ARRAY['{id}']::uuid[]", connection);
            Assert.Equal([entry], (long[])(await search.ExecuteScalarAsync())!);
        }
    }

    private async Task<List<string>> ActionsForAsync(Guid entityId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT action FROM audit_log WHERE entity_id = '{entityId}' AND entity_kind = 'intelligence_reports' ORDER BY id", connection);
        var actions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            actions.Add(reader.GetString(0));
        }

        return actions;
    }
}
