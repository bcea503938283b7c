using HotspotIntel.Api.Infrastructure;
using HotspotIntel.Api.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Npgsql;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace HotspotIntel.Api.Tests.Scaling;

/// <summary>
/// docker-compose.yml as the deployment a region that has outgrown one machine starts from (no Docker engine runs the
/// tests, so its promises are read from the file): a replica the API reads from, a worker for the jobs, and long-running
/// services that hold no login able to bypass row-level security or change the schema.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string Root = RepositoryRoot.Path;
    private static readonly Dictionary<object, object> Services = (Dictionary<object, object>)Load()["services"];

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public void Long_running_services_hold_no_schema_owner_login_and_do_not_migrate(string service)
    {
        var environment = Environment(service);
        Assert.DoesNotContain(environment, setting => setting.Key.Contains("HotspotIntelAdmin", StringComparison.Ordinal));
        Assert.DoesNotContain(environment, setting => setting.Value.Contains("Username=postgres", StringComparison.Ordinal));
        Assert.DoesNotContain(environment, setting => setting.Key.StartsWith("Database__", StringComparison.Ordinal) && setting.Key.EndsWith("RolePassword", StringComparison.Ordinal));
        Assert.Equal("false", environment["Database__MigrateOnStartup"]);
        Assert.True(Service(service).ContainsKey("healthcheck"), $"{service} has no readiness healthcheck");
    }

    [Fact]
    public void The_API_runs_no_jobs_and_reads_from_the_replica_and_only_the_worker_holds_the_jobs_login()
    {
        var api = Environment("api");
        Assert.Equal("false", api["Hangfire__ServerEnabled"]);
        Assert.Contains("Host=db-replica;", api["ConnectionStrings__HotspotIntelReplica"], StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionStrings__HotspotIntelJobs", api.Keys);

        var worker = Environment("worker");
        Assert.Equal("false", worker["Hosting__ServeApi"]);
        Assert.Contains("Username=hotspotintel_jobs", worker["ConnectionStrings__HotspotIntelJobs"], StringComparison.Ordinal);
        Assert.Contains("Username=hotspotintel_app", worker["ConnectionStrings__HotspotIntel"], StringComparison.Ordinal);
    }

    /// <summary>
    /// Each login a long-running service connects as, as the service resolves it from its own settings (a login it is
    /// not given a connection for is the application's connection with that login's name), has the password the
    /// migration service gives that login: the API reads its copy of the link network on hotspotintel_network, the
    /// worker runs its jobs on hotspotintel_jobs.
    /// </summary>
    [Theory]
    [InlineData("api", "hotspotintel_network")]
    [InlineData("worker", "hotspotintel_jobs")]
    public void Every_login_a_service_connects_as_has_the_password_the_migrations_give_it(string service, string ownLogin)
    {
        var settings = Settings(service);
        var givenByMigrations = DatabaseSetup.RolePasswords(Settings("migrate-and-seed"));
        string[] logins =
        [
            settings.GetConnectionString(DatabaseSetup.ConnectionName)!,
            (service == "api" ? DatabaseSetup.NetworkCopy : DatabaseSetup.Jobs).ConnectionString(settings),
        ];

        foreach (var login in logins.Select(connection => new NpgsqlConnectionStringBuilder(connection)))
        {
            Assert.False(string.IsNullOrEmpty(login.Password), $"{service} connects as {login.Username} without a password");
            Assert.Equal(givenByMigrations.GetValueOrDefault(login.Username!), login.Password);
        }

        Assert.Equal(ownLogin, new NpgsqlConnectionStringBuilder(logins[1]).Username);
    }

    [Fact]
    public void The_replica_is_a_base_backup_of_the_primary_which_lets_only_a_replication_login_stream_to_it()
    {
        var replica = Service("db-replica");
        var startScript = File.ReadAllText(Path.Combine(Root, "scripts/docker/replica-start.sh"));
        Assert.Contains("pg_basebackup -h \"$PRIMARY_HOST\" -U replicator -D \"$PGDATA\" -R", startScript, StringComparison.Ordinal);
        Assert.Equal("db", ((Dictionary<object, object>)replica["environment"])["PRIMARY_HOST"]);
        var primaryVolumes = ((List<object>)Service("db")["volumes"]).Cast<string>();
        Assert.Contains(primaryVolumes, volume => volume.StartsWith("./scripts/docker/primary-allows-replica.sh:/docker-entrypoint-initdb.d/", StringComparison.Ordinal));
        Assert.Contains("WITH REPLICATION LOGIN", File.ReadAllText(Path.Combine(Root, "scripts/docker/primary-allows-replica.sh")), StringComparison.Ordinal);
    }

    private static Dictionary<object, object> Service(string name) => (Dictionary<object, object>)Services[name];

    /// <summary>A service's environment as the application reads it (<c>__</c> separating sections).</summary>
    private static IConfiguration Settings(string service) => new ConfigurationBuilder().AddInMemoryCollection(
        Environment(service).Select(setting => KeyValuePair.Create(setting.Key.Replace("__", ":", StringComparison.Ordinal), (string?)setting.Value))).Build();

    private static Dictionary<string, string> Environment(string service) =>
        ((Dictionary<object, object>)Service(service)["environment"]).ToDictionary(setting => (string)setting.Key, setting => (string)setting.Value);

    private static Dictionary<object, object> Load()
    {
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Root, "docker-compose.yml")));
        // The anchors and merge keys (<<: *application-login) as Compose reads them.
        return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
    }
}
