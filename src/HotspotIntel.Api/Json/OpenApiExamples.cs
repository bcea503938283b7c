using System.Text.Json.Nodes;

namespace HotspotIntel.Api.Json;

/// <summary>A worked example of an endpoint's answer in the OpenAPI document, where a schema alone does not show how its figures fit together.</summary>
internal static class OpenApiExamples
{
    /// <summary>Sets <paramref name="json"/> as the example of the endpoint's 200 <c>application/json</c> answer.</summary>
    public static TBuilder WithResponseExample<TBuilder>(this TBuilder builder, string json) where TBuilder : IEndpointConventionBuilder
    {
        var example = JsonNode.Parse(json);
        return builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var media) == true)
            {
                media.Example = example?.DeepClone();
            }

            return Task.CompletedTask;
        });
    }
}
