using System.Text.Json;
using System.Text.Json.Serialization;
using HotspotIntel.Api.Input;

namespace HotspotIntel.Api.Json;

/// <summary>
/// Reads every JSON string of every request body through <see cref="TextInput.Unstorable"/>: a NUL (which PostgreSQL
/// refuses, so it used to reach a 500), another control character or half a surrogate pair is a
/// <see cref="JsonException"/>, and so a 400 naming the member. Writing is the default.
/// </summary>
internal sealed class StorableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && TextInput.Unstorable(text) is { } problem ? throw new JsonException(problem) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
