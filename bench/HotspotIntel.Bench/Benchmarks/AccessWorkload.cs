using System.Diagnostics;
using HotspotIntel.Api.Data;
using Npgsql;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>
/// The read-heavy mix of the access benchmark, one request at a time per client: 60% reports in a map window (100 at
/// most, as the API's default page), 30% one report, 10% one person. With <c>sessions</c>, each request applies a user's
/// session settings to its connection (as the API's interceptor does) and appends a consultation entry with each person
/// read, in the read's transaction; without, it runs the bare queries.
/// </summary>
internal sealed class AccessWorkload(NpgsqlDataSource dataSource, AccessWorkloadSample sample, IReadOnlyList<AccessSession>? sessions)
{
    // The same SQL on both sides, through the view every report read goes through, filtered as the reports API filters
    // a map window: on the indexed masking cell (a masked location is its cell centre), then on the location shown.
    private const string WindowSql = """
        SELECT id, category, narrative, occurred_at, location, source_evaluation, intelligence_assessment, handling_code
        FROM reports_for_role
        WHERE masking_cell && ST_Expand(ST_MakeEnvelope($1, $2, $3, $4, 4326), 0.01) AND location && ST_MakeEnvelope($1, $2, $3, $4, 4326)
        ORDER BY id DESC LIMIT 100
        """;

    private const string ReportSql = """
        SELECT id, category, narrative, occurred_at, location, source_evaluation, intelligence_assessment, handling_code
        FROM reports_for_role WHERE id = $1
        """;

    private const string PersonSql = "SELECT id, role, family_name, given_names, date_of_birth, description FROM persons WHERE id = $1";

    // What the API's AuditLog writes for one person read (migrations/0016).
    private const string ConsultationSql = "SELECT record_audit_entry('consultation', 'persons', ARRAY[$1::uuid], 'Access benchmark: synthetic consultation')";

    public async Task<WorkloadResult> RunAsync(AccessWorkloadSettings settings, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var deadline = watch.Elapsed + settings.Duration;
        var clients = Enumerable.Range(0, settings.Concurrency).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            var latencies = new List<double>();
            long personReads = 0;
            while (watch.Elapsed < deadline)
            {
                var started = watch.Elapsed;
                personReads += await RequestAsync(random, cancellationToken) ? 1 : 0;
                latencies.Add((watch.Elapsed - started).TotalMilliseconds);
            }

            return (latencies, personReads);
        }, cancellationToken)).ToList();
        var done = await Task.WhenAll(clients);
        watch.Stop();
        return new WorkloadResult(done.Sum(c => c.latencies.Count), done.Sum(c => c.personReads), watch.Elapsed,
            [.. done.SelectMany(c => c.latencies)]);
    }

    /// <summary>One request; true when it read a person.</summary>
    private async Task<bool> RequestAsync(Random random, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (sessions is not null)
        {
            await sessions[random.Next(sessions.Count)].ApplyAsync(connection, cancellationToken);
        }

        var pick = random.NextDouble();
        if (pick < 0.6)
        {
            var (minLon, minLat, maxLon, maxLat) = sample.Windows[random.Next(sample.Windows.Count)];
            await ReadAllAsync(connection, WindowSql, cancellationToken, minLon, minLat, maxLon, maxLat);
            return false;
        }

        if (pick < 0.9)
        {
            await ReadAllAsync(connection, ReportSql, cancellationToken, sample.ReportIds[random.Next(sample.ReportIds.Count)]);
            return false;
        }

        var personId = sample.PersonIds[random.Next(sample.PersonIds.Count)];
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ReadAllAsync(connection, PersonSql, cancellationToken, personId);
        if (sessions is not null)
        {
            await ReadAllAsync(connection, ConsultationSql, cancellationToken, personId);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task ReadAllAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var column = 0; column < reader.FieldCount; column++)
            {
                _ = reader.GetValue(column);
            }
        }
    }
}
