using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;

namespace HotspotIntel.Api.Tests.Infrastructure;

/// <summary>Swagger UI is only as good as the document behind it: every operation named, summarised and secured; request bodies with examples.</summary>
public sealed class OpenApiDocumentTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Every_operation_has_an_id_a_summary_and_the_bearer_requirement_unless_anonymous()
    {
        var document = await DocumentAsync();
        var wrong = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var anonymous = path is "/health";
                if (operation!["operationId"] is null || string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>())
                    || (!anonymous && operation["security"] is null && document["security"] is null))
                {
                    wrong.Add($"{method.ToUpperInvariant()} {path}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("ReportRequest", "narrative")]
    [InlineData("PremisesRequest", "name")]
    [InlineData("VehicleRequest", "registrationMark")]
    [InlineData("DisclosureRequest", "recipient")]
    public async Task Request_schemas_carry_examples(string schema, string property)
    {
        var document = await DocumentAsync();

        var example = document["components"]!["schemas"]![schema]!["properties"]![property]!["examples"]?[0];

        Assert.False(string.IsNullOrWhiteSpace(example?.ToJsonString().Trim('"')));
    }

    [Theory]
    [InlineData("/api/imports/reports", "occurred_at")]
    [InlineData("/api/imports/premises", "premises_type")]
    public async Task Import_bodies_are_described_per_media_type_with_their_columns_and_codes_and_the_refusals_are_declared(string path, string column)
    {
        var operation = (await DocumentAsync())["paths"]![path]!["post"]!;
        var content = operation["requestBody"]!["content"]!;

        var csv = content["text/csv"]!["schema"]!;
        Assert.Equal("string", csv["type"]!.GetValue<string>());
        Assert.Contains(column, csv["description"]!.GetValue<string>());
        Assert.Contains("handling_code (required: P, C", csv["description"]!.GetValue<string>());
        Assert.StartsWith("longitude,latitude,", content["text/csv"]!["example"]!.GetValue<string>());
        var geoJson = content["application/geo+json"]!["schema"]!;
        Assert.Equal("FeatureCollection", geoJson["properties"]!["type"]!["enum"]![0]!.GetValue<string>());
        Assert.Contains(column.Replace("_t", "T", StringComparison.Ordinal).Replace("_a", "A", StringComparison.Ordinal), geoJson["description"]!.GetValue<string>());
        foreach (var status in new[] { "409", "413", "415", "422" })
        {
            Assert.Equal("application/problem+json", Assert.Single(operation["responses"]![status]!["content"]!.AsObject()).Key);
        }
    }

    [Fact]
    public async Task Text_members_are_described_as_strings_though_a_converter_reads_them()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;

        Assert.Equal("string", schemas["ReportRequest"]!["properties"]!["narrative"]!["type"]!.GetValue<string>());
        Assert.Equal("string", schemas["PersonRequest"]!["properties"]!["aliases"]!["items"]!["type"]!.GetValue<string>());
    }

    private async Task<JsonObject> DocumentAsync()
    {
        using var client = database.Application.CreateClient();
        return await (await client.GetAsync("/openapi/v1.json")).ReadObjectAsync();
    }
}
