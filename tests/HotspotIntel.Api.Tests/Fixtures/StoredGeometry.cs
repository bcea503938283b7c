using Npgsql;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>What PostGIS itself makes of stored geometries, read as the schema owner: the reference transformed output is checked against.</summary>
public static class StoredGeometry
{
    /// <summary>
    /// Every vertex of each row's geometry as <paramref name="sqlGeometry"/> gives it (e.g. <c>ST_Transform(location, 27700)</c>),
    /// by id, for the rows of <paramref name="table"/> matching <paramref name="condition"/>.
    /// </summary>
    public static async Task<Dictionary<Guid, List<(double X, double Y)>>> VerticesAsync(this DatabaseFixture database, string table, string sqlGeometry,
        string condition)
    {
        var rows = new Dictionary<Guid, List<(double, double)>>();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT t.id, ST_X(d.geom), ST_Y(d.geom) FROM {table} t, ST_DumpPoints({sqlGeometry}) d WHERE {condition} ORDER BY t.id, d.path", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetGuid(0);
            if (!rows.TryGetValue(id, out var vertices))
            {
                rows[id] = vertices = [];
            }

            vertices.Add((reader.GetDouble(1), reader.GetDouble(2)));
        }

        return rows;
    }
}
