using System.Text.Json.Nodes;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Premises;
using HotspotIntel.Core.Records;
using HotspotIntel.Core.Reports;
using Microsoft.OpenApi;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// An import endpoint's file formats in the OpenAPI document: the CSV columns and the GeoJSON properties of its
/// <see cref="ImportField"/>s with their codes, one schema per media type, and the refusals an import answers with.
/// </summary>
internal static class ImportBodyDocumentation
{
    private static readonly Dictionary<string, IReadOnlyList<string>> CodesByField = new(StringComparer.Ordinal)
    {
        ["category"] = EnumCodes<ReportCategory>.All,
        ["premisesType"] = EnumCodes<PremisesType>.All,
        ["sourceEvaluation"] = EnumCodes<SourceEvaluation>.All,
        ["intelligenceAssessment"] = EnumCodes<IntelligenceAssessment>.All,
        ["handlingCode"] = EnumCodes<HandlingCode>.All,
        ["securityMarking"] = EnumCodes<SecurityMarking>.All,
        ["lawfulBasis"] = EnumCodes<LawfulBasis>.All,
    };

    public static RouteHandlerBuilder DescribesImportOf(this RouteHandlerBuilder endpoint, IReadOnlyList<ImportField> fields) =>
        endpoint
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.RequestBody is OpenApiRequestBody body)
                {
                    body.Required = true;
                    body.Content ??= new Dictionary<string, OpenApiMediaType>();
                    body.Content[ImportFormats.CsvMediaType] = Csv(fields);
                    body.Content[ImportFormats.GeoJsonMediaType] = GeoJson(fields);
                }

                return Task.CompletedTask;
            });

    private static string Describe(ImportField field, string name) =>
        $"{name} ({(field.Required ? "required" : "optional")}{(CodesByField.TryGetValue(field.Name, out var codes) ? ": " + string.Join(", ", codes) : "")})";

    private static OpenApiMediaType Csv(IReadOnlyList<ImportField> fields)
    {
        var columns = new[] { "longitude", "latitude" }.Concat(fields.Select(field => field.Column)).ToList();
        return new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "UTF-8 CSV with a header row (RFC 4180). Location: longitude, latitude (WGS84) or easting, northing (EPSG:27700). "
                    + "Columns: " + string.Join("; ", fields.Select(field => Describe(field, field.Column))) + ". Dates ISO 8601. "
                    + "Every row is checked as the JSON API checks one record: all rows are imported, or none and every row's errors (422).",
            },
            Example = JsonValue.Create(string.Join(",", columns) + "\n"),
        };
    }

    private static OpenApiMediaType GeoJson(IReadOnlyList<ImportField> fields) => new()
    {
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 7946 FeatureCollection; each feature a Point (WGS84, or EPSG:27700 when the collection says \"coordinateSystem\": \"EPSG:27700\" "
                + "or, as GDAL writes it, a \"crs\" member naming urn:ogc:def:crs:EPSG::27700) whose properties are the record's fields: "
                + string.Join("; ", fields.Select(field => Describe(field, field.Name))) + ".",
            Required = new HashSet<string> { "type", "features" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("FeatureCollection")] },
                ["features"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "type", "geometry", "properties" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("Feature")] },
                            ["geometry"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "A GeoJSON Point." },
                            ["properties"] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Required = new HashSet<string>(fields.Where(field => field.Required).Select(field => field.Name)),
                                Properties = fields.ToDictionary(field => field.Name, field => (IOpenApiSchema)new OpenApiSchema { Description = Describe(field, field.Name) }),
                            },
                        },
                    },
                },
            },
        },
    };
}
