using HotspotIntel.Api.Errors;

namespace HotspotIntel.Api.Network;

/// <summary>
/// What a network question asks, as the network and its exports both read it: where it starts, how many links out,
/// the most entities it returns, and which links it follows.
/// </summary>
public sealed record NetworkQuestion(IReadOnlyList<NetworkReference> Starts, int Hops, int NodeLimit, NetworkFilter Filter)
{
    public const int DefaultHops = 2;
    public const int MaxHops = 3;
    public const int DefaultNodeLimit = 500;
    public const int MaxNodeLimit = 2000;
    public const int MaxStarts = 50;

    /// <summary>The question as given, with what is wrong in it added to <paramref name="errors"/>.</summary>
    public static NetworkQuestion Read(string[]? start, int? hops, int? nodeLimit, NetworkFilterParameters filter, ValidationErrors errors)
    {
        var starts = ReadStarts(start, errors);
        var (depth, limit) = (hops ?? DefaultHops, nodeLimit ?? DefaultNodeLimit);
        if (depth is < 1 or > MaxHops)
        {
            errors.Add("hops", "Must be 1, 2 or 3.");
        }

        if (limit is < 1 or > MaxNodeLimit)
        {
            errors.Add("nodeLimit", $"Must be 1 to {MaxNodeLimit}.");
        }

        return new NetworkQuestion(starts, depth, limit, filter.Read(errors));
    }

    private static List<NetworkReference> ReadStarts(string[]? values, ValidationErrors errors)
    {
        var starts = new List<NetworkReference>();
        var given = (values ?? []).SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (given.Count is 0 or > MaxStarts)
        {
            errors.Add("start", $"Give 1 to {MaxStarts} starting points as kind:id, e.g. start=person:0190a1b2-0000-7000-8000-000000000001.");
            return starts;
        }

        foreach (var value in given)
        {
            if (NetworkReference.Read(value, "start", alsoReportsAndHotspots: true, errors) is { } start)
            {
                starts.Add(start);
            }
        }

        return starts;
    }
}
