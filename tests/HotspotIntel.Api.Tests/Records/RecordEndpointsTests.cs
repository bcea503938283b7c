using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Npgsql;

namespace HotspotIntel.Api.Tests.Records;

/// <summary>
/// The endpoints every record kind shares (<c>RecordEndpoints</c> over each kind's <c>RecordKind</c>), tested once over
/// every kind: an unknown id is a 404 to read, replace and delete; a retried create records once and answers the first
/// response, even when the retry races the first attempt, and the replay is a logged consultation; a key reused for
/// another request and a body that breaks a rule every record keeps are refused with Problem Details and record
/// nothing; each change is audited under the kind's table; a deleted record is gone, and one that another agency's
/// records refer to is not deleted by its owner. Who may call each endpoint, and that another agency's record is a 404
/// (never a hint that it exists), <c>EndpointAccessTests</c> checks over every endpoint; kind-specific rules are tested
/// beside each feature.
/// </summary>
public sealed class RecordEndpointsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Reason = "Reviewed at the quarterly MoPI review board";

    public static TheoryData<string, string> Kinds => new()
    {
        { "/api/reports", "intelligence_reports" },
        { "/api/persons", "persons" },
        { "/api/premises", "premises" },
        { "/api/locations", "locations" },
        { "/api/vehicles", "vehicles" },
        { "/api/phone-numbers", "phone_numbers" },
        { "/api/online-identifiers", "online_identifiers" },
        { "/api/links", "links" },
        { "/api/missing-episodes", "missing_episodes" },
        { "/api/disruption-actions", "disruption_actions" },
        { "/api/panels", "panels" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_unknown_id_is_a_404_to_read_replace_and_delete(string route, string table)
    {
        var (_, analyst) = await database.SignInAsync($"RK404-{Abbreviation(table)}");
        var body = await BodyAsync(route, analyst);
        var unknown = $"{route}/{Guid.NewGuid()}";

        await (await analyst.GetAsync(unknown)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await analyst.PutAsJsonAsync(unknown, body)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await analyst.DeleteAsync(unknown)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_retried_create_with_the_same_idempotency_key_records_one_record(string route, string table)
    {
        var (agencyId, analyst) = await database.SignInAsync($"RKRT-{Abbreviation(table)}");
        var body = await BodyAsync(route, analyst);
        var before = await CountAsync(table, agencyId);

        var (first, second) = await analyst.CreateTwiceWithOneIdempotencyKeyAsync(route, body, $"retry-{table}");

        Assert.Equal(first, second);
        Assert.Equal(before + 1, await CountAsync(table, agencyId));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_same_idempotency_key_with_a_different_body_is_a_409_and_records_nothing_more(string route, string table)
    {
        var (agencyId, analyst) = await database.SignInAsync($"RKKR-{Abbreviation(table)}");
        var body = await BodyAsync(route, analyst);
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostWithIdempotencyKeyAsync(route, body, $"reuse-{table}")).StatusCode);
        var recorded = await CountAsync(table, agencyId);
        var other = body.DeepClone().AsObject();
        other["securityMarking"] = "OFFICIAL";

        await (await analyst.PostWithIdempotencyKeyAsync(route, other, $"reuse-{table}")).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(recorded, await CountAsync(table, agencyId));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_body_that_breaks_a_rule_every_record_keeps_is_a_400_naming_the_field_and_records_nothing(string route, string table)
    {
        var (agencyId, analyst) = await database.SignInAsync($"RK400-{Abbreviation(table)}");
        var body = await BodyAsync(route, analyst);
        var id = await analyst.CreateAsync(route, body);
        var before = await CountAsync(table, agencyId);
        // Handling code C needs its conditions of dissemination (the 3x5x2 model).
        var invalid = body.DeepClone().AsObject();
        invalid["handlingCode"] = "C";
        invalid.Remove("handlingConditions");

        await (await analyst.PostAsJsonAsync(route, invalid)).AssertFieldErrorAsync("handlingConditions");
        await (await analyst.PutAsJsonAsync($"{route}/{id}", invalid)).AssertFieldErrorAsync("handlingConditions");

        Assert.Equal(before, await CountAsync(table, agencyId));
        Assert.Equal("P", await database.ScalarAsync<string>($"SELECT handling_code FROM {table} WHERE id = '{id}'"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_create_or_replace_without_a_body_is_a_400_Problem_Details(string route, string table)
    {
        var (_, analyst) = await database.SignInAsync($"RKNB-{Abbreviation(table)}");
        var id = await analyst.CreateAsync(route, await BodyAsync(route, analyst));

        await (await analyst.PostAsync(route, new StringContent("", System.Text.Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await analyst.PutAsync($"{route}/{id}", new StringContent("null", System.Text.Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Creating_replacing_and_deleting_are_audited_under_the_kind_s_table_and_a_deleted_record_is_gone(string route, string table)
    {
        var (_, analyst) = await database.SignInAsync($"RKAU-{Abbreviation(table)}");
        var body = await BodyAsync(route, analyst);
        var id = await analyst.CreateAsync(route, body);

        Assert.Equal(HttpStatusCode.OK, (await analyst.PutAsJsonAsync($"{route}/{id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await analyst.DeleteAsync($"{route}/{id}")).StatusCode);

        await (await analyst.GetAsync($"{route}/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("alteration,collection,erasure", await database.ScalarAsync<string>(
            $"SELECT string_agg(DISTINCT action, ',' ORDER BY action) FROM audit_log WHERE entity_kind = '{table}' AND entity_id = '{id}'"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Concurrent_retries_with_one_key_on_two_servers_give_one_record_and_the_same_answer(string route, string table)
    {
        var (agencyId, analyst) = await database.SignInAsync($"RWC-{Abbreviation(table)}");
        var body = await BodyAsync(route, analyst);
        await using var otherServer = new HotspotIntelApplication(database.AppConnectionString);
        using var otherAnalyst = otherServer.CreateClient(UserRole.Analyst, agencyId).Justified();
        var before = await CountAsync(table, agencyId);
        const int pairs = 12;

        var answers = await Task.WhenAll(Enumerable.Range(0, pairs).Select(async pair =>
        {
            var key = $"race-{table}-{pair}";
            var responses = await Task.WhenAll(
                analyst.PostWithIdempotencyKeyAsync(route, body, key), otherAnalyst.PostWithIdempotencyKeyAsync(route, body, key));
            var texts = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));
            Assert.True(responses.All(response => response.StatusCode == HttpStatusCode.Created),
                $"Expected two 201s, got {string.Join(", ", responses.Select((response, i) => $"{(int)response.StatusCode} {texts[i]}"))}");
            var ids = texts.Select(text => JsonNode.Parse(text)!["id"]!.GetValue<Guid>()).ToList();
            Assert.Equal(ids[0], ids[1]);
            return ids[0];
        }));

        Assert.Equal(pairs, answers.Distinct().Count());
        Assert.Equal(before + pairs, await CountAsync(table, agencyId));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_replayed_create_is_logged_as_a_consultation_of_the_record_it_returns(string route, string table)
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, $"RWR-{Abbreviation(table)}");
        var user = $"analyst-rwr-{table}";
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId, user).Justified();
        var body = await BodyAsync(route, analyst);

        var (first, replayed) = await analyst.CreateTwiceWithOneIdempotencyKeyAsync(route, body, $"replay-{table}");

        Assert.Equal(first, replayed);
        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"""
            SELECT count(*) FROM audit_log
            WHERE action = 'consultation' AND entity_kind = '{table}' AND entity_id = '{first}' AND row_count = 1
              AND user_id = '{user}' AND agency_id = '{agencyId}' AND justification IS NOT NULL
            """));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_deleted_record_s_remembered_answer_is_forgotten_so_no_retry_replays_its_data(string route, string table)
    {
        var (_, analyst) = await database.SignInAsync($"RWF-{Abbreviation(table)}");
        var body = await BodyAsync(route, analyst);
        var created = await analyst.PostWithIdempotencyKeyAsync(route, body, $"forget-{table}");
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        Assert.Equal(1L, await RememberedAnswersAsync(route, id));

        Assert.Equal(HttpStatusCode.NoContent, (await analyst.DeleteAsync($"{route}/{id}")).StatusCode);

        Assert.Equal(0L, await RememberedAnswersAsync(route, id));
    }

    [Fact]
    public async Task An_erased_report_s_remembered_answer_is_forgotten()
    {
        var (agencyId, analyst) = await database.SignInAsync("RWF-ERASED");
        var created = await analyst.PostWithIdempotencyKeyAsync("/api/reports", TestData.Report(), "forget-erased");
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);

        var erased = await supervisor.PostAsJsonAsync($"/api/reviews/reports/{id}/erase", new { justification = Reason });

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(0L, await RememberedAnswersAsync("/api/reports", id));
    }

    private Task<long> RememberedAnswersAsync(string route, Guid id) =>
        database.ScalarAsync<long>($"SELECT count(*) FROM idempotent_requests WHERE location = '{route}/{id}'");

    public static TheoryData<string, string, int> Referred => new()
    {
        // A mention in the other agency's report, its link, and its missing episode.
        { "/api/persons", "persons", 3 },
        // A mention in the other agency's report and its link.
        { "/api/premises", "premises", 2 },
        { "/api/locations", "locations", 2 },
        { "/api/vehicles", "vehicles", 2 },
        { "/api/phone-numbers", "phone_numbers", 2 },
        { "/api/online-identifiers", "online_identifiers", 2 },
        // The other agency's link names the report as its source.
        { "/api/reports", "intelligence_reports", 1 },
    };

    [Theory]
    [MemberData(nameof(Referred))]
    public async Task A_record_other_agencies_refer_to_is_not_deleted_and_the_refusal_counts_their_records(string route, string table, int references)
    {
        var (recordId, owner, ownerId, partnerId) = await RecordReferredToByAnotherAgencyAsync(route, table, "RWD1");
        var partnerRows = await RowsOfAgencyAsync(partnerId);

        var refused = await owner.DeleteAsync($"{route}/{recordId}");

        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(references, problem["dependentRecords"]!.GetValue<int>());
        Assert.Contains("erase", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE id = '{recordId}'"));
        Assert.Equal(partnerRows, await RowsOfAgencyAsync(partnerId));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE action = 'erasure' AND agency_id = '{ownerId}'"));
    }

    [Theory]
    [MemberData(nameof(Referred))]
    public async Task No_delete_by_the_owner_cascades_into_other_agencies_records_even_outside_the_API(string route, string table, int references)
    {
        var (recordId, _, ownerId, partnerId) = await RecordReferredToByAnotherAgencyAsync(route, table, "RWD2");
        var partnerRows = await RowsOfAgencyAsync(partnerId);
        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        await new AccessSession("analyst-rwd2", ownerId, "analyst").ApplyAsync(connection, CancellationToken.None);
        await using var delete = new NpgsqlCommand($"DELETE FROM {table} WHERE id = '{recordId}'", connection);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Contains(references.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.MessageText);
        Assert.Equal(partnerRows, await RowsOfAgencyAsync(partnerId));
    }

    [Theory]
    [MemberData(nameof(Referred))]
    public async Task Erasure_on_review_detaches_other_agencies_references_and_logs_each_with_the_reason(string route, string table, int references)
    {
        var (recordId, _, ownerId, partnerId) = await RecordReferredToByAnotherAgencyAsync(route, table, "RWE");
        using var supervisor = database.Application.CreateClient(UserRole.Supervisor, ownerId);
        var kind = route["/api/".Length..];

        var erased = await supervisor.PostAsJsonAsync($"/api/reviews/{kind}/{recordId}/erase", new { justification = Reason });

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(0L, await ReferencesFromAgencyAsync(table, recordId, partnerId));
        // An erased report stays, without its ties; any other record is deleted.
        Assert.Equal(table == "intelligence_reports" ? 1L : 0L, await database.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE id = '{recordId}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM intelligence_reports WHERE agency_id = '{partnerId}'"));
        Assert.True(references <= await database.ScalarAsync<long>(
            $"SELECT coalesce(sum(row_count), 0) FROM audit_log WHERE action = 'erasure' AND agency_id = '{ownerId}' AND justification = '{Reason}' AND entity_kind <> '{table}'"));
    }

    /// <summary>
    /// A record of a new owner agency, shared with a partner whose analyst refers to it in every way the kind allows
    /// (see <see cref="Referred"/>); the owner also mentions it in a report of its own, which does not count.
    /// </summary>
    private async Task<(Guid RecordId, HttpClient Owner, Guid OwnerId, Guid PartnerId)> RecordReferredToByAnotherAgencyAsync(
        string route, string table, string codePrefix)
    {
        var (ownerId, owner) = await database.SignInAsync($"{codePrefix}-{Abbreviation(table)}-O");
        var (partnerId, partner) = await database.SignInAsync($"{codePrefix}-{Abbreviation(table)}-P");
        await TestData.ShareAsync(database.Application, ownerId, partnerId);
        var body = route == "/api/persons" ? EntityTestData.Person(role: "child_at_risk") : await BodyAsync(route, owner);
        var recordId = await owner.CreateAsync(route, body);
        var partnerPerson = await partner.CreateAsync("/api/persons", EntityTestData.Person());
        switch (table)
        {
            case "intelligence_reports":
                var partnerPremises = await partner.CreateAsync("/api/premises", EntityTestData.Premises());
                var link = EntityTestData.Link("person", partnerPerson, "premises", partnerPremises);
                link["sourceReportIds"] = new JsonArray(recordId);
                await partner.CreateAsync("/api/links", link);
                await partner.CreateAsync("/api/reports", TestData.Report());
                break;
            default:
                var (mentions, linkKind) = table switch
                {
                    "persons" => ("personIds", "person"),
                    "premises" => ("premisesIds", "premises"),
                    "locations" => ("locationIds", "location"),
                    "phone_numbers" => ("phoneNumberIds", "phone_number"),
                    "online_identifiers" => ("onlineIdentifierIds", "online_identifier"),
                    _ => ("vehicleIds", "vehicle"),
                };
                var ownReport = TestData.Report();
                ownReport[mentions] = new JsonArray(recordId);
                await owner.CreateAsync("/api/reports", ownReport);
                var partnerReport = TestData.Report();
                partnerReport[mentions] = new JsonArray(recordId);
                await partner.CreateAsync("/api/reports", partnerReport);
                await partner.CreateAsync("/api/links", EntityTestData.Link("person", partnerPerson, linkKind, recordId));
                if (table == "persons")
                {
                    await partner.CreateAsync("/api/missing-episodes", EntityTestData.MissingEpisode(recordId, DateTimeOffset.UtcNow.AddDays(-3)));
                }

                break;
        }

        return (recordId, owner, ownerId, partnerId);
    }

    /// <summary>The partner's records and every mention or provenance row of its reports and links, as one comparable text.</summary>
    private Task<string?> RowsOfAgencyAsync(Guid agencyId) => database.ScalarAsync<string>(
        $"""
        SELECT concat_ws(' | ',
            (SELECT string_agg(id::text, ',' ORDER BY id) FROM intelligence_reports WHERE agency_id = '{agencyId}'),
            (SELECT string_agg(id::text, ',' ORDER BY id) FROM links WHERE agency_id = '{agencyId}'),
            (SELECT string_agg(id::text, ',' ORDER BY id) FROM missing_episodes WHERE agency_id = '{agencyId}'),
            (SELECT string_agg(m::text, ',' ORDER BY m::text) FROM report_persons m JOIN intelligence_reports r ON r.id = m.report_id WHERE r.agency_id = '{agencyId}'),
            (SELECT string_agg(m::text, ',' ORDER BY m::text) FROM report_premises m JOIN intelligence_reports r ON r.id = m.report_id WHERE r.agency_id = '{agencyId}'),
            (SELECT string_agg(m::text, ',' ORDER BY m::text) FROM report_locations m JOIN intelligence_reports r ON r.id = m.report_id WHERE r.agency_id = '{agencyId}'),
            (SELECT string_agg(m::text, ',' ORDER BY m::text) FROM report_vehicles m JOIN intelligence_reports r ON r.id = m.report_id WHERE r.agency_id = '{agencyId}'),
            (SELECT string_agg(m::text, ',' ORDER BY m::text) FROM report_phone_numbers m JOIN intelligence_reports r ON r.id = m.report_id WHERE r.agency_id = '{agencyId}'),
            (SELECT string_agg(m::text, ',' ORDER BY m::text) FROM report_online_identifiers m JOIN intelligence_reports r ON r.id = m.report_id WHERE r.agency_id = '{agencyId}'),
            (SELECT string_agg(m::text, ',' ORDER BY m::text) FROM link_reports m JOIN links l ON l.id = m.link_id WHERE l.agency_id = '{agencyId}'))
        """);

    private Task<long> ReferencesFromAgencyAsync(string table, Guid recordId, Guid agencyId) => database.ScalarAsync<long>(table switch
    {
        "intelligence_reports" => $"SELECT count(*) FROM link_reports m JOIN links l ON l.id = m.link_id WHERE m.report_id = '{recordId}' AND l.agency_id = '{agencyId}'",
        _ => $"""
            SELECT (SELECT count(*) FROM report_{table} m JOIN intelligence_reports r ON r.id = m.report_id
                    WHERE m.{Column(table)} = '{recordId}' AND r.agency_id = '{agencyId}')
                 + (SELECT count(*) FROM links WHERE agency_id = '{agencyId}'
                    AND '{recordId}' IN (person_id, related_person_id, premises_id, vehicle_id, location_id, phone_number_id, online_identifier_id))
                 + (SELECT count(*) FROM missing_episodes WHERE agency_id = '{agencyId}' AND person_id = '{recordId}')
            """,
    });

    /// <summary>Agency codes are at most 16 characters: three letters name the kind.</summary>
    private static string Abbreviation(string table) => table[..3].ToUpperInvariant() + (table == "premises" ? "M" : "");

    private static string Column(string table) => table switch
    {
        "persons" => "person_id",
        "premises" => "premises_id",
        "locations" => "location_id",
        "phone_numbers" => "phone_number_id",
        "online_identifiers" => "online_identifier_id",
        _ => "vehicle_id",
    };

    private Task<long> CountAsync(string table, Guid agencyId) =>
        database.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE agency_id = '{agencyId}'");

    /// <summary>A valid create body for <paramref name="route"/>, recording with <paramref name="analyst"/> the records it refers to.</summary>
    /// <summary>Patrols at a premises of the caller's agency, owned by that agency.</summary>
    private static async Task<JsonObject> DisruptionActionBodyAsync(HttpClient analyst)
    {
        var premises = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var agencyId = (await (await analyst.GetAsync($"/api/premises/{premises}")).ReadObjectAsync())["properties"]!["restrictions"]!["agencyId"]!.GetValue<Guid>();
        return EntityTestData.DisruptionAction("premises", premises, agencyId);
    }

    private static async Task<JsonObject> BodyAsync(string route, HttpClient analyst) => route switch
    {
        "/api/reports" => TestData.Report(),
        "/api/persons" => EntityTestData.Person(),
        "/api/premises" => EntityTestData.Premises(),
        "/api/locations" => EntityTestData.Location(EntityTestData.Square(TestData.CentreLongitude, TestData.CentreLatitude, 0.001)),
        "/api/vehicles" => EntityTestData.Vehicle(),
        "/api/phone-numbers" => EntityTestData.PhoneNumber(),
        "/api/online-identifiers" => EntityTestData.OnlineIdentifier(),
        "/api/links" => EntityTestData.Link("person", await analyst.CreateAsync("/api/persons", EntityTestData.Person()),
            "premises", await analyst.CreateAsync("/api/premises", EntityTestData.Premises())),
        "/api/disruption-actions" => await DisruptionActionBodyAsync(analyst),
        "/api/panels" => EntityTestData.Panel(),
        _ => EntityTestData.MissingEpisode(await analyst.CreateAsync("/api/persons", EntityTestData.Person(role: "child_at_risk")),
            DateTimeOffset.UtcNow.AddDays(-3)),
    };
}
