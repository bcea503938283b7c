using HotspotIntel.Api.Tests.Fixtures;
using Npgsql;

namespace HotspotIntel.Api.Tests.Access;

/// <summary>
/// What the application's own database login (<c>hotspotintel_app</c>) can do whatever session settings it sets: it
/// cannot act as the background jobs' system role, which reads everything unmasked, nor write audit entries other than
/// the consultations, disclosures and combinations of a signed-in user.
/// </summary>
public sealed class DatabaseLoginTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData("persons", "LOG1A")]
    [InlineData("intelligence_reports", "LOG1B")]
    [InlineData("reports_for_role", "LOG1C")]
    [InlineData("links", "LOG1D")]
    [InlineData("missing_episodes", "LOG1E")]
    [InlineData("records_due_for_review", "LOG1F")]
    public async Task The_application_login_asking_for_the_system_role_sees_no_more_than_nobody(string table, string agencyCode)
    {
        var (_, analyst) = await database.SignInAsync(agencyCode);
        var childId = await analyst.CreateAsync("/api/persons", EntityTestData.Person(role: "child_at_risk"));
        var adultId = await analyst.CreateAsync("/api/persons", EntityTestData.Person());
        await analyst.CreateAsync("/api/reports", TestData.Report());
        await analyst.CreateAsync("/api/links", EntityTestData.Link("person", childId, "person", adultId));
        await analyst.CreateAsync("/api/missing-episodes", EntityTestData.MissingEpisode(childId, DateTimeOffset.UtcNow.AddDays(-1)));
        await database.ExecuteAsync("INSERT INTO records_due_for_review SELECT 'persons', id, agency_id, current_date, now() FROM persons ON CONFLICT DO NOTHING");

        var asSystem = await CountAsApplicationAsync("system", $"SELECT count(*) FROM {table}");

        Assert.Equal(await CountAsApplicationAsync("none", $"SELECT count(*) FROM {table}"), asSystem);
        Assert.Equal(0L, asSystem);
    }

    [Fact]
    public async Task The_application_login_asking_for_the_system_role_cannot_write_what_only_jobs_write()
    {
        var (agencyId, _) = await database.SignInAsync("LOG2");
        await using var connection = await OpenAsApplicationAsync("system");
        await using var command = new NpgsqlCommand(
            $"INSERT INTO records_due_for_review VALUES ('persons', gen_random_uuid(), '{agencyId}', current_date, now())", connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Theory]
    [InlineData("SELECT append_audit('consultation', 'persons', gen_random_uuid(), 1, 'Synthetic: a consultation in another name')")]
    [InlineData("SELECT append_audit('erasure', 'persons', gen_random_uuid(), 1)")]
    [InlineData("SELECT record_audit_entry('erasure', 'persons', ARRAY[gen_random_uuid()], 'Synthetic: an erasure that never happened')")]
    [InlineData("INSERT INTO audit_seals VALUES (1, sha256('x'), now())")]
    public async Task The_application_login_cannot_append_audit_entries_of_its_choosing(string sql)
    {
        await using var connection = await OpenAsApplicationAsync("supervisor");
        await using var command = new NpgsqlCommand(sql, connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Theory]
    [InlineData("none", "someone")]
    [InlineData("system", "someone")]
    [InlineData("analyst", "")]
    public async Task The_application_login_cannot_record_a_consultation_without_a_signed_in_user(string role, string userId)
    {
        await using var connection = await OpenAsApplicationAsync(role, userId);
        await using var command = new NpgsqlCommand(
            "SELECT record_audit_entry('consultation', 'persons', ARRAY[gen_random_uuid()], 'Synthetic: a consultation in nobody''s name')", connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Every_new_audit_entry_names_the_database_login_that_wrote_it()
    {
        var (agencyId, analyst) = await database.SignInAsync("LOG3");
        var personId = await analyst.CreateAsync("/api/persons", EntityTestData.Person());
        (await analyst.GetAsync($"/api/persons/{personId}")).EnsureSuccessStatusCode();

        Assert.Equal(2L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE entity_id = '{personId}' AND database_login = 'hotspotintel_app' AND agency_id = '{agencyId}'"));
    }

    private async Task<long> CountAsApplicationAsync(string role, string sql)
    {
        await using var connection = await OpenAsApplicationAsync(role);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The application's login with the session settings a compromised application could set: any user, no agency, <paramref name="role"/>.</summary>
    private async Task<NpgsqlConnection> OpenAsApplicationAsync(string role, string userId = "probe")
    {
        var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        await using var settings = new NpgsqlCommand(
            "SELECT set_config('hotspotintel.user_id', $1, false), set_config('hotspotintel.role', $2, false)", connection)
        {
            Parameters = { new() { Value = userId }, new() { Value = role } },
        };
        await settings.ExecuteNonQueryAsync();
        return connection;
    }
}
