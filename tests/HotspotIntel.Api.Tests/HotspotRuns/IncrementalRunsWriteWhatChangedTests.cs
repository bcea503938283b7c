using System.Net;
using System.Net.Http.Json;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Tests.Hotspots;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Hotspots;
using Microsoft.Extensions.DependencyInjection;

namespace HotspotIntel.Api.Tests.HotspotRuns;

/// <summary>
/// Runs of the published line write only what changed (migration 0043, <see cref="HotspotMemberSpans"/>): after added,
/// changed, deleted and erased reports, an incremental run must hold exactly the hotspots, members, weights and
/// summaries a full run over the same reports as of the same date holds, and every reader must be told the same.
/// </summary>
public sealed class IncrementalRunsWriteWhatChangedTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private readonly HotspotScenario _scenario = new(database);

    // Everything a reader is told about each hotspot of one run, as one string.
    private const string SeenSql = """
        SELECT coalesce(string_agg(concat_ws(' ', hotspot_id, report_count, round(weighted_score::numeric, 6), top_categories,
                   linked_vehicle_count, linked_person_count, first_report_at, last_report_at, premises_ids, ST_AsText(ST_SnapToGrid(area, 1e-9))),
                   ' | ' ORDER BY hotspot_id), '')
        FROM hotspots_seen('{0}', NULL)
        """;

    [Fact]
    public async Task An_incremental_run_after_added_changed_deleted_and_erased_reports_holds_what_a_full_run_holds()
    {
        var (owner, partner, unshared) = await CityAsync("IWC");
        var (first, _) = await _scenario.RunFullAsync();
        var membersOfFirst = await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_run_members WHERE run_id = '{first}'");
        var deleted = await database.ScalarAsync<Guid>($"""
            SELECT m.report_id FROM hotspot_run_members m JOIN intelligence_reports r ON r.id = m.report_id
            WHERE m.run_id = '{first}' AND r.agency_id = '{unshared}' ORDER BY r.id LIMIT 1
            """);
        var erased = await database.ScalarAsync<Guid>($"""
            SELECT m.report_id FROM hotspot_run_members m JOIN report_persons p ON p.report_id = m.report_id
            JOIN intelligence_reports r ON r.id = m.report_id
            WHERE m.run_id = '{first}' AND r.agency_id = '{owner}' ORDER BY r.id LIMIT 1
            """);

        // Added: a new cluster and more reports in an old one. Changed: gradings (weights), a handling code (who may
        // read), a date, and a report moved out of its hotspot. Deleted: a member report. Erased: a member report
        // naming a person.
        await _scenario.AddClusterAsync(partner, 3200, 3200, 100, 40, 0.51);
        await _scenario.AddClusterAsync(owner, 2210, 1630, 100, 12, 0.52);
        await database.ExecuteAsync($"""
            UPDATE intelligence_reports SET source_evaluation = '3', updated_at = now()
            WHERE id IN (SELECT m.report_id FROM hotspot_run_members m WHERE m.run_id = '{first}' ORDER BY m.report_id LIMIT 5);
            UPDATE intelligence_reports SET handling_code = 'C', handling_conditions = 'Synthetic: owner only', updated_at = now()
            WHERE id IN (SELECT m.report_id FROM hotspot_run_members m JOIN intelligence_reports r ON r.id = m.report_id
                         WHERE m.run_id = '{first}' AND r.agency_id = '{partner}' ORDER BY r.id LIMIT 3);
            UPDATE intelligence_reports SET occurred_at = occurred_at - interval '20 days', updated_at = now()
            WHERE id IN (SELECT m.report_id FROM hotspot_run_members m WHERE m.run_id = '{first}' ORDER BY m.report_id DESC LIMIT 2);
            UPDATE intelligence_reports SET location = {HotspotScenario.PointSql(3900, 100)}, updated_at = now()
            WHERE id IN (SELECT m.report_id FROM hotspot_run_members m WHERE m.run_id = '{first}' ORDER BY md5(m.report_id::text) LIMIT 1);
            DELETE FROM intelligence_reports WHERE id = '{deleted}';
            """);
        using (var supervisor = database.Application.CreateClient(UserRole.Supervisor, owner))
        {
            var erasure = await supervisor.PostAsJsonAsync($"/api/reviews/reports/{erased}/erase", new { justification = "Synthetic: erased on review for a test" });
            Assert.Equal(HttpStatusCode.OK, erasure.StatusCode);
        }

        // A deleted report leaves every run's members; the runs it was in are answered from their members until written again.
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_run_members WHERE report_id = '{deleted}'"));
        Assert.True(await database.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM hotspot_stale WHERE run_id = '{first}')"));

        var second = await RunIncrementalAsync();
        await AssertSameAsFullRunAsync(second, owner, partner, unshared);
        // It wrote what changed, not every member again.
        var addedBySecond = await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_members WHERE run_id = '{second}'");
        var membersOfSecond = await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_run_members WHERE run_id = '{second}'");
        Assert.InRange(addedBySecond, 1, membersOfSecond - membersOfFirst / 2);
        Assert.True(await database.ScalarAsync<long>($"""
            SELECT count(*) FROM hotspot_members WHERE until_seq = (SELECT seq FROM hotspot_member_runs WHERE run_id = '{second}')
            """) >= 2);

        // A change that moves no member: nothing is written but the run's summaries, carried with their weights decayed.
        await database.ExecuteAsync($"""
            UPDATE intelligence_reports SET narrative = 'Synthetic: corrected', updated_at = now()
            WHERE id = (SELECT id FROM intelligence_reports r WHERE NOT EXISTS (SELECT 1 FROM hotspot_members m WHERE m.report_id = r.id) ORDER BY id LIMIT 1)
            """);
        // This time as a server that did not write the previous run would: the open members read back from the database.
        database.Application.Services.GetRequiredService<ReportSnapshotCache>().LineMembers = null;
        var third = await RunIncrementalAsync();
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_members WHERE run_id = '{third}'"));
        Assert.Equal(await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_members WHERE run_id = '{second}'"), addedBySecond);
        await AssertSameAsFullRunAsync(third, owner, partner, unshared);
        Assert.True(await database.ScalarAsync<bool>($"""
            SELECT EXISTS (SELECT 1 FROM hotspot_member_groups a JOIN hotspot_member_groups b USING (hotspot_id, agency_id, handling_code, category, link_group)
                           WHERE a.run_id = '{second}' AND b.run_id = '{third}' AND a.masking_cell IS NOT DISTINCT FROM b.masking_cell
                             AND b.weight_sum < a.weight_sum)
            """));

        // A few members added to one hotspot, naming persons, and a few reweighted in it, nothing marked stale: its
        // summaries are brought forward by the change, the other hotspots' carried.
        await _scenario.AddClusterAsync(owner, 800, 800, 30, 6, 0.53);
        await database.ExecuteAsync($"""
            INSERT INTO report_persons (report_id, person_id)
            SELECT r.id, p.id
            FROM (SELECT id FROM intelligence_reports WHERE created_at > now() - interval '1 minute'
                    AND NOT EXISTS (SELECT 1 FROM hotspot_members m WHERE m.report_id = intelligence_reports.id) ORDER BY id LIMIT 3) r
            CROSS JOIN (SELECT id FROM persons WHERE agency_id = '{partner}' ORDER BY id LIMIT 2) p;
            UPDATE intelligence_reports SET intelligence_assessment = 'C', updated_at = now()
            WHERE id IN (SELECT m.report_id FROM hotspot_run_members m JOIN intelligence_reports r ON r.id = m.report_id
                         WHERE m.run_id = '{third}' AND ST_DWithin(ST_Transform(r.location, 27700), ST_Transform({HotspotScenario.PointSql(800, 800)}, 27700), 150)
                         ORDER BY r.occurred_at LIMIT 2);
            """);
        Assert.False(await database.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM hotspot_stale WHERE run_id = '{third}')"));
        var fourth = await RunIncrementalAsync();
        await AssertSameAsFullRunAsync(fourth, owner, partner, unshared);

        // The earlier runs still hold what they held.
        Assert.Equal(membersOfFirst - 1, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_run_members WHERE run_id = '{first}'"));
    }

    /// <summary>
    /// Bursts of changes drawn at random (seeded): new clusters anywhere, reports regraded, recategorised, re-coded either
    /// way, moved anywhere, re-dated, deleted, erased, marked child-linked or not, and persons named or no longer named;
    /// after each burst the incremental run must hold what a full run over the same reports holds.
    /// </summary>
    [Theory]
    [InlineData(1, "IWR1")]
    [InlineData(2, "IWR2")]
    public async Task An_incremental_run_after_any_burst_of_changes_holds_what_a_full_run_holds(int seed, string code)
    {
        var random = new Random(seed);
        var agencies = await CityAsync(code);
        Guid[] all = [agencies.Owner, agencies.Partner, agencies.Unshared];
        await _scenario.RunFullAsync();
        string[] categories = ["child_with_adults", "party_house", "vehicle_pick_up", "premises_concern", "location_concern", "other"];
        for (var burst = 0; burst < 4; burst++)
        {
            for (var clusters = random.Next(3); clusters > 0; clusters--)
            {
                await _scenario.AddClusterAsync(all[random.Next(3)], random.Next(200, 3800), random.Next(200, 3800), random.Next(30, 150),
                    random.Next(5, 40), random.NextDouble());
            }

            // Each change picks its own reports (by a hash of the id salted with the change's number), from all of them.
            string Some(int change, int count) =>
                $"SELECT id FROM intelligence_reports ORDER BY md5(id::text || '{seed}.{burst}.{change}') LIMIT {count}";
            var (east, north) = (HotspotScenario.West + random.Next(4000), HotspotScenario.South + random.Next(4000));
            await database.ExecuteAsync($"""
                UPDATE intelligence_reports SET source_evaluation = '{random.Next(1, 4)}', intelligence_assessment = '{"ABCDE"[random.Next(5)]}',
                    updated_at = now() WHERE id IN ({Some(1, random.Next(10))});
                UPDATE intelligence_reports SET category = '{categories[random.Next(categories.Length)]}', updated_at = now() WHERE id IN ({Some(2, random.Next(6))});
                UPDATE intelligence_reports SET handling_code = 'C', handling_conditions = 'Synthetic: owner only', updated_at = now()
                WHERE id IN ({Some(3, random.Next(6))});
                UPDATE intelligence_reports SET handling_code = 'P', handling_conditions = NULL, updated_at = now()
                WHERE handling_code = 'C' AND id IN ({Some(4, random.Next(20))});
                UPDATE intelligence_reports
                SET location = ST_Transform(ST_SetSRID(ST_MakePoint({HotspotScenario.Number(east)}, {HotspotScenario.Number(north)}), 27700), 4326),
                    updated_at = now() WHERE id IN ({Some(5, random.Next(4))});
                UPDATE intelligence_reports SET occurred_at = least(now() - interval '1 hour', occurred_at + {random.Next(-40, 40)} * interval '1 day'),
                    updated_at = now() WHERE id IN ({Some(6, random.Next(6))});
                UPDATE intelligence_reports SET mentions_child = NOT mentions_child, updated_at = now() WHERE id IN ({Some(7, random.Next(4))});
                DELETE FROM report_persons WHERE report_id IN ({Some(8, random.Next(10))});
                INSERT INTO report_persons (report_id, person_id)
                SELECT r.id, p.id FROM ({Some(9, random.Next(10))}) r
                CROSS JOIN LATERAL (SELECT id FROM persons ORDER BY md5(id::text || r.id::text) LIMIT 2) p
                ON CONFLICT DO NOTHING;
                DELETE FROM intelligence_reports WHERE id IN ({Some(10, random.Next(4))});
                """);
            if (random.Next(2) == 0)
            {
                var erased = await database.ScalarAsync<Guid>($"""
                    SELECT id FROM intelligence_reports WHERE agency_id = '{agencies.Owner}' AND erased_on IS NULL ORDER BY md5(id::text || '{seed}.{burst}') LIMIT 1
                    """);
                using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencies.Owner);
                (await supervisor.PostAsJsonAsync($"/api/reviews/reports/{erased}/erase", new { justification = "Synthetic: erased on review for a test" }))
                    .EnsureSuccessStatusCode();
            }

            await AssertSameAsFullRunAsync(await RunIncrementalAsync(), agencies.Owner, agencies.Partner, agencies.Unshared);
        }
    }

    [Fact]
    public async Task Found_locations_are_spans_of_the_line_and_an_incremental_run_after_they_change_holds_what_a_full_run_holds()
    {
        var (owner, partner, unshared) = await CityAsync("IWF");
        await database.ExecuteAsync("TRUNCATE missing_episodes CASCADE");
        await _scenario.AddFoundLocationsAsync(owner, 2210, 1630, 60, 20, 0.48);
        var (first, _) = await _scenario.RunFullAsync();
        var foundInFirst = await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_run_episode_members WHERE run_id = '{first}'");
        Assert.InRange(foundInFirst, 15, 20);

        // A report changed far from them: the found locations are carried, not written again.
        await database.ExecuteAsync("""
            UPDATE intelligence_reports SET narrative = 'Synthetic: corrected', updated_at = now()
            WHERE id = (SELECT id FROM intelligence_reports r WHERE NOT EXISTS (SELECT 1 FROM hotspot_members m WHERE m.report_id = r.id) ORDER BY id LIMIT 1)
            """);
        var second = await RunIncrementalAsync();
        await AssertSameAsFullRunAsync(second, owner, partner, unshared);
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_episode_members WHERE run_id = '{second}'"));
        Assert.Equal(foundInFirst, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_run_episode_members WHERE run_id = '{second}'"));

        // Found locations added in the hotspot, one moved out of it, one regraded by its date, one episode deleted.
        var added = await _scenario.AddFoundLocationsAsync(owner, 2210, 1630, 40, 3, 0.49);
        var inSecond = await database.ScalarAsync<string>($"SELECT string_agg(episode_id::text, ',' ORDER BY episode_id) FROM hotspot_run_episode_members WHERE run_id = '{second}'");
        var (movedOut, redated, deleted) = (inSecond!.Split(',')[0], inSecond.Split(',')[1], inSecond.Split(',')[2]);
        await database.ExecuteAsync($"""
            UPDATE missing_episodes SET found_location = {HotspotScenario.PointSql(3900, 100)}, updated_at = now() WHERE id = '{movedOut}';
            UPDATE missing_episodes SET returned_at = returned_at - interval '10 days', missing_from = missing_from - interval '10 days', updated_at = now()
            WHERE id = '{redated}';
            DELETE FROM missing_episodes WHERE id = '{deleted}';
            """);
        // As a server that did not write the previous run would: the open rows read back from the database.
        database.Application.Services.GetRequiredService<ReportSnapshotCache>().LineMembers = null;
        var third = await RunIncrementalAsync();
        await AssertSameAsFullRunAsync(third, owner, partner, unshared);
        var addedByThird = await database.ScalarAsync<string>($"SELECT string_agg(episode_id::text, ',' ORDER BY episode_id) FROM hotspot_episode_members WHERE run_id = '{third}'");
        Assert.Equal(string.Join(',', added.Append(Guid.Parse(redated)).Select(id => id.ToString()).Order(StringComparer.Ordinal)), addedByThird);
        Assert.Equal(2L, await database.ScalarAsync<long>($"""
            SELECT count(*) FROM hotspot_episode_members WHERE until_seq = (SELECT seq FROM hotspot_member_runs WHERE run_id = '{third}')
            """));

        // A found location taken off its episode (the run reads every point again), from the copy this server kept.
        await database.ExecuteAsync($"UPDATE missing_episodes SET found_location = NULL, updated_at = now() WHERE id = '{added[0]}'");
        var fourth = await RunIncrementalAsync();
        await AssertSameAsFullRunAsync(fourth, owner, partner, unshared);
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_run_episode_members WHERE run_id = '{fourth}' AND episode_id = '{added[0]}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_run_episode_members WHERE run_id = '{third}' AND episode_id = '{added[0]}'"));

        // The earlier runs still hold what they held, but for the deleted episode.
        Assert.Equal(foundInFirst - 1, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_run_episode_members WHERE run_id = '{first}'"));
        Assert.Contains(Guid.Parse(movedOut), (await database.ScalarAsync<string>(
            $"SELECT string_agg(episode_id::text, ',') FROM hotspot_run_episode_members WHERE run_id = '{second}'"))!.Split(',').Select(Guid.Parse));
    }

    [Fact]
    public async Task An_incremental_run_after_changes_inside_a_hotspots_cells_holds_what_a_full_run_holds()
    {
        var (owner, partner, unshared) = await CityAsync("IWM");
        var (first, _) = await _scenario.RunFullAsync();
        var members = (await database.ScalarAsync<string>($"""
            SELECT string_agg(m.report_id::text, ',' ORDER BY m.report_id) FROM hotspot_run_members m WHERE m.run_id = '{first}'
            """))!.Split(',');

        // Within the cells the hotspots have: two members regraded (their weights change), a report added where a member
        // is, a member moved to where another member is, and the member nearest a cluster's crowded centre moved out of
        // every hotspot. The hotspots keep their cells; only those points moved.
        await database.ExecuteAsync($"""
            UPDATE intelligence_reports SET source_evaluation = '2', updated_at = now() WHERE id IN ('{members[0]}', '{members[1]}');
            INSERT INTO intelligence_reports (id, agency_id, category, narrative, occurred_at, recorded_at, location, location_precision_meters,
                source_evaluation, intelligence_assessment, handling_code, security_marking, lawful_basis, review_on, created_at, updated_at)
            SELECT gen_random_uuid(), agency_id, category, 'Synthetic: beside a member', occurred_at, now(), location, 25,
                   '1', 'A', 'P', 'OFFICIAL', 'law_enforcement', current_date + 365, now(), now()
            FROM intelligence_reports WHERE id = '{members[2]}';
            UPDATE intelligence_reports SET location = (SELECT location FROM intelligence_reports WHERE id = '{members[4]}'), updated_at = now()
            WHERE id = '{members[3]}';
            UPDATE intelligence_reports SET location = {HotspotScenario.PointSql(3900, 100)}, updated_at = now()
            WHERE id = (SELECT r.id FROM hotspot_run_members m JOIN intelligence_reports r ON r.id = m.report_id
                        WHERE m.run_id = '{first}' AND r.id NOT IN ('{members[0]}', '{members[1]}', '{members[2]}', '{members[3]}', '{members[4]}')
                        ORDER BY ST_Distance(ST_Transform(r.location, 27700), ST_Transform({HotspotScenario.PointSql(2210, 1630)}, 27700)) LIMIT 1);
            """);
        var second = await RunIncrementalAsync();

        await AssertSameAsFullRunAsync(second, owner, partner, unshared);
        Assert.Equal(
            await database.ScalarAsync<string>($"SELECT string_agg(hotspot_id::text, ',' ORDER BY hotspot_id) FROM hotspot_history WHERE run_id = '{first}'"),
            await database.ScalarAsync<string>($"SELECT string_agg(hotspot_id::text, ',' ORDER BY hotspot_id) FROM hotspot_history WHERE run_id = '{second}'"));
        Assert.InRange(await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_members WHERE run_id = '{second}'"), 3, 4);
    }

    [Fact]
    public async Task An_analysts_trial_run_leaves_what_the_next_incremental_run_starts_from()
    {
        var (owner, partner, unshared) = await CityAsync("IWT");
        var (first, _) = await _scenario.RunFullAsync();
        var cache = database.Application.Services.GetRequiredService<ReportSnapshotCache>();
        Assert.Equal(first, cache.Latest?.RunId);

        // A trial a month earlier, as an analyst may ask for.
        var trial = Guid.CreateVersion7();
        await database.ExecuteAsync($"""
            INSERT INTO hotspot_runs (id, kind, method, parameters, status, requested_by, requested_at, as_of)
            SELECT '{trial}', 'requested', method, parameters, 'queued', 'test-analyst', now(), as_of - interval '30 days' FROM hotspot_runs WHERE id = '{first}'
            """);
        Assert.Equal(HotspotRunStatus.Succeeded, await _scenario.RunAsync(trial));

        Assert.Equal(first, cache.Latest?.RunId);
        Assert.Equal(first, cache.LineMembers?.RunId);
        await database.ExecuteAsync($"""
            UPDATE intelligence_reports SET source_evaluation = '2', updated_at = now()
            WHERE id = (SELECT report_id FROM hotspot_run_members WHERE run_id = '{first}' ORDER BY report_id LIMIT 1)
            """);
        var second = await RunIncrementalAsync();
        await AssertSameAsFullRunAsync(second, owner, partner, unshared);
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_members WHERE run_id = '{second}'"));
    }

    [Fact]
    public async Task Found_locations_counted_ahead_tell_every_reader_what_counting_them_live_tells_until_an_episode_changes()
    {
        var (owner, partner, unshared) = await CityAsync("IWG");
        await database.ExecuteAsync("TRUNCATE missing_episodes CASCADE");
        var ofOwner = await _scenario.AddFoundLocationsAsync(owner, 2210, 1630, 60, 20, 0.61);
        await _scenario.AddFoundLocationsAsync(partner, 2210, 1630, 60, 6, 0.62);
        await _scenario.AddFoundLocationsAsync(unshared, 2210, 1630, 60, 6, 0.63);
        // Some of the owner's episodes for the owner alone.
        await database.ExecuteAsync($"""
            UPDATE missing_episodes SET handling_code = 'C', handling_conditions = 'Synthetic: owner only', updated_at = now()
            WHERE id IN ('{ofOwner[0]}', '{ofOwner[1]}', '{ofOwner[2]}')
            """);
        var (run, _) = await _scenario.RunFullAsync();
        var groups = await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_found_groups WHERE run_id = '{run}'");
        Assert.InRange(groups, 3, 100);
        Assert.False(await database.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM hotspot_history WHERE run_id = '{run}' AND NOT found_summarised)"));

        var ahead = await SeenByEveryReaderAsync(run, owner, partner, unshared);
        await database.ExecuteAsync($"UPDATE hotspot_history SET found_summarised = false WHERE run_id = '{run}'");
        var live = await SeenByEveryReaderAsync(run, owner, partner, unshared);
        await database.ExecuteAsync($"UPDATE hotspot_history SET found_summarised = true WHERE run_id = '{run}'");
        Assert.Equal(live, ahead);
        // Readers are told different things of the found locations: the comparison would see a group counted for the wrong reader.
        var partnerBefore = await FoundCountAsync(run, partner);
        var ownerBefore = await FoundCountAsync(run, owner);
        Assert.True(partnerBefore > 0 && ownerBefore > 0 && partnerBefore != ownerBefore, $"partner {partnerBefore}, owner {ownerBefore}");

        // An episode the partner may read now for the owner alone, another deleted: counted as they are now, with no run.
        await database.ExecuteAsync($"""
            UPDATE missing_episodes SET handling_code = 'C', handling_conditions = 'Synthetic: owner only', updated_at = now() WHERE id = '{ofOwner[3]}';
            DELETE FROM missing_episodes WHERE id = '{ofOwner[4]}';
            """);
        Assert.True(await database.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM hotspot_stale WHERE run_id = '{run}')"));
        Assert.Equal(partnerBefore - 2, await FoundCountAsync(run, partner));
        Assert.Equal(ownerBefore - 1, await FoundCountAsync(run, owner));
    }

    /// <summary>What each agency's analyst and tasking member are told of <paramref name="run"/>'s hotspots.</summary>
    private async Task<List<string>> SeenByEveryReaderAsync(Guid run, params Guid[] agencies)
    {
        var seen = new List<string>();
        foreach (var agency in agencies)
        {
            foreach (var role in new[] { "analyst", "tasking_member" })
            {
                seen.Add(await database.ScalarAsSessionAsync<string>(agency, role, string.Format(SeenSql, run)) ?? "");
            }
        }

        return seen;
    }

    /// <summary>The found locations an analyst of <paramref name="agency"/> is told of in <paramref name="run"/>'s hotspots.</summary>
    private async Task<long> FoundCountAsync(Guid run, Guid agency) =>
        await database.ScalarAsSessionAsync<long?>(agency, "analyst", $"""
            SELECT sum((c ->> 'reports')::int) FROM hotspots_seen('{run}', NULL) h, jsonb_array_elements(h.top_categories::jsonb) c
            WHERE c ->> 'category' = 'missing_found_location'
            """) ?? 0;

    /// <summary>
    /// A full run (an analyst's, which writes every member in rows of its own) over the same reports as of the same
    /// date as <paramref name="incremental"/> must hold the same, and each reader must be told the same of both.
    /// </summary>
    private async Task AssertSameAsFullRunAsync(Guid incremental, Guid owner, Guid partner, Guid unshared)
    {
        var full = Guid.CreateVersion7();
        await database.ExecuteAsync($"""
            INSERT INTO hotspot_runs (id, kind, method, parameters, status, requested_by, requested_at, as_of)
            SELECT '{full}', 'requested', method, parameters, 'queued', 'test-analyst', now(), as_of FROM hotspot_runs WHERE id = '{incremental}'
            """);
        Assert.Equal(HotspotRunStatus.Succeeded, await _scenario.RunAsync(full));

        Assert.Equal("", await database.ScalarAsync<string>($"""
            SELECT coalesce(string_agg(concat_ws(' ', what, hotspot_id, detail), E'\n'), '') FROM hotspot_run_differences('{incremental}', '{full}')
            """));
        Assert.True(await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_history WHERE run_id = '{full}'") >= 2);

        // What readers are told: the full run made readable to them for the comparison.
        await database.ExecuteAsync($"UPDATE hotspot_runs SET published_at = now(), published_by = 'test-analyst' WHERE id = '{full}'");
        foreach (var agency in new[] { owner, partner, unshared })
        {
            foreach (var role in new[] { "analyst", "tasking_member" })
            {
                var ofIncremental = await database.ScalarAsSessionAsync<string>(agency, role, string.Format(SeenSql, incremental));
                var ofFull = await database.ScalarAsSessionAsync<string>(agency, role, string.Format(SeenSql, full));
                Assert.False(string.IsNullOrEmpty(ofIncremental));
                Assert.Equal(ofFull, ofIncremental);
            }
        }

        await database.ExecuteAsync($"UPDATE hotspot_runs SET published_at = NULL, published_by = NULL WHERE id = '{full}'");
    }

    private async Task<Guid> RunIncrementalAsync()
    {
        // The one a change through the API queued, else one queued here with the full run's method and parameters.
        var id = await database.ScalarAsync<Guid?>("SELECT id FROM hotspot_runs WHERE kind = 'incremental' AND status = 'queued'") ?? Guid.CreateVersion7();
        await database.ExecuteAsync($"""
            INSERT INTO hotspot_runs (id, kind, method, parameters, status, requested_by, requested_at)
            SELECT '{id}', 'incremental', method, parameters, 'queued', 'system', now() FROM hotspot_runs
            WHERE kind = 'full' ORDER BY requested_at DESC LIMIT 1
            ON CONFLICT DO NOTHING
            """);
        Assert.Equal(HotspotRunStatus.Succeeded, await _scenario.RunAsync(id));
        return id;
    }

    /// <summary>
    /// Three agencies' reports in two clusters over a uniform background, the owner sharing with the partner only; some
    /// reports child-linked, and persons of each agency named in reports of the clusters.
    /// </summary>
    private async Task<(Guid Owner, Guid Partner, Guid Unshared)> CityAsync(string code)
    {
        var owner = await _scenario.StartAsync(code + "1");
        var partner = await TestData.CreateAgencyAsync(database.Application, code + "2");
        var unshared = await TestData.CreateAgencyAsync(database.Application, code + "3");
        await TestData.ShareAsync(database.Application, owner, partner);
        await _scenario.AddUniformAsync(owner, 400, 0.41);
        await _scenario.AddClusterAsync(owner, 2210, 1630, 100, 40, 0.42);
        await _scenario.AddClusterAsync(partner, 2210, 1630, 60, 10, 0.43);
        await _scenario.AddClusterAsync(unshared, 2210, 1630, 60, 10, 0.44);
        await _scenario.AddClusterAsync(owner, 800, 800, 100, 40, 0.45);
        await _scenario.AddClusterAsync(unshared, 800, 800, 60, 8, 0.46);
        await database.ExecuteAsync($"""
            UPDATE intelligence_reports SET mentions_child = true
            WHERE id IN (SELECT id FROM intelligence_reports
                         ORDER BY ST_Distance(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(2210, 1630)}, 27700)) LIMIT 6);
            """);
        foreach (var agency in new[] { owner, partner, unshared })
        {
            using var analyst = database.Application.CreateClient(UserRole.Analyst, agency);
            for (var i = 0; i < 3; i++)
            {
                await analyst.CreateAsync("/api/persons", EntityTestData.Person(givenNames: $"Example {i}"));
            }
        }

        await database.ExecuteAsync($"""
            INSERT INTO report_persons (report_id, person_id)
            SELECT r.id, p.id
            FROM persons p
            CROSS JOIN LATERAL (SELECT id FROM intelligence_reports
                                WHERE ST_DWithin(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(2210, 1630)}, 27700), 120)
                                   OR ST_DWithin(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(800, 800)}, 27700), 120)
                                ORDER BY md5(p.id::text || id::text) LIMIT 4) r
            WHERE p.agency_id IN ('{owner}', '{partner}', '{unshared}')
            ON CONFLICT DO NOTHING;
            """);
        return (owner, partner, unshared);
    }
}
