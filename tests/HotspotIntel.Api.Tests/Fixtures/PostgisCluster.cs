using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HotspotIntel.Api.Data;
using Npgsql;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>
/// One throwaway PostgreSQL + PostGIS cluster for the whole test run (through <c>runuser -u postgres</c> when run as
/// root), holding a template database built from <c>migrations/</c> that each test class clones in about 0.2 s.
/// Set HOTSPOTINTEL_TEST_SERVER to a superuser connection string to use a server that is already running instead.
/// A test that stops the server starts a dedicated cluster of its own (<see cref="StartDedicatedAsync"/>): other test
/// classes use the shared one in parallel.
/// </summary>
public sealed class PostgisCluster : IAsyncDisposable
{
    private const string TemplateName = "hotspotintel_template";
    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<Task<PostgisCluster>> Shared = new(() => StartAsync(Environment.GetEnvironmentVariable("HOTSPOTINTEL_TEST_SERVER"), dedicated: false));
    private readonly SemaphoreSlim _cloning = new(1, 1);
    private readonly string _serverConnectionString;
    private readonly ThrowawayServer? _dedicated;

    private PostgisCluster(string serverConnectionString, ThrowawayServer? dedicated)
    {
        _serverConnectionString = serverConnectionString;
        _dedicated = dedicated;
    }

    public static Task<PostgisCluster> InstanceAsync() => Shared.Value;

    /// <summary>A throwaway cluster for the caller alone, which it may stop and start; disposing it removes it.</summary>
    public static Task<PostgisCluster> StartDedicatedAsync() => StartAsync(null, dedicated: true);

    /// <summary>Stops the dedicated server (fast shutdown: sessions are ended, as in a restart).</summary>
    public void Stop() => Dedicated.Stop();

    /// <summary>Starts the dedicated server again on the same port and data.</summary>
    public void Start() => Dedicated.Start();

    /// <summary>
    /// A streaming replica of this dedicated cluster (<c>pg_basebackup -R</c>): a read-only hot standby on a port of its
    /// own that replays everything written here, databases included. Disposing it removes it.
    /// </summary>
    public PostgisCluster StartReplica()
    {
        var replica = ThrowawayServer.CreateReplicaOf(Dedicated);
        return new PostgisCluster(replica.ConnectionString, replica);
    }

    public ValueTask DisposeAsync()
    {
        _dedicated?.Remove();
        return ValueTask.CompletedTask;
    }

    private ThrowawayServer Dedicated =>
        _dedicated ?? throw new InvalidOperationException("Only a dedicated cluster may be stopped: other test classes use the shared one.");

    /// <summary>A new database cloned from the migrated template; its name is unique to the caller.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await _cloning.WaitAsync();
        try
        {
            await ExecuteAsync(_serverConnectionString, $"CREATE DATABASE {name} TEMPLATE {TemplateName} STRATEGY FILE_COPY");
            await ExecuteAsync(_serverConnectionString, DatabaseMigrator.CopySettingsSql(TemplateName, name));
        }
        finally
        {
            _cloning.Release();
        }

        return ConnectionStringFor(name);
    }

    /// <summary>A new database with nothing in it, for a test that migrates it itself (an upgrade from an older schema).</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await ExecuteAsync(_serverConnectionString, $"CREATE DATABASE {name}");
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

    private static async Task<PostgisCluster> StartAsync(string? existingServer, bool dedicated)
    {
        var throwaway = existingServer is null ? ThrowawayServer.Create() : null;
        var server = existingServer ?? throwaway!.ConnectionString;
        var cluster = new PostgisCluster(server, dedicated ? throwaway : null);
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {TemplateName}");
        await ExecuteAsync(server, $"CREATE DATABASE {TemplateName}");
        var template = new NpgsqlConnectionStringBuilder(server) { Database = TemplateName, Pooling = false }.ConnectionString;
        DatabaseMigrator.Migrate(template, quiet: true);
        return cluster;
    }

    /// <summary>A cluster in a temporary directory on a free port, removed when the test run ends (or earlier, by <see cref="Remove"/>).</summary>
    private sealed class ThrowawayServer
    {
        private readonly string _dataDir;
        private readonly int _port;
        private readonly bool _asRoot = Environment.UserName == "root";
        private int _removed;

        private ThrowawayServer(string dataDir, int port)
        {
            _dataDir = dataDir;
            _port = port;
        }

        public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Pooling=false";

        public static ThrowawayServer CreateReplicaOf(ThrowawayServer primary)
        {
            var replica = new ThrowawayServer(Directory.CreateTempSubdirectory("hotspotintel-test-replica-").FullName, FreePort());
            if (replica._asRoot)
            {
                Run("chown", "postgres:postgres", replica._dataDir);
            }

            RunPostgres(replica._asRoot, "pg_basebackup", "-h", "127.0.0.1", "-p", primary._port.ToString(CultureInfo.InvariantCulture),
                "-U", "postgres", "-D", replica._dataDir, "-R", "-X", "stream", "--no-sync");
            replica.Start();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => replica.Remove();
            return replica;
        }

        public static ThrowawayServer Create()
        {
            var server = new ThrowawayServer(Directory.CreateTempSubdirectory("hotspotintel-test-").FullName, FreePort());
            if (server._asRoot)
            {
                Run("chown", "postgres:postgres", server._dataDir);
            }

            RunPostgres(server._asRoot, "initdb", "-D", server._dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            server.Start();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Remove();
            return server;
        }

        public void Start() =>
            // Durability is pointless for a database that lives as long as the test run.
            RunPostgres(_asRoot, "pg_ctl", "-D", _dataDir, "-l", Path.Combine(_dataDir, "server.log"), "-w", "start", "-o",
                $"-p {_port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300");

        public void Stop() => RunPostgres(_asRoot, "pg_ctl", "-D", _dataDir, "-m", "fast", "-w", "stop");

        public void Remove()
        {
            if (Interlocked.Exchange(ref _removed, 1) == 1)
            {
                return;
            }

            try
            {
                RunPostgres(_asRoot, "pg_ctl", "-D", _dataDir, "-m", "immediate", "stop");
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }

            Directory.Delete(_dataDir, recursive: true);
        }
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
