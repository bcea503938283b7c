using HotspotIntel.Api.Tests.Fixtures;
using Npgsql;
using static HotspotIntel.Api.Tests.Network.NetworkTestData;

namespace HotspotIntel.Api.Tests.Network;

/// <summary>
/// Each API instance reads its copy of the link network on a login of its own (hotspotintel_network, migration 0074),
/// not on the jobs' login: it reads every entity's id, agency and handling code and every link end, of every agency and
/// handling code, and nothing else; it writes nothing, and no session setting gives it more.
/// </summary>
public sealed class NetworkCopyLoginTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private string CopyLogin => new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = "hotspotintel_network" }.ConnectionString;

    [Fact]
    public async Task The_copy_login_reads_every_entity_and_link_end_of_every_agency_and_handling_code()
    {
        var (_, police) = await database.SignInAsync("NCL1");
        var (_, council) = await database.SignInAsync("NCL2");
        var (a, b) = (await police.PersonAsync("Testa", handlingCode: "C"), await police.PersonAsync("Testb"));
        var c = await council.PersonAsync("Testc", handlingCode: "C");
        await police.LinkAsync(a, b);
        await council.LinkAsync(c, await council.PersonAsync("Testd"));

        foreach (var query in new[]
        {
            "SELECT string_agg(format('%s %s %s', id, agency_id, handling_code), ',' ORDER BY id) FROM persons",
            "SELECT string_agg(format('%s %s %s %s', entity_id, other_id, link_id, security_marking), ',' ORDER BY entity_id, link_id) FROM network_link_ends",
            "SELECT count(*)::text FROM network_changes",
            "SELECT below::text FROM network_changes_horizon",
        })
        {
            var asOwner = await database.ScalarAsync<string>(query);
            Assert.False(string.IsNullOrEmpty(asOwner), query);
            Assert.Equal(asOwner, await ScalarAsync<string>(query));
        }

        var restricted = await ScalarAsync<string>("SELECT string_agg(id::text, ',') FROM persons WHERE handling_code = 'C'");
        Assert.Contains(a.ToString(), restricted);
        Assert.Contains(c.ToString(), restricted);
    }

    [Theory]
    [InlineData("SELECT family_name FROM persons")]
    [InlineData("SELECT date_of_birth FROM persons")]
    [InlineData("SELECT * FROM premises")]
    [InlineData("SELECT narrative FROM intelligence_reports")]
    [InlineData("SELECT count(*) FROM reports_for_role")]
    [InlineData("SELECT count(*) FROM derived_link_evidence")]
    [InlineData("SELECT count(*) FROM links")]
    [InlineData("SELECT count(*) FROM audit_log")]
    [InlineData("DELETE FROM link_ends")]
    [InlineData("DELETE FROM derived_links")]
    [InlineData("UPDATE persons SET handling_code = 'P'")]
    [InlineData("INSERT INTO network_changes (entity_ids) VALUES (NULL)")]
    public async Task The_copy_login_reads_nothing_else_and_writes_nothing_even_as_a_reader_it_names_itself(string statement)
    {
        await using var connection = new NpgsqlConnection(CopyLogin);
        await connection.OpenAsync();
        // The application's session settings make a reader of the application's login; this login is not one, whatever it sets.
        await using (var settings = new NpgsqlCommand("SELECT set_config('hotspotintel.role', 'supervisor', false)", connection))
        {
            await settings.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(statement, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(CopyLogin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
