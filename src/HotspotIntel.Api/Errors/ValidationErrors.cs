using Microsoft.AspNetCore.Http.HttpResults;

namespace HotspotIntel.Api.Errors;

/// <summary>The field-level errors found while validating a request at the edge, keyed by the field's JSON name.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(ToDictionary(), title: "The request is not valid.",
            detail: string.Join(" ", _errors.Select(pair => $"{pair.Key}: {string.Join(" ", pair.Value)}")));
}
