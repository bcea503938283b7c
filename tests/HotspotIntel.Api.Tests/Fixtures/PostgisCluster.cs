using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HotspotIntel.Api.Data;
using Npgsql;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>
/// One throwaway PostgreSQL + PostGIS cluster for the whole test run (through <c>runuser -u postgres</c> when run as
/// root), holding a template database built from <c>migrations/</c> that each test class clones in about 0.2 s.
/// Set HOTSPOTINTEL_TEST_SERVER to a superuser connection string to use a server that is already running instead.
/// </summary>
public sealed class PostgisCluster
{
    private const string TemplateName = "hotspotintel_template";
    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<Task<PostgisCluster>> Shared = new(StartAsync);
    private readonly SemaphoreSlim _cloning = new(1, 1);
    private readonly string _serverConnectionString;

    private PostgisCluster(string serverConnectionString) => _serverConnectionString = serverConnectionString;

    public static Task<PostgisCluster> InstanceAsync() => Shared.Value;

    /// <summary>A new database cloned from the migrated template; its name is unique to the caller.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await _cloning.WaitAsync();
        try
        {
            await ExecuteAsync(_serverConnectionString, $"CREATE DATABASE {name} TEMPLATE {TemplateName} STRATEGY FILE_COPY");
        }
        finally
        {
            _cloning.Release();
        }

        return ConnectionStringFor(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = database, Pooling = true }.ConnectionString;

    private static async Task<PostgisCluster> StartAsync()
    {
        var server = Environment.GetEnvironmentVariable("HOTSPOTINTEL_TEST_SERVER") ?? StartThrowawayServer();
        var cluster = new PostgisCluster(server);
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {TemplateName}");
        await ExecuteAsync(server, $"CREATE DATABASE {TemplateName}");
        var template = new NpgsqlConnectionStringBuilder(server) { Database = TemplateName, Pooling = false }.ConnectionString;
        DatabaseMigrator.Migrate(template, quiet: true);
        return cluster;
    }

    private static string StartThrowawayServer()
    {
        var dataDir = Directory.CreateTempSubdirectory("hotspotintel-test-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", "postgres:postgres", dataDir);
        }

        var port = FreePort();
        RunPostgres(asRoot, "initdb", "-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        // Durability is pointless for a database that lives as long as the test run.
        RunPostgres(asRoot, "pg_ctl", "-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-w", "start", "-o",
            $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            RunPostgres(asRoot, "pg_ctl", "-D", dataDir, "-m", "immediate", "stop");
            Directory.Delete(dataDir, recursive: true);
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    private static void RunPostgres(bool asRoot, string program, params string[] arguments)
    {
        var path = Path.Combine(PgBin, program);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: install postgresql-15-postgis-3 (test.sh does).");
        }

        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
