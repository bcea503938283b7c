using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Network;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.MapClient;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>
/// <c>network</c>: the link network at a city's scale (issue 14). A city (regional by default: 200,000 persons,
/// 2,000,000 recorded links, 1,000,000 reports naming persons, premises, vehicles and places) is COPYed in; the
/// derived-link job's full pass is timed, then its incremental pass after 1,000 new reports. Then, over HTTP as an
/// analyst, N 3-hop networks (node limit 500) around random persons and N shortest paths between random pairs of
/// persons, each next to the same question answered by a plain recursive CTE over <c>network_link_ends</c> on a connection
/// under the same analyst's row-level security, in the same run; and the API process's peak memory.
/// </summary>
internal static class NetworkBenchmark
{
    private const int Hops = 3;
    private const int NodeLimit = 500;
    private const int PathHops = 6;

    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var server = options.Text("server") ?? Environment.GetEnvironmentVariable("HOTSPOTINTEL_BENCH_SERVER") ?? BenchDatabase.DefaultServer;
        var city = new SyntheticCity(ScaleOf(options), options.Seed);
        var questions = options.Number("questions", 200);
        // Checked before the city is loaded: a misspelt value would otherwise time passes other than those asked for.
        var passes = options.Text("passes") ?? "full";
        if (passes is not ("full" or "full-incremental" or "full-only" or "none"))
        {
            throw new ArgumentException("--passes must be one of: full, full-incremental, full-only, none.");
        }

        var newReports = options.Number("new-reports", 1000);
        // The product's defaults unless given: a partnership tunes how near in space and time two sightings must be.
        var derivedLinks = new DerivedLinkOptions();
        derivedLinks.CoLocationMeters = options.Number("co-location-meters", (int)derivedLinks.CoLocationMeters);
        derivedLinks.CoLocationMinutes = options.Number("co-location-minutes", (int)derivedLinks.CoLocationMinutes);
        if (!derivedLinks.IsValid)
        {
            throw new ArgumentException("--co-location-meters must be 0 to 5000 and --co-location-minutes 0 to 1440.");
        }

        // --database keeps cities of several sizes side by side in one cluster (each reused by its own name).
        var database = await MapBenchmark.PrepareDatabaseAsync(server, city, options.Flag("reuse"), cancellationToken,
            options.Text("database") ?? MapBenchmark.DatabaseName);
        var agencyId = city.Agencies.Police.Id;
        var invariant = CultureInfo.InvariantCulture;

