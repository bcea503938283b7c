using HotspotIntel.Api.Data;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Data;

public sealed class MigrationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Migrating_again_changes_nothing_and_can_give_the_application_and_jobs_roles_their_passwords()
    {
        var applied = await database.ScalarAsync<long>("SELECT count(*) FROM schemaversions");

        DatabaseMigrator.Migrate(database.ConnectionString, quiet: true, applicationRolePassword: "synthetic-test-password",
            jobsRolePassword: "synthetic-jobs-password");

        Assert.Equal(applied, await database.ScalarAsync<long>("SELECT count(*) FROM schemaversions"));
        Assert.StartsWith("SCRAM-SHA-256$", await database.ScalarAsync<string>("SELECT rolpassword FROM pg_authid WHERE rolname = 'hotspotintel_app'"));
        Assert.StartsWith("SCRAM-SHA-256$", await database.ScalarAsync<string>("SELECT rolpassword FROM pg_authid WHERE rolname = 'hotspotintel_jobs'"));
    }

    [Fact]
    public async Task A_test_database_copied_from_the_migrated_template_keeps_its_settings_as_a_migrated_one_has_them()
    {
        // migrations/0006 turns JIT off for the database; a copy that ran with it on would time what the product never runs.
        Assert.Equal("off", await database.ScalarAsync<string>("SHOW jit"));
    }
}
