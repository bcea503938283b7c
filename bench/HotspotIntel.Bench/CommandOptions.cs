using System.Globalization;
using HotspotIntel.Bench.City;

namespace HotspotIntel.Bench;

/// <summary>The <c>--name value</c> switches after a command's verb; a switch without a value is a flag.</summary>
internal sealed class CommandOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public CommandOptions(IEnumerable<string> arguments)
    {
        var list = arguments.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{list[i]}': options are written --name value.");
            }

            var name = list[i][2..];
            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            _values[name] = hasValue ? list[++i] : "true";
        }
    }

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _values.ContainsKey(name);

    public ulong Seed => Text("seed") is { } seed ? ulong.Parse(seed, CultureInfo.InvariantCulture) : SyntheticCity.DefaultSeed;

    public int Number(string name, int fallback) =>
        Text(name) is { } value ? int.Parse(value.Replace("_", "").Replace(",", ""), CultureInfo.InvariantCulture) : fallback;

    /// <summary>The city's size from <c>--scale demo|regional|N</c> or <c>--reports N</c>, else <paramref name="fallback"/>.</summary>
    public CityScale Scale(string fallback)
    {
        var text = Text("reports") ?? Text("scale") ?? fallback;
        return CityScale.TryParse(text, out var scale, out var problem) ? scale : throw new ArgumentException(problem);
    }
}