        await using var owner = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 0 }.ConnectionString);
        Console.WriteLine($"City: {await CountAsync(owner, "persons", cancellationToken):N0} persons, {await CountAsync(owner, "links", cancellationToken):N0} recorded links, "
            + $"{await CountAsync(owner, "intelligence_reports", cancellationToken):N0} reports.");

        // The derived-link job as the API's Hangfire worker runs it (its own code, on the jobs' login). --passes none
        // keeps the derived links a reused database already holds (from an earlier run's full pass) and times no pass;
        // full-only times the full pass from none and skips the incremental and nightly ones (a large city's derived
        // links made in a third of the time); full-incremental skips the nightly one.
        var runPasses = passes != "none";
        var (fullSeconds, incrementalSeconds) = runPasses
            ? await TimePassesAsync(database, owner, derivedLinks, newReports, fullOnly: passes == "full-only", nightly: passes == "full", cancellationToken)
            : (double.NaN, double.NaN);
        if (options.Flag("load-only"))
        {
            Console.WriteLine($"Loaded; {await CountAsync(owner, "derived_links", cancellationToken):N0} derived links. Stopping (--load-only).");
            return 0;
        }

        var linkEnds = await CountAsync(owner, "network_link_ends", cancellationToken);
        var derived = await CountAsync(owner, "derived_links", cancellationToken);
        if (options.Flag("skip-questions"))
        {
            Console.WriteLine(string.Create(invariant, $"{derived:N0} derived links, {linkEnds:N0} link ends."));
            return 0;
        }

        var root = RepositoryRoot.Find();
        var apiDll = options.Text("api-dll") ?? Path.Combine(root, "src", "HotspotIntel.Api", "bin", "Release", "net10.0", "HotspotIntel.Api.dll");
        var users = BenchUsers.Create();
        await using var api = await ApiProcess.StartAsync(apiDll, options.Number("port", 5094), BenchDatabase.AsApplication(database), users.Auth.SigningKey!,
            cancellationToken, new Dictionary<string, string> { ["Logging__LogLevel__HotspotIntel.Api.Network.NetworkIndex"] = "Information" });
        // The first question reads the API's whole copy of the network: minutes at the regional city's 34M link ends.
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", users.Analyst(agencyId));
        http.DefaultRequestHeaders.Add(AuditLog.JustificationHeader, "Synthetic benchmark of the link network");

        await using var application = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(BenchDatabase.AsApplication(database)) { CommandTimeout = 0 }.ConnectionString);
        await using var connection = await application.OpenConnectionAsync(cancellationToken);
        await new AccessSession("bench-analyst", agencyId, "analyst").ApplyAsync(connection, cancellationToken);

        var persons = await PersonIdsAsync(owner, cancellationToken);
        var random = new Random((int)(options.Seed % int.MaxValue));
        var starts = Enumerable.Range(0, questions).Select(_ => persons[random.Next(persons.Count)]).ToList();
        var pairs = Enumerable.Range(0, questions).Select(_ => (persons[random.Next(persons.Count)], persons[random.Next(persons.Count)])).ToList();

        Console.WriteLine($"Warming up: 10 networks and 10 paths each way…");
        foreach (var start in starts.Take(10))
        {
            await NetworkOverApiAsync(http, start, cancellationToken);
            await NetworkByCteAsync(connection, start, cancellationToken);
        }

        foreach (var (from, to) in pairs.Take(10))
        {
            await PathOverApiAsync(http, from, to, cancellationToken);
            await PathByCteAsync(connection, from, to, cancellationToken);
        }

        // The API's copy of the network (NetworkIndex), read by the first question: its size and how long reading it took.
        var indexRead = api.LastOutput.Split('\n').LastOrDefault(line => line.Contains("Link network index read", StringComparison.Ordinal));
        Console.WriteLine(indexRead is null ? "The API did not say it read its link network index." : indexRead.Trim());
        var watch = Stopwatch.StartNew();
        Console.WriteLine($"Timing {questions} 3-hop networks (node limit {NodeLimit}) and {questions} shortest paths (up to {PathHops} links), API and CTE interleaved…");
        var (apiNetwork, cteNetwork, apiPath, ctePath) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var (apiNodes, cteNodes, truncated) = (0L, 0L, 0);
        foreach (var start in starts)
        {
            watch.Restart();
            var (nodes, cut) = await NetworkOverApiAsync(http, start, cancellationToken);
            apiNetwork.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            cteNodes += await NetworkByCteAsync(connection, start, cancellationToken);
            cteNetwork.Add(watch.Elapsed.TotalMilliseconds);
            apiNodes += nodes;
            truncated += cut ? 1 : 0;
        }

        var (apiFound, cteFound, apiLength, cteLength) = (0, 0, 0L, 0L);
        foreach (var (from, to) in pairs)
        {
            watch.Restart();
            var apiHops = await PathOverApiAsync(http, from, to, cancellationToken);
            apiPath.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            var cteHops = await PathByCteAsync(connection, from, to, cancellationToken);
            ctePath.Add(watch.Elapsed.TotalMilliseconds);
            (apiFound, apiLength) = apiHops is { } a ? (apiFound + 1, apiLength + a) : (apiFound, apiLength);
            (cteFound, cteLength) = cteHops is { } c ? (cteFound + 1, cteLength + c) : (cteFound, cteLength);
        }

        var peak = PeakMemory.PeakResidentBytes(api.Id);
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant, $"Link network, city of {city.Scale.Persons:N0} persons, {city.Scale.Links:N0} recorded links, {city.Scale.Reports:N0} reports;"));
        Console.WriteLine(string.Create(invariant, $"{derived:N0} derived links, {linkEnds:N0} link ends; one analyst, one question at a time:"));
        Console.WriteLine(runPasses
            ? string.Create(invariant, $"derived links (co-location within {derivedLinks.CoLocationMeters} m and {derivedLinks.CoLocationMinutes} minutes): "
                + $"full pass {fullSeconds:F1} s; incremental pass after {newReports:N0} new reports {Incremental()}")
            : "derived links: as an earlier run's passes left them (--passes none)");
        Row("3-hop network, API (HTTP)", apiNetwork);
        Row("3-hop network, recursive CTE", cteNetwork);
        Console.WriteLine(string.Create(invariant, $"  CTE / API: p50 {Ratio(cteNetwork, apiNetwork, 0.5):F1}x, p95 {Ratio(cteNetwork, apiNetwork, 0.95):F1}x; "
            + $"mean entities API {apiNodes / (double)questions:F0} ({truncated} of {questions} at the limit), CTE {cteNodes / (double)questions:F0}"));
        Row("shortest path, API (HTTP)", apiPath);
        Row("shortest path, recursive CTE BFS", ctePath);
        Console.WriteLine(string.Create(invariant, $"  CTE / API: p50 {Ratio(ctePath, apiPath, 0.5):F1}x, p95 {Ratio(ctePath, apiPath, 0.95):F1}x; "
            + $"pairs joined API {apiFound} (mean {(apiFound == 0 ? 0 : apiLength / (double)apiFound):F2} links), CTE {cteFound} (mean {(cteFound == 0 ? 0 : cteLength / (double)cteFound):F2} links)"));
        Console.WriteLine(indexRead is null ? "" : "API " + indexRead.Trim());
        Console.WriteLine(peak is { } bytes ? string.Create(invariant, $"API process peak RSS while serving: {bytes / 1048576.0:F0} MiB") : "API process peak RSS: not available");
        return 0;

        string Incremental() => double.IsNaN(incrementalSeconds) ? "not run (--passes full-only)" : string.Create(invariant, $"{incrementalSeconds:F2} s");

        void Row(string name, List<double> samples) => Console.WriteLine(string.Create(invariant,
            $"{name,-34} p50 {Percentiles.Of(samples, 0.5),8:F1} ms   p95 {Percentiles.Of(samples, 0.95),8:F1} ms   max {samples.Max(),8:F1} ms"));
    }

    /// <summary>
    /// The derived-link job as the API's Hangfire worker runs it (its own code, on the jobs' login): a full pass from no
    /// derived links, an incremental pass after <paramref name="newReports"/> new reports, and (when
    /// <paramref name="nightly"/>) a second full pass with nothing changed (the nightly pass); then the new reports are
    /// deleted again (the triggers refresh their links at once), which leaves the city as loaded for <c>--reuse</c>.
    /// Returns the first two times (seconds).
    /// </summary>
    private static async Task<(double Full, double Incremental)> TimePassesAsync(string database, NpgsqlDataSource owner,
        DerivedLinkOptions derivedLinks, int newReports,
        bool fullOnly, bool nightly, CancellationToken cancellationToken)
    {
        var invariant = CultureInfo.InvariantCulture;
        var jobsConnection = new NpgsqlConnectionStringBuilder(BenchDatabase.AsApplication(database)) { Username = "hotspotintel_jobs" }.ConnectionString;
        await using var system = new SystemDatabase(jobsConnection);
        var job = new DeriveLinksJob(system, Options.Create(derivedLinks));
        if (await CountAsync(owner, "derived_link_passes", cancellationToken) > 0)
        {
            Console.WriteLine("Clearing the derived links of an earlier run…");
            await ExecuteAsync(owner, "TRUNCATE derived_links, derived_link_evidence, derived_link_passes, derived_link_pending_reports", cancellationToken);
        }

        Console.WriteLine(string.Create(invariant,
            $"Derived links: full pass from none (co-location within {derivedLinks.CoLocationMeters} m and {derivedLinks.CoLocationMinutes} minutes)…"));
        var watch = Stopwatch.StartNew();
        var fullEvidence = await job.RunFullAsync(cancellationToken);
        var fullSeconds = watch.Elapsed.TotalSeconds;
        await VacuumAsync(owner, cancellationToken);
        var written = await LastPassAsync(owner, cancellationToken);
        Console.WriteLine(string.Create(invariant, $"  full pass {fullSeconds:F1} s, {fullEvidence:N0} pieces of evidence; {written}"));
        Console.WriteLine($"  on disk: {await StorageAsync(owner, cancellationToken)}");
        if (fullOnly)
        {
            return (fullSeconds, double.NaN);
        }

        var added = await AddReportsAsync(owner, newReports, cancellationToken);
        Console.WriteLine($"Derived links: incremental pass after {newReports:N0} new reports…");
        watch.Restart();
        var incrementalEvidence = await job.RunAsync(cancellationToken);
        var incrementalSeconds = watch.Elapsed.TotalSeconds;
        await VacuumAsync(owner, cancellationToken);
        written = await LastPassAsync(owner, cancellationToken);
        Console.WriteLine(string.Create(invariant, $"  incremental pass {incrementalSeconds:F2} s, {incrementalEvidence:N0} pieces of evidence; {written}"));

        if (nightly)
        {
            Console.WriteLine("Derived links: full pass again, nothing changed (the nightly pass)…");
            watch.Restart();
            await job.RunFullAsync(cancellationToken);
            var nightlySeconds = watch.Elapsed.TotalSeconds;
            written = await LastPassAsync(owner, cancellationToken);
            Console.WriteLine(string.Create(invariant, $"  full pass {nightlySeconds:F1} s; {written}"));
        }

        watch.Restart();
        await using (var connection = await owner.OpenConnectionAsync(cancellationToken))
        await using (var delete = new NpgsqlCommand("DELETE FROM intelligence_reports WHERE id = ANY ($1)", connection) { Parameters = { new() { Value = added.ToArray() } } })
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await VacuumAsync(owner, cancellationToken);
        Console.WriteLine(string.Create(invariant, $"  deleting the {added.Count:N0} new reports again (their derived links refreshed in the same statement): {watch.Elapsed.TotalSeconds:F1} s"));
        return (fullSeconds, incrementalSeconds);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource owner, string sql, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static double Ratio(List<double> baseline, List<double> measured, double share) =>
        Percentiles.Of(baseline, share) / Percentiles.Of(measured, share);

    /// <summary><c>--persons N</c> (with <c>--links 10N</c> if given: the city's proportions) or <c>--scale</c>; regional by default.</summary>
    private static CityScale ScaleOf(CommandOptions options)
    {
        if (options.Text("persons") is null)
        {
            return options.Scale("regional");
        }

        var persons = options.Number("persons", 200_000);
        var scale = new CityScale(persons * 5);
        if (options.Text("links") is not null && options.Number("links", 0) != scale.Links)
        {
            throw new ArgumentException($"--links must be ten times --persons (the city's proportions): {scale.Links} for {persons} persons.");
        }

        return scale;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource owner, string table, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The link tables' size on disk, each in all and as heap and indexes, and the whole database's.</summary>
    private static async Task<string> StorageAsync(NpgsqlDataSource owner, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand("""
            SELECT string_agg(format('%s %s (heap %s, %s)', t.relname, pg_size_pretty(pg_total_relation_size(t.oid)), pg_size_pretty(pg_relation_size(t.oid)),
                                     (SELECT string_agg(format('%s %s', i.relname, pg_size_pretty(pg_relation_size(i.oid))), ', ' ORDER BY i.relname)
                                      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = t.oid)), '; ' ORDER BY t.relname)
                   || '; database ' || pg_size_pretty(pg_database_size(current_database()))
            FROM pg_class t WHERE t.relname IN ('link_ends', 'derived_links', 'derived_link_evidence') AND t.relkind = 'r'
            """);
        return (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "no link tables";
    }

    /// <summary>What the last derived-link pass read and wrote, as it recorded it.</summary>
    private static async Task<string> LastPassAsync(NpgsqlDataSource owner, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand("""
            SELECT format('%s reports read; evidence %s added, %s removed; links %s written, %s removed',
                          to_char(reports_read, 'FM999,999,999'), to_char(evidence_added, 'FM999,999,999'), to_char(evidence_removed, 'FM999,999,999'),
                          to_char(links_written, 'FM999,999,999'), to_char(links_removed, 'FM999,999,999'))
            FROM derived_link_passes ORDER BY id DESC LIMIT 1
            """);
        return (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "no pass recorded";
    }

    private static async Task VacuumAsync(NpgsqlDataSource owner, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand("VACUUM ANALYZE link_ends, derived_links, derived_link_evidence");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// <paramref name="count"/> new reports, as the schema owner: copies of random reports seven minutes later at the
    /// same place, naming the same persons, premises, vehicles and places (so they make co-occurrence and co-location
    /// evidence); the mention triggers mark them for the next incremental pass.
    /// </summary>
    private static async Task<List<Guid>> AddReportsAsync(NpgsqlDataSource owner, int count, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        await using var connection = await owner.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var statement in new[]
        {
            "CREATE TEMPORARY TABLE bench_new_reports ON COMMIT DROP AS SELECT r.* FROM intelligence_reports r ORDER BY md5(r.id::text) LIMIT " + count.ToString(CultureInfo.InvariantCulture),
            "ALTER TABLE bench_new_reports ADD COLUMN old_id uuid",
            "UPDATE bench_new_reports SET old_id = id, id = gen_random_uuid(), occurred_at = occurred_at + interval '7 minutes', recorded_at = now(), created_at = now(), updated_at = now()",
        })
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // The report's own columns in table order, from the catalogue (later migrations add columns).
        await using (var columns = new NpgsqlCommand("""
            SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
            WHERE attrelid = 'intelligence_reports'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
            """, connection))
        {
            var list = (string)(await columns.ExecuteScalarAsync(cancellationToken))!;
            foreach (var statement in new[]
            {
                $"INSERT INTO intelligence_reports ({list}) SELECT {list} FROM bench_new_reports",
                "INSERT INTO report_persons (report_id, person_id) SELECT n.id, m.person_id FROM bench_new_reports n JOIN report_persons m ON m.report_id = n.old_id",
                "INSERT INTO report_premises (report_id, premises_id) SELECT n.id, m.premises_id FROM bench_new_reports n JOIN report_premises m ON m.report_id = n.old_id",
                "INSERT INTO report_vehicles (report_id, vehicle_id) SELECT n.id, m.vehicle_id FROM bench_new_reports n JOIN report_vehicles m ON m.report_id = n.old_id",
                "INSERT INTO report_locations (report_id, location_id) SELECT n.id, m.location_id FROM bench_new_reports n JOIN report_locations m ON m.report_id = n.old_id",
            })
            {
                await using var command = new NpgsqlCommand(statement, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using (var added = new NpgsqlCommand("SELECT id FROM bench_new_reports", connection))
        await using (var reader = await added.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    private static async Task<List<Guid>> PersonIdsAsync(NpgsqlDataSource owner, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand("SELECT id FROM persons ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>GET /api/network: the entities returned and whether the node limit cut the network.</summary>
    private static async Task<(int Nodes, bool Truncated)> NetworkOverApiAsync(HttpClient http, Guid person, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"/api/network?start=person:{person}&hops={Hops}&nodeLimit={NodeLimit}", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return (body.RootElement.GetProperty("nodes").GetArrayLength(), body.RootElement.GetProperty("truncated").GetBoolean());
    }

    /// <summary>
    /// The bare equivalent of the network: a plain recursive CTE over <c>network_link_ends</c> to the same hops, the nearest
    /// <see cref="NodeLimit"/> entities it reaches (as the analyst may see the link ends), then those entities as the
    /// analyst may see them, and the links among them, each once, all read here as the API's answer is: what an entity and
    /// a link show in it. The links are each entity's ends, kept where the other end is one of the entities by a hashed
    /// subplan (<c>IS TRUE</c> keeps PostgreSQL from making it a join): as a join of the ends with both entities, it
    /// probed every pair of the 500 (three times over <c>network_link_ends</c>' three tables), or scanned the 500 for
    /// every end, which made the baseline several times slower than it need be.
    /// </summary>
    private static async Task<long> NetworkByCteAsync(NpgsqlConnection connection, Guid person, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH RECURSIVE walk (id, kind, depth) AS (
                SELECT $1::uuid, 'person'::text, 0
                UNION
                SELECT e.other_id, e.other_kind, w.depth + 1 FROM walk w JOIN network_link_ends e ON e.entity_id = w.id WHERE w.depth < $2),
            nearest AS (
                SELECT id, kind, min(depth) AS depth FROM walk GROUP BY id, kind ORDER BY min(depth), id LIMIT $3),
            entities AS MATERIALIZED (
                SELECT x.id, x.kind, x.label, x.detail, x.agency_id, x.handling_code, x.security_marking, x.date_of_birth,
                       ST_X(x.point) AS longitude, ST_Y(x.point) AS latitude, n.depth
                FROM nearest n JOIN network_entities x ON x.id = n.id AND x.kind = n.kind)
            SELECT id, kind, label, detail, agency_id, handling_code::text, security_marking::text, date_of_birth, longitude, latitude, depth,
                   NULL::uuid, NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::text, NULL::date, NULL::date, NULL::int4
            FROM entities
            UNION ALL
            SELECT NULL, NULL, NULL, NULL, l.agency_id, l.handling_code::text, l.security_marking::text, NULL, NULL, NULL, NULL,
                   l.entity_id, l.other_id, l.link_id::text, l.derivation, l.link_type, concat(l.source_evaluation, l.intelligence_assessment),
                   l.starts_on, l.ends_on, l.evidence_count
            FROM entities a JOIN network_link_ends l ON l.entity_id = a.id
            WHERE l.entity_id < l.other_id AND (l.other_id IN (SELECT b.id FROM entities b)) IS TRUE
            """, connection);
        command.Parameters.Add(new() { Value = person });
        command.Parameters.Add(new() { Value = Hops });
        command.Parameters.Add(new() { Value = NodeLimit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (entities, values) = (0L, new object[reader.FieldCount]);
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(values);
            entities += reader.IsDBNull(0) ? 0 : 1;
        }

        return entities;
    }

    /// <summary>GET /api/network/paths with k = 1: the shortest path's length in links, or null when none was found.</summary>
    private static async Task<int?> PathOverApiAsync(HttpClient http, Guid from, Guid to, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"/api/network/paths?start=person:{from}&end=person:{to}&k=1&maxHops={PathHops}", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var paths = body.RootElement.GetProperty("paths");
        return paths.GetArrayLength() == 0 ? null : paths[0].GetProperty("length").GetInt32();
    }

    /// <summary>
    /// The bare equivalent of a shortest path: a recursive CTE breadth-first search from one end over <c>network_link_ends</c>
    /// (as the analyst may see them), to the same number of links, stopping at the first row that reaches the other end.
    /// It returns the length only, not the path: less than the API returns.
    /// </summary>
    private static async Task<int?> PathByCteAsync(NpgsqlConnection connection, Guid from, Guid to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH RECURSIVE bfs (id, depth) AS (
                SELECT $1::uuid, 0
                UNION
                SELECT e.other_id, b.depth + 1 FROM bfs b JOIN network_link_ends e ON e.entity_id = b.id WHERE b.depth < $3)
            SELECT depth FROM bfs WHERE id = $2 LIMIT 1
            """, connection);
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        command.Parameters.Add(new() { Value = PathHops });
        return await command.ExecuteScalarAsync(cancellationToken) is int depth ? depth : null;
    }
}
