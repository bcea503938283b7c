using System.Net;
using System.Net.Http.Json;
using HotspotIntel.Api.Reviews;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HotspotIntel.Api.Tests.Reviews;

/// <summary>Records past their review date are listed; a supervisor retains or erases each, and erasure keeps the counts.</summary>
public sealed class RetentionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Reason = "Reviewed at the quarterly MoPI review board";

    [Fact]
    public async Task The_job_lists_an_overdue_record_for_its_own_agency_s_supervisor_only()
    {
        var (agencyId, reportId) = await OverdueReportAsync("RET1");
        var otherAgencyId = await TestData.CreateAgencyAsync(database.Application, "RET1B");

        await RunListingJobAsync();

        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        var due = await (await supervisor.GetAsync("/api/reviews/due?kind=reports")).ReadObjectAsync();
        Assert.Contains(due["records"]!.AsArray(), record => record!["entityId"]!.GetValue<Guid>() == reportId);
        using var otherSupervisor = database.Application.CreateClient(UserRole.Supervisor, otherAgencyId);
        var otherDue = await (await otherSupervisor.GetAsync("/api/reviews/due")).ReadObjectAsync();
        Assert.DoesNotContain(otherDue["records"]!.AsArray(), record => record!["entityId"]!.GetValue<Guid>() == reportId);
    }

    [Fact]
    public async Task A_listing_waits_for_one_on_another_server_and_goes_on_once_that_server_is_killed_listing_each_record_once()
    {
        var (_, reportId) = await OverdueReportAsync("RET9");
        // Another server listing: its transaction holds the listing's lock. Not pooled: it is killed, and a pooled connection would go back to the pool broken.
        await using var listing = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.JobsConnectionString) { Pooling = false }.ConnectionString);
        await listing.OpenAsync();
        await using (var take = new NpgsqlCommand($"BEGIN; SELECT pg_advisory_xact_lock({ListRecordsDueForReviewJob.LockKey})", listing))
        {
            await take.ExecuteNonQueryAsync();
        }

        var waiting = RunListingJobAsync();
        await Eventually.UntilAsync(() => database.ScalarAsync<long>(
                $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory' AND pid <> {listing.ProcessID}"),
            waiters => waiters == 1, TimeSpan.FromSeconds(30), "the listing to wait for the other server's");
        Assert.False(waiting.IsCompleted);

        // That server is killed: its transaction ends with it, and the waiting listing goes on.
        await database.ExecuteAsync($"SELECT pg_terminate_backend({listing.ProcessID})");
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM records_due_for_review WHERE entity_id = '{reportId}'"));
    }

    [Fact]
    public async Task Retaining_sets_the_new_date_takes_the_record_off_the_list_and_logs_the_reason()
    {
        var (agencyId, reportId) = await OverdueReportAsync("RET2");
        await RunListingJobAsync();
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        var nextReview = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1);

        var response = await supervisor.PostAsJsonAsync($"/api/reviews/reports/{reportId}/retain", new { justification = Reason, reviewOn = nextReview });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(nextReview.ToString("yyyy-MM-dd"), await database.ScalarAsync<string>($"SELECT review_on::text FROM intelligence_reports WHERE id = '{reportId}'"));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM records_due_for_review WHERE entity_id = '{reportId}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE entity_id = '{reportId}' AND action = 'alteration' AND justification = '{Reason}'"));
    }

    [Fact]
    public async Task Erasing_a_report_removes_its_narrative_and_person_links_but_keeps_its_place_in_the_counts()
    {
        var (agencyId, reportId) = await OverdueReportAsync("RET3", "RET3-SECRET-NARRATIVE");
        var personId = await LinkPersonAsync(agencyId, reportId);
        const string countNearCentre = "SELECT count(*) FROM intelligence_reports WHERE ST_DWithin(location::geography, ST_MakePoint(-1.8904, 52.4862)::geography, 100) AND agency_id = ";
        var countBefore = await database.ScalarAsync<long>(countNearCentre + $"'{agencyId}'");
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);

        var response = await supervisor.PostAsJsonAsync($"/api/reviews/reports/{reportId}/erase", new { justification = Reason });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(countBefore, await database.ScalarAsync<long>(countNearCentre + $"'{agencyId}'"));
        Assert.Equal(ReviewsApi.ErasedNarrative, await database.ScalarAsync<string>($"SELECT narrative FROM intelligence_reports WHERE id = '{reportId}'"));
        Assert.Equal("child_with_adults", await database.ScalarAsync<string>($"SELECT category FROM intelligence_reports WHERE id = '{reportId}'"));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM report_persons WHERE report_id = '{reportId}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM persons WHERE id = '{personId}'"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM audit_log a WHERE to_jsonb(a)::text LIKE '%RET3-SECRET-NARRATIVE%'"));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE entity_id = '{reportId}' AND entity_kind = 'report_persons' AND action = 'erasure' AND justification = '{Reason}'"));
        var again = await supervisor.PostAsJsonAsync($"/api/reviews/reports/{reportId}/erase", new { justification = Reason });
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Erasing_a_person_deletes_it_with_its_report_links_and_logs_each_erasure_with_the_reason()
    {
        var (agencyId, reportId) = await OverdueReportAsync("RET4");
        var personId = await LinkPersonAsync(agencyId, reportId);
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);

        var response = await supervisor.PostAsJsonAsync($"/api/reviews/persons/{personId}/erase", new { justification = Reason });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM persons WHERE id = '{personId}'"));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM report_persons WHERE person_id = '{personId}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM intelligence_reports WHERE id = '{reportId}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE entity_id = '{personId}' AND entity_kind = 'persons' AND action = 'erasure' AND justification = '{Reason}'"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM audit_log a WHERE to_jsonb(a)::text LIKE '%Synthetic-Ret%'"));
    }

    [Fact]
    public async Task A_decision_needs_a_reason_a_supervisor_and_a_record_of_the_supervisor_s_own_agency()
    {
        var (agencyId, reportId) = await OverdueReportAsync("RET5");
        var otherAgencyId = await TestData.CreateAgencyAsync(database.Application, "RET5B");
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        using var otherSupervisor = database.Application.CreateClient(UserRole.Supervisor, otherAgencyId);

        var noReason = await supervisor.PostAsJsonAsync($"/api/reviews/reports/{reportId}/erase", new { justification = "" });
        var pastDate = await supervisor.PostAsJsonAsync($"/api/reviews/reports/{reportId}/retain", new { justification = Reason, reviewOn = "2020-01-01" });
        var unknownKind = await supervisor.PostAsJsonAsync($"/api/reviews/wards/{reportId}/erase", new { justification = Reason });
        var notSupervisor = await analyst.PostAsJsonAsync($"/api/reviews/reports/{reportId}/erase", new { justification = Reason });
        var otherAgency = await otherSupervisor.PostAsJsonAsync($"/api/reviews/reports/{reportId}/erase", new { justification = Reason });

        await noReason.AssertFieldErrorAsync("justification");
        await pastDate.AssertFieldErrorAsync("reviewOn");
        await unknownKind.AssertFieldErrorAsync("kind");
        Assert.Equal(HttpStatusCode.Forbidden, notSupervisor.StatusCode);
        await otherAgency.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.NotEqual(ReviewsApi.ErasedNarrative, await database.ScalarAsync<string>($"SELECT narrative FROM intelligence_reports WHERE id = '{reportId}'"));
    }

    [Fact]
    public async Task An_overdue_disruption_action_is_listed_retained_and_erased_like_any_record()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "RET6");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var premisesId = (await (await analyst.PostAsJsonAsync("/api/premises", EntityTestData.Premises())).ReadObjectAsync())["id"]!.GetValue<Guid>();
        var actionIds = new List<Guid>();
        foreach (var _ in new[] { "retained", "erased" })
        {
            var created = await analyst.PostAsJsonAsync("/api/disruption-actions", EntityTestData.DisruptionAction("premises", premisesId, agencyId));
            actionIds.Add((await created.ReadObjectAsync())["id"]!.GetValue<Guid>());
        }

        await database.ExecuteAsync($"UPDATE disruption_actions SET review_on = current_date - 1 WHERE agency_id = '{agencyId}'");
        await RunListingJobAsync();
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        var due = await (await supervisor.GetAsync("/api/reviews/due?kind=disruption-actions")).ReadObjectAsync();
        var nextReview = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1);

        var retained = await supervisor.PostAsJsonAsync($"/api/reviews/disruption-actions/{actionIds[0]}/retain", new { justification = Reason, reviewOn = nextReview });
        var erased = await supervisor.PostAsJsonAsync($"/api/reviews/disruption-actions/{actionIds[1]}/erase", new { justification = Reason });

        Assert.Equal(actionIds.Order(), due["records"]!.AsArray().Select(record => record!["entityId"]!.GetValue<Guid>()).Order());
        Assert.Equal(HttpStatusCode.OK, retained.StatusCode);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(nextReview.ToString("yyyy-MM-dd"), await database.ScalarAsync<string>($"SELECT review_on::text FROM disruption_actions WHERE id = '{actionIds[0]}'"));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM disruption_actions WHERE id = '{actionIds[1]}'"));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM records_due_for_review WHERE agency_id = '{agencyId}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE entity_id = '{actionIds[1]}' AND entity_kind = 'disruption_actions' AND action = 'erasure' AND justification = '{Reason}'"));
    }

    [Fact]
    public async Task An_overdue_panel_is_listed_and_erasing_it_deletes_its_list_with_it_each_erasure_logged()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "RET8");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var premisesId = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var panelIds = new List<Guid> { await analyst.CreateAsync("/api/panels", EntityTestData.Panel()), await analyst.CreateAsync("/api/panels", EntityTestData.Panel()) };
        var listed = await analyst.PostAsJsonAsync($"/api/panels/{panelIds[1]}/list-items",
            new { entityKind = "premises", entityId = premisesId, reason = "Synthetic: named in three reports of parties" });
        Assert.Equal(HttpStatusCode.Created, listed.StatusCode);
        var itemId = (await listed.ReadObjectAsync())["id"]!.GetValue<Guid>();

        await database.ExecuteAsync($"UPDATE panels SET review_on = current_date - 1 WHERE agency_id = '{agencyId}'");
        await RunListingJobAsync();
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        var due = await (await supervisor.GetAsync("/api/reviews/due?kind=panels")).ReadObjectAsync();
        var nextReview = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1);
        var retained = await supervisor.PostAsJsonAsync($"/api/reviews/panels/{panelIds[0]}/retain", new { justification = Reason, reviewOn = nextReview });
        var erased = await supervisor.PostAsJsonAsync($"/api/reviews/panels/{panelIds[1]}/erase", new { justification = Reason });

        Assert.Equal(panelIds.Order(), due["records"]!.AsArray().Select(record => record!["entityId"]!.GetValue<Guid>()).Order());
        Assert.Equal(HttpStatusCode.OK, retained.StatusCode);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(nextReview.ToString("yyyy-MM-dd"), await database.ScalarAsync<string>($"SELECT review_on::text FROM panels WHERE id = '{panelIds[0]}'"));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM panels WHERE id = '{panelIds[1]}'"));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM panel_list_items WHERE id = '{itemId}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM premises WHERE id = '{premisesId}'"));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM records_due_for_review WHERE agency_id = '{agencyId}'"));
        Assert.Equal(2L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE entity_id IN ('{panelIds[1]}', '{itemId}') AND action = 'erasure' AND justification = '{Reason}'"));
    }

    [Fact]
    public async Task Erasing_premises_detaches_another_agency_s_actions_against_it_and_logs_their_erasure()
    {
        var ownerId = await TestData.CreateAgencyAsync(database.Application, "RET7");
        var partnerId = await TestData.CreateAgencyAsync(database.Application, "RET7B");
        await TestData.ShareAsync(database.Application, ownerId, partnerId);
        using var owner = database.Application.CreateClient(UserRole.Analyst, ownerId);
        using var partner = database.Application.CreateClient(UserRole.Analyst, partnerId);
        var premisesId = (await (await owner.PostAsJsonAsync("/api/premises", EntityTestData.Premises())).ReadObjectAsync())["id"]!.GetValue<Guid>();
        var partnersAction = await partner.PostAsJsonAsync("/api/disruption-actions", EntityTestData.DisruptionAction("premises", premisesId, partnerId));
        Assert.Equal(HttpStatusCode.Created, partnersAction.StatusCode);
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, ownerId);

        var refused = await owner.DeleteAsync($"/api/premises/{premisesId}");
        var erased = await supervisor.PostAsJsonAsync($"/api/reviews/premises/{premisesId}/erase", new { justification = Reason });

        await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM disruption_actions WHERE premises_id = '{premisesId}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE entity_kind = 'disruption_actions' AND action = 'erasure' AND justification = '{Reason}' AND agency_id = '{ownerId}'"));
    }

    private async Task<(Guid AgencyId, Guid ReportId)> OverdueReportAsync(string agencyCode, string? narrative = null)
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, agencyCode);
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        var report = TestData.Report();
        if (narrative is not null)
        {
            report["narrative"] = narrative;
        }

        var reportId = (await (await analyst.PostAsJsonAsync("/api/reports", report)).ReadObjectAsync())["id"]!.GetValue<Guid>();
        await database.ExecuteAsync($"UPDATE intelligence_reports SET review_on = current_date - 1 WHERE id = '{reportId}'");
        return (agencyId, reportId);
    }

    private async Task<Guid> LinkPersonAsync(Guid agencyId, Guid reportId)
    {
        var personId = Guid.CreateVersion7();
        await database.ExecuteAsync(
            $"""
            INSERT INTO persons (id, agency_id, role, family_name, given_names, handling_code, security_marking, lawful_basis, review_on, created_at, updated_at)
            VALUES ('{personId}', '{agencyId}', 'child_at_risk', 'Synthetic-Ret', 'Testchild', 'P', 'OFFICIAL-SENSITIVE', 'law_enforcement', current_date - 1, now(), now());
            INSERT INTO report_persons (report_id, person_id) VALUES ('{reportId}', '{personId}');
            """);
        return personId;
    }

    private async Task RunListingJobAsync()
    {
        using var scope = database.Application.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ListRecordsDueForReviewJob>().RunAsync(CancellationToken.None);
    }
}
