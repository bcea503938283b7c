using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// Declares on every operation the error responses the pipeline can give besides those its handler returns, each as
/// RFC 9457 Problem Details, so that a generated client knows them: 400 (a parameter or body it cannot read), 401 and
/// 403 (token and role), 404 (a path naming nothing), 409 and 422 (writes: a conflict, a rule the database holds),
/// 413 and 415 (bodies), 414 (the path and query string), 429 (the per-user rate limit) and 503 (the database away).
/// </summary>
internal sealed class StandardResponses : IOpenApiOperationTransformer
{
    public const string ProblemSchema = "ProblemDetails";
    public const string ValidationProblemSchema = "HttpValidationProblemDetails";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var method = description.HttpMethod ?? "GET";
        var writes = method is "POST" or "PUT" or "PATCH" or "DELETE";
        var hasBody = description.ParameterDescriptions.Any(parameter => parameter.Source.Id is "Body" or "Form") || metadata.OfType<IAcceptsMetadata>().Any();
        var hasParameters = description.ParameterDescriptions.Any(parameter => parameter.Source.Id is not ("Services" or "Special"))
            || (operation.Parameters?.Count ?? 0) > 0;
        var inPath = description.ParameterDescriptions.Any(parameter => parameter.Source.Id == "Path");
        var problem = await ReferenceAsync(context, typeof(ProblemDetails), ProblemSchema, cancellationToken);
        var validation = await ReferenceAsync(context, typeof(HttpValidationProblemDetails), ValidationProblemSchema, cancellationToken);

        operation.Responses ??= [];
        Declare(operation, hasParameters || hasBody, "400", "The request is not valid: the errors name each field and say why.", validation);
        Declare(operation, !anonymous, "401", "Not signed in: no bearer token, or one the API does not accept (the detail says why).", problem);
        Declare(operation, !anonymous, "403", "Your role or agency may not do this.", problem);
        Declare(operation, inPath, "404", "Nothing of that id (or name) that you can see.", problem);
        Declare(operation, writes, "409", "A conflict: the record changed meanwhile, others' records refer to it, or the Idempotency-Key was used for something else.", problem);
        Declare(operation, hasBody, "413", "The body is larger than the API reads (1 MB for JSON, 512 MB for an import file).", problem);
        Declare(operation, true, "414", "The path and query string are longer than 8,192 characters.", problem);
        Declare(operation, hasBody, "415", "The body's content type is not one this operation reads.", problem);
        Declare(operation, writes, "422", "The database refused the change: it would break a rule the data must keep.", problem);
        Declare(operation, true, "429", "Too many requests: wait for the Retry-After seconds.", problem);
        Declare(operation, description.RelativePath != "health", "503", "The database is unreachable: retry after the Retry-After seconds.", problem);
    }

    private static void Declare(OpenApiOperation operation, bool applies, string status, string description, IOpenApiSchema schema)
    {
        if (!applies || operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
        };
    }

    /// <summary>A reference to the component schema of <paramref name="type"/>, registered under <paramref name="name"/> on first use.</summary>
    private static async Task<IOpenApiSchema> ReferenceAsync(OpenApiOperationTransformerContext context, Type type, string name, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(name))
        {
            document.Components.Schemas[name] = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        }

        return new OpenApiSchemaReference(name, document);
    }
}
