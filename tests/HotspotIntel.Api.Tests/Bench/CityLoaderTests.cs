using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.Seeding;

namespace HotspotIntel.Api.Tests.Bench;

/// <summary>The bench's city load drops indexes and keys for its COPY and makes them again: the schema ends as the migrations made it.</summary>
public sealed class CityLoaderTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // Every index and constraint of the schema's tables by its definition, one text.
    private const string Schema = """
        SELECT string_agg(definition, E'\n' ORDER BY definition) FROM (
            SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'
            UNION ALL
            SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid <> 0) d
        """;

    [Fact]
    public async Task Loading_a_city_leaves_every_index_key_and_foreign_key_as_the_migrations_made_them()
    {
        var before = await database.ScalarAsync<string>(Schema);

        await CityLoader.LoadAsync(database.ConnectionString, new SyntheticCity(new CityScale(CityScale.MinimumReports), SyntheticCity.DefaultSeed), CancellationToken.None);

        Assert.Equal(before, await database.ScalarAsync<string>(Schema));
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM link_ends") > 0);
    }
}
