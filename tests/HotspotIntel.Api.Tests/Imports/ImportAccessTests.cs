using System.Net;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using static HotspotIntel.Api.Tests.Imports.ImportFiles;

namespace HotspotIntel.Api.Tests.Imports;

/// <summary>Imports run as the signed-in user: audited by the database's triggers, masked and isolated like any other record.</summary>
public sealed class ImportAccessTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task An_import_is_one_collection_entry_per_table_in_the_importing_user_s_name()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "IMPAUD1");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId, "analyst-impaud1");

        var importId = (await (await PostAsync(analyst, "reports", ReportsCsv(5))).ReadObjectAsync())["importId"]!.GetValue<Guid>();

        var entries = await database.ScalarAsync<string>($"""
            SELECT string_agg(concat_ws(' ', action, entity_kind, row_count, entity_id, role, (agency_id = '{agencyId}')::text), '; ' ORDER BY id)
            FROM audit_log WHERE user_id = 'analyst-impaud1'
            """);
        Assert.Equal($"collection imports 1 {importId} analyst true; collection intelligence_reports 5 analyst true", entries);
    }

    [Fact]
    public async Task A_refused_import_leaves_no_audit_entry()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "IMPAUD2");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId, "analyst-impaud2");

        await (await PostAsync(analyst, "reports", Csv(ReportsHeader, ReportRow(0), ReportRow(1, category: "gossip"))))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE user_id = 'analyst-impaud2'"));
    }

    [Fact]
    public async Task Imported_child_linked_reports_are_masked_for_tasking_members_like_reports_recorded_one_by_one()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "IMPMASK");
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        // Three missing-found locations within the 500 m grid cell centred on (407000, 286500): enough to be shown, as its centre.
        (double, double)[] sameCell = [(406900, 286450), (407050, 286600), (407100, 286400)];
        var csv = Csv(ReportsHeader.Replace("longitude,latitude", "easting,northing"),
            sameCell.Select((point, i) => ReportRow(i, category: "missing_found_location", point: point)));
        (await PostAsync(analyst, "reports", csv)).EnsureSuccessStatusCode();

        using var tasking = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var page = await (await tasking.GetAsync("/api/reports?category=missing_found_location")).ReadObjectAsync();

        var features = page["features"]!.AsArray().Select(f => f!).ToList();
        Assert.Equal(3, features.Count);
        Assert.All(features, f => Assert.StartsWith("[withheld", f["properties"]!["narrative"]!.GetValue<string>()));
        Assert.Single(features.Select(f => f["geometry"]!["coordinates"]!.ToJsonString()).Distinct());
        Assert.Equal(0L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM intelligence_reports WHERE agency_id = '{agencyId}' AND (mentions_child OR masking_cell IS NULL)"));
    }

    [Fact]
    public async Task Another_agency_s_import_is_not_found()
    {
        var (_, owner) = await SignInAsync(database, "IMPOWN");
        var (_, other) = await SignInAsync(database, "IMPOTH");
        var importId = (await (await PostAsync(owner, "reports", ReportsCsv(1))).ReadObjectAsync())["importId"]!.GetValue<Guid>();

        await (await other.GetAsync($"/api/imports/{importId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        (await owner.GetAsync($"/api/imports/{importId}")).EnsureSuccessStatusCode();
    }
}
