using HotspotIntel.Api.Data;
using Npgsql;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>
/// What the access benchmark's requests ask for, drawn once from the loaded city: map windows of about 1 km around
/// reports, report ids, person ids, and the users who ask (analysts and tasking members of each agency, so both the
/// plain and the masked paths of the reports view run).
/// </summary>
internal sealed record AccessWorkloadSample(
    IReadOnlyList<(double MinLon, double MinLat, double MaxLon, double MaxLat)> Windows,
    IReadOnlyList<Guid> ReportIds,
    IReadOnlyList<Guid> PersonIds,
    IReadOnlyList<AccessSession> Sessions)
{
    /// <summary>The two roles the reads run as: analysts see exact locations, tasking members the masked ones.</summary>
    public static readonly string[] Roles = ["analyst", "tasking_member"];

    public static async Task<AccessWorkloadSample> LoadAsync(string ownerConnectionString, IReadOnlyCollection<string> roles,
        CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        var windows = await ReadAsync(connection,
            "SELECT ST_X(location) - 0.007, ST_Y(location) - 0.0045, ST_X(location) + 0.007, ST_Y(location) + 0.0045 FROM intelligence_reports ORDER BY md5(id::text) LIMIT 500",
            reader => (reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)), cancellationToken);
        var reports = await ReadAsync(connection, "SELECT id FROM intelligence_reports ORDER BY md5(id::text) LIMIT 2000", reader => reader.GetGuid(0), cancellationToken);
        var persons = await ReadAsync(connection, "SELECT id FROM persons ORDER BY md5(id::text) LIMIT 2000", reader => reader.GetGuid(0), cancellationToken);
        var agencies = await ReadAsync(connection, "SELECT id FROM agencies ORDER BY code", reader => reader.GetGuid(0), cancellationToken);
        var sessions = agencies.SelectMany(agency => roles.Select(role => new AccessSession($"bench-{role}-{agency}", agency, role))).ToList();
        return new AccessWorkloadSample(windows, reports, persons, sessions);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
